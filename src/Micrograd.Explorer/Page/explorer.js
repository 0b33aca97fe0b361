// micrograd explorer: steps through a graph's forward pass (each node's data, in topological order) and backward pass (the
// chain rule, node by node in reverse order: local derivative × upstream gradient), and lets a learner change leaves: type
// a value, drag a what-if slider, check a gradient by nudging, or take a learning step.
//
// Built on the shared files: Numbers (numbers.js), PageKit (page-kit.js: the pages' plumbing), GraphPasses
// (graph-passes.js: both passes and the steps through them) and GraphView (graph-view.js: the picture); the explanation's
// texts come from Explanation (explanation.js). The op table comes from microgradOps(fma, pow), which the engine assembled
// from each op's JavaScript twin; no file of the explorer holds op formulas of its own.
//
// The explorer's own files, in the order the page runs them (each adds its part to the page object that
// explorer-model.js makes): explorer-model.js (the state), explorer-table.js (the table of values), explorer-steps.js
// (drawing a step, play and pause), explorer-leaves.js (changing leaves), explorer-leaf-tools.js (selection, the what-if
// slider, the nudge check, learning steps), explorer-what-if.js (the what-if plot of the output over a leaf), explorer-hash.js (the #hash), explorer-expression.js (the
// expression box; explorer-typed.js builds a typed expression's graph, with expression-*.js), explorer-controls.js (buttons and keys), and this
// file, which makes the picture, attaches the others and starts the page.
"use strict";
/* global Numbers, PageKit, GraphPasses, GraphView, ChainPicture, ExplorerModel, ExplorerTable, ExplorerSteps, ExplorerLeaves, ExplorerLeafTools, ExplorerWhatIf, ExplorerHash, ExplorerExpression, ExplorerControls, ExplorerTyped, microgradOps */

