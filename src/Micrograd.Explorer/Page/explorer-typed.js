// The graph of an expression typed in the page (explorer-expression.js), which the page opens with instead of the graph
// the engine wrote into it: the #hash holds the expression (expr=…) and its variables' values in order (at=1.5,-2), so a
// reload or a link shows it. The page parses and builds it with the expression language's twins (expression-*.js), lays
// its picture out itself (graph-layout.js) in place of Graphviz's, and computes with the engine's op twins.
"use strict";
/* global Numbers, PageKit, ExpressionParser, ExpressionGraph, GraphLayout, microgradPower */
/* exported ExplorerTyped */

const ExplorerTyped = Object.freeze({
  /** The functions of the expression language ([[name, arity], …]), as the engine wrote them into the page. */
  functions() {
    return JSON.parse(PageKit.$("expression-language").textContent).functions;
  },

  /** The expression and values a #hash holds: { text, values (texts, maybe fewer or more than the variables) }, or null. */
  fromHash(hash) {
    const items = PageKit.hashItems(hash);
    const expr = items ? items.find(([key]) => key === "expr") : undefined;
    if (!expr) return null;
    const at = items.find(([key]) => key === "at");
    return { text: expr[1], values: at && at[1] !== "" ? at[1].split(",") : [] };
  },

  /**
   * The graph model of an expression at values (texts; a missing or unreadable one is 1), with the op twins it needs added
   * to ops: { graph } or, when the text is not an expression, { problem, position } (the parser's message, and the 0-based
   * position it is about).
   */
  build(text, valueTexts, ops) {
    let parsed;
    try {
      parsed = ExpressionParser.parse(text, ExplorerTyped.functions());
    } catch (error) {
      if (error.name !== "ExpressionError") throw error;
      return { problem: error.message, position: error.position };
    }
    const values = parsed.variables.map((_, k) => {
      const read = k < valueTexts.length ? Numbers.parse(valueTexts[k]) : null;
      return read && read.problem === undefined ? read.value : 1;
    });
    const power = microgradPower(Numbers.fma, Numbers.pow, ExpressionGraph.textNumber);
    return { graph: ExpressionGraph.model(text, parsed, values, ops, power) };
  },

  /**
   * At the start: the typed expression of the #hash, if any, built, with its picture laid out in the page into the graph's
   * container (replacing Graphviz's layouts). Returns { text, graph, problem }: text null when the hash has none; graph
   * null (and problem the parser's message) when it is not an expression, and the page then shows the graph it holds.
   */
  start(ops) {
    const typed = ExplorerTyped.fromHash(location.hash);
    if (!typed) return { text: null, graph: null, problem: "" };
    const { graph, problem } = ExplorerTyped.build(typed.text, typed.values, ops);
    if (!graph) return { text: typed.text, graph: null, problem };
    const container = PageKit.$("graph");
    for (const template of container.querySelectorAll("template[data-direction]")) template.remove();
    for (const direction of ["LR", "TB"]) container.appendChild(GraphLayout.template(graph, direction));
    return { text: typed.text, graph, problem: "" };
  },
});
