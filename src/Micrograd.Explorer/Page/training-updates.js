// The training page's table of every parameter's update at the step shown: its value, its gradient, the optimizer's state
// after the step and the direction the step moves it in (Adam: −m/√v, which lr·m̂/(√v̂ + ε) follows; momentum: −velocity;
// plain SGD: −grad), every digit (the shortest text that reads back as the same number). Filled only while it is open.
"use strict";
/* global Numbers, PageKit */
/* exported TrainingUpdates */

const TrainingUpdates = Object.freeze({
  /** Adds to the page: showUpdates() (the step shown changed). */
  attach(page) {
    const { full } = Numbers;
    const { $ } = PageKit;
    const { names } = page;
    const details = $("updates");

    // Each optimizer's columns after the value and the gradient: [heading, the number from (grad, state, j)], by the count
    // of its state arrays (the step shown's optimizer: a train-again may use another than the run's).
    const COLUMNS = [
      [["−grad", (g, s, j) => -g[j]]],
      [["velocity", (g, s, j) => s[0][j]], ["−velocity", (g, s, j) => -s[0][j]]],
      [["m", (g, s, j) => s[0][j]], ["√v", (g, s, j) => Math.sqrt(s[1][j])], ["−m/√v", (g, s, j) => -s[0][j] / Math.sqrt(s[1][j])]],
    ];
    const ABOUT = [
      "Plain SGD keeps no state: each parameter moves by −lr·grad, so the direction shown is −grad.",
      "Momentum: the velocity is the running sum of the gradients (each step keeps a fraction of it), after this step's update; each parameter moves by −lr·velocity.",
      "Adam: m and v are the running means of each gradient and of its square, after this step's update. Each parameter moves along −m/√v (by lr·m̂/(√v̂ + ε), m̂ and v̂ being m and v with their bias corrections): a steady gradient moves it a full step, a noisy one less.",
    ];
    let kind = -1;
    let columns = [];
    let rows = [];

    /** The table's head and rows for an optimizer of `count` state arrays. */
    function build(count) {
      kind = count;
      columns = COLUMNS[count];
      $("updates-head").replaceChildren(...["parameter", "value", "grad", ...columns.map((c) => c[0])].map((heading) => {
        const th = document.createElement("th");
        th.scope = "col";
        th.textContent = heading;
        return th;
      }));
      rows = names.map((name, j) => {
        const tr = document.createElement("tr");
        tr.dataset.parameter = String(j);
        const th = document.createElement("th");
        th.scope = "row";
        th.textContent = name;
        const cells = Array.from({ length: 2 + columns.length }, () => document.createElement("td"));
        tr.append(th, ...cells);
        return cells;
      });
      $("update-rows").replaceChildren(...rows.map((cells) => cells[0].parentElement));
    }

    function showUpdates() {
      if (!details.open || !page.view) return;
      const view = page.view;
      if (view.state.length !== kind) build(view.state.length);
      const about = ABOUT[kind];
      $("updates-about").textContent = view.end
        ? `After the last step no update follows: the gradients of the whole data, and the optimizer's state as the last step left it. ${about}`
        : `At step ${page.position}: the values the step is measured with and their gradients. ${about}`;
      rows.forEach((cells, j) => {
        cells[0].textContent = full(view.params[j]);
        cells[1].textContent = full(view.grads[j]);
        columns.forEach(([, number], c) => { cells[2 + c].textContent = full(number(view.grads, view.state, j)); });
      });
    }

    build(page.trainer.stateCount);
    details.addEventListener("toggle", showUpdates);
    Object.assign(page, { showUpdates });
  },
});