(() => {
  const { full, short, fixed4 } = Numbers;
  const { $ } = PageKit;

  const page = ExplorerModel.create();
  const { graph, nodes, n, root, engine, isLeaf, feedsStored, hookedNames } = page;

  // The picture, first: the table draws each value's numbers in it too. Long unlabelled values go by an alias (v1, …).
  const chain = ChainPicture.names(graph);
  const view = new GraphView($("graph"), {
    nodes,
    names: nodes.map((node) => chain.full(node.id)),
    tags: nodes.filter((node) => node.label === "" && !node.constant).map((node) => node.id),
    describe: (direction) => `The graph of ${graph.title}: ${n} value${n === 1 ? "" : "s"}, ` + (direction === "N"
      ? `each of its ${graph.groups.length} neurons drawn as one box (E or a double click expands one)`
      : `laid out ${direction === "TB" ? "top to bottom" : "left to right"}`),
    onSelect: (id) => page.select(id),
    aliasOf: (id) => chain.aliasOf(id),
    groups: graph.groups || [],
  });
  page.view = view;
  page.chain = chain;
  page.edgeLabels = new ChainPicture.EdgeLabels(view);

  /**
   * Lays the picture out in a direction and draws every value: whole whenever its text stays readable (at least 11 px),
   * else readable around the current node (or the first step's).
   */
  function setDirection(direction) {
    view.setDirection(direction);
    if (direction !== "N") page.fullDirection = direction;
    for (const button of document.querySelectorAll("#direction button")) {
      button.setAttribute("aria-pressed", String(button.dataset.direction === direction));
    }
    const current = engine.current;
    const first = current ? current.id : engine.at(1) ? engine.at(1).id : root;
    view.measure(true);
    view.fit();
    if (view.textPixels < page.READABLE_PIXELS) view.readableAround(view.drawn(first) ? first : view.shapes.findIndex(Boolean), page.OPEN_PIXELS);
    page.lastStep = null;
    page.render(GraphPasses.ALL);
  }
  page.setDirection = setDirection;

  /**
   * The neuron-level picture's boxes open into the full picture: expand(id) shows the full picture around the neuron that
   * holds value id (its values framed where they fit, its output selected); N switches between the two pictures.
   */
  page.expand = (id) => {
    const group = (graph.groups || []).find((g) => g.output === id || g.members.includes(id));
    if (!group || view.direction !== "N") return false;
    setDirection(page.fullDirection);
    view.readableAround(group.output, page.OPEN_PIXELS);
    view.frame(group.output, group.members);
    page.select(group.output);
    return true;
  };
  page.toggleNeurons = () => {
    if (view.layouts.N) setDirection(view.direction === "N" ? page.fullDirection : "N");
  };
  $("dir-n").hidden = !view.layouts.N;
  $("graph").addEventListener("dblclick", (event) => {
    const box = event.target instanceof Element ? event.target.closest("g.node[data-id]") : null;
    if (box) page.expand(Number(box.dataset.id));
  });

  ExplorerTable.attach(page);
  ExplorerSteps.attach(page);
  ExplorerLeaves.attach(page);
  ExplorerLeafTools.attach(page);
  ExplorerWhatIf.attach(page);
  ExplorerHash.attach(page);
  ExplorerExpression.attach(page);
  ExplorerControls.attach(page);

  // ---------------------------------------------------------------------------------------------------------------
  // Start: what the page cannot show or recompute, said once; the picture in the direction asked for (or top to bottom when
  // left to right is too small to read), at a readable scale around the first node; then the state of the #hash, if any.

  const drawn = nodes.filter((node) => node.drawn).length;
  if (drawn < n) {
    $("cut").textContent = `${(n - drawn).toLocaleString("en-US")} of ${n.toLocaleString("en-US")} values not drawn (the picture shows the ${drawn.toLocaleString("en-US")} nearest the result; the table lists every value)`;
    $("cut").hidden = false;
  }
  const storedOps = [...new Set(nodes.filter(GraphPasses.isStored).map((node) => node.op))];
  if (storedOps.length > 0) {
    const fixed = nodes.filter((node) => isLeaf(node) && !node.constant && feedsStored[node.id]).map((node) => node.name);
    const one = storedOps.length === 1;
    $("stored").textContent = `${storedOps.join(", ")} ${one ? "is a function" : "are functions"} defined in C# without a JavaScript twin: ` +
      `the page shows the engine's numbers for ${one ? "it" : "them"} and cannot recompute ${one ? "it" : "them"}` +
      (fixed.length > 0 ? `, so ${fixed.join(", ")} cannot be changed here` : "");
    $("stored").hidden = false;
  }
  if (hookedNames.length > 0) {
    const one = hookedNames.length === 1;
    $("hooked").textContent = `${hookedNames.join(", ")} ${one ? "has a gradient hook, a C# function that replaces" : "have gradient hooks, C# functions that replace"} ` +
      `a gradient in the backward pass: the page shows the engine's gradients for ${one ? "it" : "them"} and cannot rerun the hook${one ? "" : "s"}, so no leaf can be changed here`;
    $("hooked").hidden = false;
  }
  page.showSpeed();
  page.showTitle();
  page.showCheck();
  page.showLeafPanel();
  const initial = location.hash.length > 1 ? page.readHash(location.hash) : null;
  page.fullDirection = view.chooseDirection(graph.rankdir, page.READABLE_PIXELS);
  setDirection(initial && initial.direction ? initial.direction : page.fullDirection);
  if (initial) page.applyHash(initial);

  // For scripts and tests: the op table and helpers the page computes with, and its state.
  window.explorer = {
    ops: page.OPS,
    fma: Numbers.fma,
    pow: Numbers.pow,
    format: { full, short, fixed4 },
    get step() { return engine.position; },
    get steps() { return engine.length; },
    get playing() { return page.player.playing; },
    get direction() { return view.direction; },
    get selected() { return page.selected; },
    get textPixels() { return view.textPixels; },
    get scale() { return view.scale; },
    get view() { const v = view.visible(); return [v.x, v.y, v.w, v.h]; },
    get hash() { return page.hashState.written; },
    /** Whether a change is still to be written to the #hash (it is written shortly after). */
    get hashPending() { return page.hashState.timer !== null; },
    /** The what-if plot: the selected leaf (id), its plotted values (xs) and outputs (ys; complete once all 101 are computed, in as many frames as slices), the point now (x, y), the tangent's slope and the nudge check's secant (x, h, down, up, estimate); null with no leaf selected. */
    get whatIf() { return page.whatIf; },
    /** The expression the page opened with from its #hash (null: the graph the engine wrote), and the page's parser and
     * builder: the graph model of a text at values (numbers, in variable order), or { problem }, the parser's message. */
    get expression() { return page.typed.text; },
    build(text, values) { return ExplorerTyped.build(text, values.map(full), microgradOps(Numbers.fma, Numbers.pow)); },
  };
})();
