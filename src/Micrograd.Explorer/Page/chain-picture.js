// The chain rule on the picture, for micrograd's pages: at a backward step, every edge the gradient flows along is labelled
// with its local derivative and the product it passes back ("×1.5 → +0.7304"), each operand's new gradient is marked, and
// one plain sentence says the step under the picture. Short aliases (v1, v2, …) stand for unlabelled values whose
// sub-expression is long; the sub-expression is on hover. Numbers for people (Numbers.short); the table keeps every digit.
"use strict";
/* global Numbers, GraphPasses */

/* exported ChainPicture */
const ChainPicture = (() => {
  const { short, full } = Numbers;
  const SVG = "http://www.w3.org/2000/svg";
  const LONGEST = 18; // a name longer than this reads as its alias in the picture and the sentence
  const MOST_LABELS = 64; // a sum of thousands of values labels its first edges only, so that a step stays one frame

  /** "+0.7304", "-0.5", "+0": a contribution with its sign. */
  const signed = (x) => (x > 0 || x === 0 ? `+${short(x)}` : short(x));

  /** The label of an edge: "×local → ±contribution". */
  const edgeText = (event) => `×${short(event.local)} → ${signed(event.contribution)}`;

  /**
   * Names as a person reads them for a graph model: a value's name, or for an unlabelled value with a long sub-expression
   * its alias (v1, v2, … in the order of the nodes); aliasOf(id) is the alias or null, full(id) the whole sub-expression
   * (the engine cuts long names with "…": they are written out again from the operands, up to a length).
   */
  function names(graph) {
    const nodes = graph.nodes;
    const aliases = new Array(nodes.length).fill(null);
    let k = 0;
    for (const node of nodes) {
      if (node.label === "" && !node.constant && !GraphPasses.isLeaf(node) && node.name.length > LONGEST) aliases[node.id] = `v${++k}`;
    }
    const shortName = (id) => aliases[id] ?? nodes[id].name;
    const INFIX = new Set(["+", "-", "*", "/", "**"]);
    const whole = new Array(nodes.length).fill(null);
    const full = (id) => {
      if (whole[id] !== null) return whole[id];
      const node = nodes[id];
      let text = node.name;
      if (text.endsWith("…") && node.operands.length > 0) {
        const write = (name) => (INFIX.has(node.op) ? node.operands.map(name).map((t) => (/[ ]/.test(t) && node.op !== "+" ? `(${t})` : t)).join(` ${node.op} `)
          : `${node.op}(${node.operands.map(name).join(", ")})`);
        text = write(full);
        if (text.length > 240) text = write(shortName);
      }
      whole[id] = text;
      return text;
    };
    return Object.freeze({ aliasOf: (id) => aliases[id], short: shortName, full });
  }

  /**
   * The step in one plain sentence, and the aliases it uses ("v2 = w0*x0 + w1*x1"), for its tooltip. run: the passes' numbers
   * (data, events, hooks); engine: the steps (current, received, uses); call: the names().
   */
  function sentence(graph, run, engine, call) {
    const step = engine.current;
    const used = new Set();
    const name = (id) => {
      if (call.aliasOf(id)) used.add(id);
      return call.short(id);
    };
    const out = name(graph.root);
    let text;
    if (!step) {
      text = engine.length === 0 ? "" : "Step → computes each value, then the chain rule gives each one's gradient: how much the output moves per unit of it.";
    } else if (step.phase === "forward") {
      const node = graph.nodes[step.id];
      text = GraphPasses.isLeaf(node)
        ? `${name(step.id)} is given: ${short(run.data[step.id])}.`
        : `${name(step.id)} = ${short(run.data[step.id])}, computed from ${node.operands.map(name).join(" and ")}.`;
    } else {
      const id = step.id;
      const events = run.events[id] || [];
      const parts = events.slice(0, 3).map((e, index) => {
        const uses = engine.uses[e.to];
        const product = `${short(e.local)} × ${short(e.g)} = ${short(e.contribution)}`;
        if (uses === 1) return `${name(e.to)}'s gradient: how much ${out} moves per unit of ${name(e.to)} = ${product}`;
        const later = events.slice(index + 1).filter((f) => f.to === e.to).length;
        const k = engine.received[e.to] - later;
        return `${name(e.to)}'s gradient gains ${product} along this path (${k} of ${uses}), now ${short(e.after)}`;
      });
      if (events.length > 3) parts.push(`and ${events.length - 3} more`);
      const head = id === graph.root ? `${out}'s gradient is 1 (the output moves one for one with itself)` : "";
      const local = events.length > 0 ? ` (local derivative of ${name(id)} × ${name(id)}'s gradient)` : "";
      text = events.length === 0
        ? `${head || `${name(id)}'s gradient is complete: ${short(engine.grad[id])}`}; ${name(id)} is a leaf and passes nothing back.`
        : `${head ? `${head}; ` : ""}${parts.join("; ")}${local}.`;
    }
    const aliases = [...used].map((id) => `${call.aliasOf(id)} = ${call.full(id)}`);
    return { text, aliases };
  }

  /** The labels on a GraphView's edges: show(id, events) labels the edges into node id; show(-1) clears them. */
  /** Each edge's ends and middle, by its path element: measured once (a measure makes the browser lay the page out first). */
  const geometries = new WeakMap();

  class EdgeLabels {
    /** An edge path's { from, to, at } (its ends and the point halfway along it), in the picture's units. */
    static geometry(path) {
      let g = geometries.get(path);
      if (!g) {
        const length = path.getTotalLength();
        g = { from: path.getPointAtLength(0), to: path.getPointAtLength(length), at: path.getPointAtLength(length / 2) };
        geometries.set(path, g);
      }
      return g;
    }

    constructor(view) {
      this.view = view;
      this.shown = [];
      this.marked = [];
    }

    clear() {
      for (const element of this.shown) element.remove();
      for (const text of this.marked) text.classList.remove("flow-target");
      this.shown = [];
      this.marked = [];
    }

    show(id, events) {
      this.clear();
      const view = this.view;
      const top = view.svg ? view.svg.querySelector("g.graph") : null;
      if (!top || id < 0 || !events) return;
      for (const event of events.slice(0, MOST_LABELS)) {
        const edge = view.svg.getElementById(`e${view.firstEdge[id] + event.k}`);
        const path = edge ? edge.querySelector("path") : null;
        if (!path) continue;
        // Halfway along the edge, beside it on the side its operand comes from, so that the labels of edges that meet at
        // one op part ways instead of overlapping.
        const { from, to, at } = EdgeLabels.geometry(path);
        const label = document.createElementNS(SVG, "text");
        label.setAttribute("class", "flow-label");
        const dx = to.x - from.x;
        const dy = to.y - from.y;
        let x = at.x;
        let y = at.y;
        if (Math.abs(dy) >= Math.abs(dx)) {
          label.setAttribute("text-anchor", dx > 1 ? "end" : "start");
          x += dx > 1 ? -5 : 5;
        } else {
          label.setAttribute("text-anchor", "middle");
          y += dy > 1 ? -9 : 9;
        }
        label.setAttribute("x", String(x));
        label.setAttribute("y", String(y));
        label.dataset.to = String(event.to);
        label.dataset.k = String(event.k);
        label.textContent = edgeText(event);
        // Every digit on hover: local derivative × upstream gradient = what the operand receives.
        label.appendChild(document.createElementNS(SVG, "title")).textContent =
          `${full(event.local)} × ${full(event.g)} = ${full(event.contribution)}`;
        top.appendChild(label);
        this.shown.push(label);
        const grad = view.shapes[event.to]?.grad;
        if (grad) {
          grad.classList.add("flow-target");
          this.marked.push(grad);
        }
      }
    }
  }

  return Object.freeze({ names, sentence, edgeText, EdgeLabels });
})();
