// The graph of one position's loss (GptPositionGraph.cs): the engine's trace of −log p(target) at one position of one
// document, as a graph model the shared code reads (graph-passes.js, graph-view.js, explanation.js), with any step's numbers:
// the step's weights put into the parameter leaves, each softmax's −max read from its logits as microgpt reads it (the
// first largest, negated), then both passes with the engine's op twins. ln and the powers are functions of C# (GptFunctions):
// their twins are here, Math.log and Numbers.pow (.NET's Math.Pow), their local derivatives 1/x and e · x ** (e − 1) times
// the upstream gradient, as the engine multiplies them.
"use strict";
/* global Numbers, GraphPasses, microgradOps */

/* exported GptPosition */
class GptPosition {
  static ROLE = Object.freeze({ computed: 0, parameter: 1, constant: 2, max: 3 });

  /**
   * @param {object} data   the run's position: document, position, target, codes, ops, counts, operands, roles, indices,
   *                        constants ([id, number, …]), softmaxes, drawn, groups, names ([id, name, …]).
   * @param {object} shape  the run's model: matrices [{ name, rows, columns }] in the weights' order.
   */
  constructor(data, shape) {
    const { pow, full } = Numbers;
    const ROLE = GptPosition.ROLE;
    this.data = data;
    this.roles = data.roles;
    this.indices = data.indices;
    this.softmaxes = data.softmaxes;
    this.matrices = [];
    let at = 0;
    for (const m of shape.matrices) {
      this.matrices.push({ name: m.name, start: at, columns: m.columns });
      at += m.rows * m.columns;
    }
    const constants = new Map();
    for (let i = 0; i < data.constants.length; i += 2) constants.set(data.constants[i], data.constants[i + 1]);
    const drawn = new Set(data.drawn);
    const named = new Map();
    for (let i = 0; i + 1 < (data.names || []).length; i += 2) named.set(data.names[i], data.names[i + 1]);
    const nodes = [];
    let e = 0;
    for (let id = 0; id < data.codes.length; id++) {
      const count = data.counts[id];
      const role = data.roles[id];
      const node = {
        id, op: data.ops[data.codes[id]], operands: data.operands.slice(e, e + count), label: "", name: "",
        data: constants.get(id) ?? 0, grad: 0, constant: role === ROLE.constant, drawn: drawn.has(id),
      };
      e += count;
      if (role === ROLE.parameter) node.label = this.parameterName(data.indices[id]);
      else if (role === ROLE.max) node.label = `-max${data.indices[id]}`;
      else if (named.has(id)) node.label = named.get(id); // a dot product's output: q₃[5], h1 q₃·k₀, a·v₃[5] (GptDotNames)
      node.name = node.label || (node.constant ? full(node.data) : GptPosition.compose(node, nodes));
      nodes.push(node);
    }
    const root = nodes.length - 1;
    nodes[root].label = "loss";
    nodes[root].name = "loss";
    this.graph = { root, nodes, groups: data.groups };
    this.nodes = nodes;

    const ops = { ...microgradOps(Numbers.fma, pow) };
    ops.ln = { forward: ([x]) => Math.log(x), backward: (k, [x], y, g) => g * (1 / x), operands: ["x"], forwardText: "ln({x})", derivativeText: ["1/{x}"] };
    for (const name of data.ops) {
      if (!name.startsWith("pow_")) continue;
      const exponent = Number(name.slice(4).replace("m", "-").replace("p", "+").replace("_", "."));
      ops[name] = {
        forward: ([x]) => pow(x, exponent),
        backward: (k, [x], y, g) => g * (exponent * pow(x, exponent - 1)),
        operands: ["x"], forwardText: `{x} ** ${exponent}`, derivativeText: [`${exponent} · {x} ** ${exponent - 1}`],
      };
    }
    this.ops = ops;

    // Each leaf's uses in the engine's order: the backward pass runs the nodes from the last, each passing to its operands in order.
    this.usesOf = new Map();
    for (let id = nodes.length - 1; id >= 0; id--) {
      nodes[id].operands.forEach((to, k) => {
        if (nodes[to].op !== "") return;
        if (!this.usesOf.has(to)) this.usesOf.set(to, []);
        this.usesOf.get(to).push({ user: id, k });
      });
    }
  }

  /** A parameter's name from the weights' layout: layer0.attn_wq[2][5]. */
  parameterName(j) {
    let m = this.matrices[0];
    for (const candidate of this.matrices) if (candidate.start <= j) m = candidate;
    const i = j - m.start;
    return `${m.name}[${Math.floor(i / m.columns)}][${i % m.columns}]`;
  }

  /** A computed value's name from its operands' (w*x, sum(a, b, …), exp(v)), cut with … past 32 characters. */
  static compose(node, nodes) {
    const names = node.operands.map((k) => nodes[k].name);
    const wrap = (t) => (/[ +*]/.test(t) ? `(${t})` : t);
    const text = node.op === "+" ? `${names[0]} + ${names[1]}`
      : node.op === "*" ? `${wrap(names[0])}*${wrap(names[1])}`
      : node.op === "neg" ? `-${wrap(names[0])}`
      : `${node.op}(${names.join(", ")})`;
    return text.length > 32 ? `${text.slice(0, 31)}…` : text;
  }

  /**
   * Both passes with the weights w (the page's weight array): each parameter leaf takes its weight, each softmax's −max
   * the negated first largest of its logits' data (the forward pass runs again until every −max is its logits', once more
   * per layer), then GraphPasses.compute. Returns its { data, grad, events, hooks }.
   */
  compute(w) {
    const ROLE = GptPosition.ROLE;
    const { nodes, roles, indices } = this;
    const leafValue = nodes.map((node) => (roles[node.id] === ROLE.parameter ? w[indices[node.id]] : node.data));
    const maxes = nodes.filter((node) => roles[node.id] === ROLE.max).map((node) => node.id);
    for (let pass = 0; pass <= this.softmaxes.length; pass++) {
      const data = GraphPasses.forward(this.graph, this.ops, leafValue);
      let changed = false;
      for (const id of maxes) {
        const logits = this.softmaxes[indices[id]];
        let max = data[logits[0]];
        for (let k = 1; k < logits.length; k++) if (data[logits[k]] > max) max = data[logits[k]]; // Python's max: the first of the largest
        if (!Object.is(leafValue[id], -max)) {
          leafValue[id] = -max;
          changed = true;
        }
      }
      if (!changed) break;
    }
    return GraphPasses.compute(this.graph, this.ops, leafValue);
  }

  /**
   * A leaf's gradient as the sum of its contributions, in the engine's order: each use (the node using it, which operand),
   * its local derivative, the upstream gradient, their product and the running sum (from −0, so the last is the gradient).
   */
  contributions(leaf, result) {
    return (this.usesOf.get(leaf) || []).map(({ user, k }) => {
      const event = result.events[user].find((ev) => ev.k === k && ev.to === leaf);
      return { user, k, local: event.local, upstream: event.g, contribution: event.contribution, sum: event.after };
    });
  }
}
