// The explorer's tools for trying things: selecting a value; for a selected leaf, a what-if slider and the nudge check (the
// seed's first check of a gradient); a learning step (p −= lr · grad for the ticked leaves) and the original values back.
"use strict";
/* global Numbers, PageKit, GraphPasses */
/* exported ExplorerLeafTools */

const ExplorerLeafTools = Object.freeze({
  /**
   * Adds to the page: select(id), showLeafPanel(), nudge(), learn(), restore(), and for the what-if plot sliderRange(id),
   * sliderValue(range, t), outputAt(id, value) and nudgePoints(id).
   */
  attach(page) {
    const { full, short, parse } = Numbers;
    const { $ } = PageKit;
    const { graph, OPS, nodes, n, root, view, isLeaf, feedsStored, hookedNames, editable, original, leafValue, refName } = page;

    /** Selects a value (-1: none); only its row and the row selected before change. */
    function select(id) {
      if (id !== page.selected) {
        page.selectRow(page.selected, id);
        page.selected = id;
      }
      view.select(id);
      view.setTabStop(id);
      if (id >= 0) page.revealRow(id);
      $("nudge-result").replaceChildren();
      showLeafPanel();
      page.saveHashSoon();
    }

    /** The ops of the stored nodes that depend on a value, each once, in order of the nodes. */
    function storedOpsFedBy(id) {
      const reached = new Set([id]);
      const ops = new Set();
      for (let j = id + 1; j < n; j++) {
        if (!nodes[j].operands.some((k) => reached.has(k))) continue;
        reached.add(j);
        if (GraphPasses.isStored(nodes[j])) ops.add(nodes[j].op);
      }
      return [...ops];
    }

    const slider = $("leaf-slider");

    /** The slider's range: the leaf's first value, give or take at least 1 (or as much as the value). */
    function sliderRange(id) {
      const center = original[id];
      if (!Number.isFinite(center)) return null;
      const half = Math.max(1, Math.abs(center));
      return { min: center - half, max: center + half };
    }

    /**
     * The value at a fraction t of the slider's range (0 to 1), rounded to the notch's digits, so that the middle notch gives
     * the first value back and 0 is 0.
     */
    function sliderValue(range, t) {
      const digits = Math.max(0, Math.ceil(-Math.log10((range.max - range.min) / 400)) + 1);
      return Number((range.min + t * (range.max - range.min)).toFixed(Math.min(digits, 20))) + 0;
    }

    function showLeafPanel() {
      const selected = page.selected;
      const leaf = selected >= 0 && editable(selected);
      $("leaf-hint").hidden = leaf;
      $("leaf-panel").hidden = !leaf;
      if (selected >= 0 && !leaf) {
        const node = nodes[selected];
        $("leaf-hint").textContent = node.constant
          ? `${node.name} is a constant: it cannot be changed.`
          : isLeaf(node) && !feedsStored[selected]
            ? `the graph has gradient hooks (on ${hookedNames.join(", ")}), which the page cannot rerun (C# functions): ${node.name} cannot be changed here.`
            : isLeaf(node)
            ? `${node.name} feeds ${storedOpsFedBy(selected).join(", ")}, which the page cannot recompute (defined in C# without a JavaScript twin): ${node.name} cannot be changed here.`
            : `${node.name} is computed from its operands: select a leaf to change it.`;
      }
      if (!leaf) {
        page.drawWhatIf();
        return;
      }
      $("leaf-name").textContent = nodes[selected].name;
      $("leaf-value").textContent = full(leafValue[selected]);
      const range = sliderRange(selected);
      slider.disabled = range === null;
      if (range) {
        slider.min = "0";
        slider.max = "400";
        const t = Math.round(((leafValue[selected] - range.min) / (range.max - range.min)) * 400);
        slider.value = String(Math.max(0, Math.min(400, Number.isFinite(t) ? t : 200)));
        slider.setAttribute("aria-valuetext", full(leafValue[selected]));
      }
      $("leaf-grad").textContent = `${refName(selected)}.grad = ${full(page.run.grad[selected])}`;
      page.drawWhatIf();
    }

    // The slider recomputes at most once a frame, however fast it is dragged.
    let sliderFrame = 0;
    slider.addEventListener("input", () => {
      if (sliderFrame) return;
      sliderFrame = requestAnimationFrame(() => {
        sliderFrame = 0;
        const selected = page.selected;
        const range = sliderRange(selected);
        if (!range || !editable(selected)) return;
        page.setLeaves([[selected, sliderValue(range, Number(slider.value) / 400)]], true);
      });
    });

    /** The seed's first check: nudge the leaf by h both ways and compare (f(x+h) − f(x−h)) / 2h with the backward pass's gradient. */
    /** The output with one leaf at another value and the others as they are now. */
    function outputAt(id, value) {
      const values = leafValue.slice();
      values[id] = value;
      return GraphPasses.forward(graph, OPS, values)[root];
    }

    /** The nudge check's secant through (x − h, f(x − h)) and (x + h, f(x + h)), h = 1e-4 · max(1, |x|), and its slope. */
    function nudgePoints(id) {
      const x = leafValue[id];
      const h = 1e-4 * Math.max(1, Math.abs(x));
      const up = outputAt(id, x + h);
      const down = outputAt(id, x - h);
      return { x, h, up, down, estimate: (up - down) / (2 * h) };
    }

    function nudge() {
      if (!(page.selected >= 0 && editable(page.selected))) return;
      const id = page.selected;
      const { h, up, down, estimate } = nudgePoints(id);
      const grad = page.run.grad[id];
      const name = refName(id);
      const out = nodes[root].name;
      const difference = Math.abs(estimate - grad) / Math.max(Math.abs(grad), 1e-12);
      let verdict;
      if (!Number.isFinite(estimate) || !Number.isFinite(grad)) verdict = "NaN or ∞ involved: the nudge cannot check this point";
      else if (Math.abs(estimate - grad) <= 1e-6 + 1e-4 * Math.abs(grad)) verdict = `they agree (relative difference ${difference.toExponential(1)}): the backward pass is right`;
      else verdict = "they differ: the function may not be smooth here (a kink such as relu at 0), or h is too large for it";
      const leaf = nodes[id].name;
      const lines = [
        `f = ${out}, h = ${short(h)}: f(${leaf}+h) = ${full(up)}, f(${leaf}−h) = ${full(down)}`,
        `(f(${leaf}+h) − f(${leaf}−h)) / 2h = ${short(estimate)}`,
        `${name}.grad (backward) = ${short(grad)}: ${verdict}`,
      ];
      $("nudge-result").replaceChildren(...lines.map((text, i) => {
        const span = document.createElement("span");
        span.className = i === 1 ? "estimate" : i === 2 ? "verdict" : "detail";
        span.textContent = text;
        return span;
      }));
      $("nudge-result").dataset.estimate = String(estimate);
    }

    // One learning step: p -= lr · grad for the leaves whose box is ticked.

    let learningSteps = 0;

    function learn() {
      const parsed = parse($("lr").value);
      if (parsed.problem !== undefined || !(parsed.value > 0)) {
        $("learn-result").textContent = `the learning rate “${$("lr").value.trim()}” ${parsed.problem ?? "must be above 0"}`;
        return;
      }
      const lr = parsed.value;
      const learnBoxes = page.learnBoxes;
      const chosen = learnBoxes.filter((box) => box.checked).map((box) => Number(box.dataset.id));
      if (chosen.length === 0) {
        $("learn-result").textContent = learnBoxes.length > 0 ? "tick the leaves to learn in the table first" : "no leaf of this graph can be changed here, so none can learn";
        return;
      }
      const run = page.run; // the passes before the step; setLeaves replaces page.run
      const before = run.data[root];
      const predicted = -lr * chosen.reduce((sum, id) => sum + run.grad[id] * run.grad[id], 0);
      page.setLeaves(chosen.map((id) => [id, leafValue[id] - lr * run.grad[id]]));
      learningSteps++;
      const after = page.run.data[root];
      $("learn-result").textContent =
        `step ${learningSteps}: ${nodes[root].name} ${short(before)} → ${short(after)} (change ${short(after - before)}; ` +
        `the gradient predicts −lr·Σgrad² = ${short(predicted)})`;
    }

    function restore() {
      learningSteps = 0;
      $("learn-result").textContent = "";
      page.setLeaves(nodes.filter((node) => isLeaf(node)).map((node) => [node.id, original[node.id]]));
    }

    Object.assign(page, { select, showLeafPanel, nudge, learn, restore, sliderRange, sliderValue, outputAt, nudgePoints });
  },
});
