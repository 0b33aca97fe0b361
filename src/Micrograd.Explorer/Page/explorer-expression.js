// The expression box: type an expression and press Enter (or Build), and the page shows its graph instead, with the
// step-through, the table and the tools; each variable keeps the value of the leaf of its name, if the graph has one, and
// is 1 otherwise. The expression goes into the #hash (expr=…&at=…), and the page reloads and opens with it
// (explorer-typed.js builds it), so a reload, a link and Back show it too. A text that is not an expression shows the
// parser's message next to the box, and the graph stays.
"use strict";
/* global Numbers, PageKit, ExpressionParser, ExplorerTyped */
/* exported ExplorerExpression */

const ExplorerExpression = Object.freeze({
  /** Adds to the page: build(text), which shows an expression's graph, or the parser's message. */
  attach(page) {
    const { $ } = PageKit;
    const { graph, nodes, leafValue, isLeaf } = page;
    const box = $("expression");
    const problem = $("expression-problem");

    function showProblem(text) {
      problem.textContent = text;
      problem.hidden = text === "";
      box.setAttribute("aria-invalid", String(text !== ""));
    }

    /** The text the box opens with: the typed expression, else the page's title when it is an expression of the graph's variables. */
    function firstText() {
      if (page.typed.text !== null) return page.typed.text;
      try {
        const parsed = ExpressionParser.parse(graph.title, ExplorerTyped.functions());
        const labels = new Set(nodes.filter((node) => isLeaf(node) && node.label !== "").map((node) => node.label));
        return parsed.variables.length > 0 && parsed.variables.every((name) => labels.has(name)) ? graph.title : "";
      } catch (error) {
        if (error.name !== "ExpressionError") throw error;
        return "";
      }
    }

    function build(text) {
      let parsed;
      try {
        parsed = ExpressionParser.parse(text, ExplorerTyped.functions());
      } catch (error) {
        if (error.name !== "ExpressionError") throw error;
        showProblem(error.message);
        return false;
      }
      showProblem("");
      const values = parsed.variables.map((name) => {
        const leaf = nodes.find((node) => isLeaf(node) && node.label === name);
        return Numbers.full(leaf ? leafValue[leaf.id] : 1);
      });
      const hash = `expr=${encodeURIComponent(text)}&at=${values.map(encodeURIComponent).join(",")}&dir=${page.view.direction}`;
      // a new history entry, so that Back shows the graph before; its hashchange reloads the page (explorer-hash.js)
      if (location.hash === `#${hash}`) location.reload();
      else location.hash = hash;
      return true;
    }

    box.value = firstText();
    showProblem(page.typed.problem);
    $("expression-form").addEventListener("submit", (event) => {
      event.preventDefault();
      build(box.value);
    });
    // Another expression in the #hash, or none after one (Back to a hash the page's state reader ignores): its graph.
    window.addEventListener("hashchange", () => {
      const typed = ExplorerTyped.fromHash(location.hash);
      if ((typed ? typed.text : null) !== page.typed.text) location.reload();
    });
    box.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        box.value = firstText();
        showProblem("");
      }
    });

    Object.assign(page, { build });
  },
});
