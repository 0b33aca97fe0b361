// The explorer's state: the graph the engine wrote into the page, the op table, the leaves' values as the learner has set
// them, both passes computed at them, and the steps through the passes.
//
// The explorer is made of files of one concern each (explorer-*.js, then explorer.js, which starts the page). They share
// one object, the page, made here: create() puts the state on it, and each file's attach(page) adds its functions to it.
// A file calls another's through the page (page.render(…)), at the time of the call, so the files may call each other in
// any direction, and their order matters only for what each does when attached. Whatever changes is read from the page
// afresh at each use (page.run, page.selected, page.lastStep); everything else is set once and may be kept in a local.
"use strict";
/* global Numbers, PageKit, GraphPasses, Explanation, ExplorerTyped, microgradOps */
/* exported ExplorerModel */

const ExplorerModel = Object.freeze({
  /** The page's state, read from the page's graph data (the #graph-data element), or from an expression typed in the page. */
  create() {
    const { full, short } = Numbers;
    const OPS = microgradOps(Numbers.fma, Numbers.pow);
    const typed = ExplorerTyped.start(OPS);
    const graph = typed.graph || GraphPasses.readModel(JSON.parse(PageKit.$("graph-data").textContent));
    const nodes = graph.nodes;
    const n = nodes.length;
    const root = graph.root;
    const isLeaf = GraphPasses.isLeaf;
    // A leaf that a stored node depends on (one whose op has no JavaScript twin) cannot be changed: the page could not
    // recompute that node. Its numbers stay the engine's.
    const feedsStored = GraphPasses.feedsStored(graph);
    // Nor can any leaf while a node has a gradient hook: its hooks' input depends on the whole graph, and the page cannot
    // rerun them (C# functions). Their results are the engine's.
    const hookedNames = nodes.filter(GraphPasses.isHooked).map((node) => node.name);
    const editable = (id) => isLeaf(nodes[id]) && !nodes[id].constant && !feedsStored[id] && hookedNames.length === 0;
    const original = nodes.map((node) => (isLeaf(node) ? node.data : NaN));
    const leafValue = original.slice();

    const run = GraphPasses.compute(graph, OPS, leafValue);
    const engine = new GraphPasses.StepEngine(graph);
    engine.setRun(run);

    const explanation = Explanation.create(graph, OPS);

    /** The title, with the point's values as they are now. */
    function titleText() {
      // The point as it was given (every digit, as the engine wrote it); a value changed in the page for people (a learning
      // step's 0.6759999999999999 reads 0.676; the table keeps every digit).
      const shown = (id) => (Object.is(leafValue[id], original[id]) ? full(leafValue[id]) : short(leafValue[id]));
      const point = (graph.point || []).map((id) => `${nodes[id].name}=${shown(id)}`);
      return point.length > 0 ? `${graph.title} at ${point.join(", ")}` : graph.title;
    }

    const editedLeaves = () => nodes.filter((node) => isLeaf(node) && !Object.is(leafValue[node.id], original[node.id])).map((node) => node.id);

    return {
      graph,
      OPS,
      /** The expression of the #hash the page opened with ({ text, graph, problem }: text null when none). */
      typed,
      nodes,
      n,
      root,
      isLeaf,
      feedsStored,
      hookedNames,
      editable,
      /** Each leaf's value as the page was made (NaN for the other nodes). */
      original,
      /** Each leaf's value now; changed in place, never replaced. */
      leafValue,
      /** Both passes at the leaves' values now; replaced when a leaf changes. */
      run,
      engine,
      explanation,
      refName: explanation.refName,
      /** The text height, in screen pixels, at which a picture is readable; smaller and it opens zoomed in. */
      READABLE_PIXELS: 11,
      OPEN_PIXELS: 13,
      /** The selected value (-1: none). */
      selected: -1,
      /** The step drawn last, whose marks the next draw takes away (null: draw every value). */
      lastStep: null,
      titleText,
      /** The leaves whose value differs from the page's first. */
      editedLeaves,
    };
  },
});
