// The explorer's changed leaves: a new value for some leaves (typed, dragged, learnt or put back) recomputes both passes at
// the new point, and the page shows them finished; the title, the change line and the check say what changed, and the
// message line says why a typed value was refused.
"use strict";
/* global Numbers, PageKit, GraphPasses */
/* exported ExplorerLeaves */

const ExplorerLeaves = Object.freeze({
  /** Adds to the page: setLeaves(changes), showTitle(), showCheck(), showMessage(text) and clearMessage(). */
  attach(page) {
    const { short } = Numbers;
    const { $ } = PageKit;
    const { graph, OPS, nodes, n, root, engine, original, leafValue, refName } = page;

    /**
     * Gives leaves new values ([id, value] pairs) and shows both passes, recomputed, at their end; or, with keepStep (the
     * what-if slider), at the step shown, so that trying values keeps the learner's place (from the start, at the end).
     */
    function setLeaves(changes, keepStep = false) {
      const position = engine.position;
      for (const [id, value] of changes) leafValue[id] = value;
      page.run = GraphPasses.compute(graph, OPS, leafValue);
      page.pause();
      engine.setRun(page.run);
      engine.goTo(keepStep && position > 0 ? position : engine.length);
      clearMessage();
      $("nudge-result").replaceChildren();
      page.render(GraphPasses.ALL);
      showTitle();
      showCheck();
      page.showLeafPanel();
    }

    function showTitle() {
      const title = page.titleText();
      $("title").textContent = title;
      $("title").title = title;
      document.title = `${title} · micrograd explorer`;
    }

    /** "w 0.8 → 2: y 0.7163 → 0.991; w.grad 0.7304 → 0.02705", for the leaves that differ from the page's first values. */
    function changeText() {
      const edited = page.editedLeaves();
      if (edited.length === 0) return "";
      const run = page.run;
      const list = (ids, text) => ids.slice(0, 3).map(text).join(", ") + (ids.length > 3 ? ` and ${ids.length - 3} more` : "");
      const leaves = list(edited, (id) => `${nodes[id].name} ${short(original[id])} → ${short(leafValue[id])}`);
      const output = `${nodes[root].name} ${short(nodes[root].data)} → ${short(run.data[root])}`;
      const grads = list(edited, (id) => `${refName(id)}.grad ${short(nodes[id].grad)} → ${short(run.grad[id])}`);
      return `${leaves}: ${output}; ${grads}`;
    }

    function showMessage(text) {
      const message = $("message");
      message.textContent = text;
      message.hidden = false;
    }

    function clearMessage() {
      const message = $("message");
      if (message.hidden) return;
      message.hidden = true;
      message.textContent = "";
    }

    /** Does the page compute what the engine computed? Compared bit for bit at the point the page was made. */
    function showCheck() {
      const check = $("check");
      const change = $("change");
      const text = changeText();
      change.hidden = text === "";
      change.textContent = text;
      if (text !== "") {
        check.className = "edited";
        check.textContent = "edited: both passes recomputed in the page";
        check.title = check.textContent;
        return;
      }
      if (graph.typed) {
        // a graph typed in the page: no engine's numbers to compare with (the expression box's tests compare the page's
        // parser, builder and passes with the engine's)
        check.className = "";
        check.textContent = "computed in the page";
        check.title = "A typed expression's numbers are computed in the page with the engine's op twins; the engine made none to compare with";
        return;
      }
      const run = page.run;
      let differ = 0;
      for (const node of nodes) {
        if (!Object.is(run.data[node.id], node.data)) differ++;
        if (!Object.is(run.grad[node.id], node.grad)) differ++;
      }
      check.className = differ === 0 ? "agree" : "differ";
      check.textContent = differ === 0
        ? `✓ all ${2 * n} numbers equal the engine's, bit for bit`
        : `⚠ ${differ} of ${2 * n} numbers differ from the engine's in the last digits (this browser's Math library)`;
      check.title = check.textContent; // whole, where the header cuts it
    }

    Object.assign(page, { setLeaves, showTitle, showCheck, showMessage, clearMessage });
  },
});
