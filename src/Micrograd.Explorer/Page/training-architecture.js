// The training page's other architectures: one sample's graph (the page's run.sample) built in the page for any network
// `micrograd train --hidden --activation --loss` makes, exactly as SampleGraph.Build traces it in C# (the same nodes with
// the same ids, ops, operands, labels, names and roles), so that the page's trainer (training-tape.js) assembles a step's
// graph from it as it does from the engine's; and the model's description (run.model) for the panels. The nodes are made
// as the engine's Value operators make them (Neuron.Forward: the bias, then each w·x, summed by one sum node, then the
// activation; each loss's graph as its SampleLossForm builds it), then put in the order ComputationGraph.Trace gives them
// (Value.TopologicalOrder's depth-first walk). TrainingArchitectureTests compares it with SampleGraph.Build.
"use strict";
/* global NodeNames */
/* exported TrainingArchitecture */

const TrainingArchitecture = (() => {
  /** The activations and losses the command line takes, in the order its help lists them. */
  const ACTIVATIONS = ["relu", "tanh", "sigmoid", "linear"];
  const LOSSES = ["hinge", "bce", "mse", "softmax"];
  /** The largest hidden layer and the most hidden layers the page trains (the step graph grows with their product). */
  const MAX_WIDTH = 64;
  const MAX_LAYERS = 4;
  /** TrainingPage.MaxDrawnNodes: the most values drawn of one sample's graph. */
  const MAX_DRAWN = 1000;
  const ROLE = Object.freeze({ computed: 0, parameter: 1, input: 2, number: 3, constant: 4, scale: 5 });

  /** --hidden's text: { sizes } (an empty list for "none"), or { problem }. */
  function parseHidden(text) {
    const trimmed = String(text).trim();
    if (trimmed.toLowerCase() === "none") return { sizes: [] };
    const parts = trimmed.split(",");
    const bad = `hidden sizes must be whole numbers from 1 to ${MAX_WIDTH} separated by commas, such as 16,16 (or none), at most ${MAX_LAYERS} layers`;
    if (parts.length > MAX_LAYERS) return { problem: bad };
    const sizes = [];
    for (const part of parts) {
      if (!/^\s*\d{1,6}\s*$/.test(part)) return { problem: bad };
      const n = Number(part);
      if (n < 1 || n > MAX_WIDTH) return { problem: bad };
      sizes.push(n);
    }
    return { sizes };
  }

  /** How many outputs the loss takes for data of `classes` classes (Loss.OutputCountFor). */
  const outputsFor = (loss, classes) => (loss === "softmax" ? Math.max(classes, 2) : 1);

  /** run.model for a network of `inputs` inputs, hidden `sizes` of `activation`, and a linear layer of `outputs`. */
  function model(inputs, sizes, activation, outputs) {
    const layers = [...sizes.map((n) => ({ outputs: n, activation })), { outputs, activation: "linear" }];
    const parameters = [];
    let width = inputs;
    layers.forEach((layer, l) => {
      for (let n = 0; n < layer.outputs; n++) {
        for (let w = 0; w < width; w++) parameters.push(`l${l}.n${n}.w${w}`);
        parameters.push(`l${l}.n${n}.b`);
      }
      width = layer.outputs;
    });
    return { inputs, layers, parameters };
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Nodes as the engine's Value makes them: { op, operands, label, data, role, index }.

  const leaf = (label, role, index, data) => ({ op: "", operands: [], label, data, role, index });
  const constant = (x) => leaf("", ROLE.constant, 0, x);
  const node = (op, ...operands) => ({ op, operands, label: "", data: 0, role: ROLE.computed, index: 0 });
  const labelled = (v, label) => { v.label = label; return v; };

  /** The loss's graph over the outputs and its numbers (each loss's SampleLossForm.BuildGraph), and the numbers' names. */
  function lossGraph(name, outputs) {
    const numbers = [];
    const number = (label) => { const v = leaf(label, ROLE.number, numbers.length, 0); numbers.push(v); return v; };
    const z = outputs[0];
    if (name === "hinge") return { term: node("relu", node("+", constant(1), node("*", number("-y"), z))), numbers };
    if (name === "mse") {
      const power = node("**2", node("-", z, number("y")));
      power.exponent = 2;
      return { term: power, numbers };
    }
    if (name === "bce") {
      const t = number("t");
      const abs = node("abs", z);
      return { term: node("+", node("-", node("*", node("+", z, abs), constant(0.5)), node("*", z, t)), node("log", node("+", constant(1), node("exp", node("neg", abs))))), numbers };
    }
    const K = outputs.length;
    const m = Array.from({ length: K + 1 }, () => number("m"));
    const t = Array.from({ length: K }, (_, k) => number(`t${k}`));
    const exps = outputs.map((zk, k) => node("exp", node("-", zk, m[k])));
    const picked = outputs.map((zk, k) => node("*", t[k], zk));
    return { term: node("-", node("log", node("sum", ...exps)), node("-", node("sum", ...picked), m[K])), numbers };
  }

  /** The nodes in ComputationGraph.Trace's order: depth first from the root, operands in order, a leaf placed when first met. */
  function trace(root) {
    const order = [];
    const seen = new Set([root]);
    const stack = [{ v: root, i: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      let descended = false;
      while (top.i < top.v.operands.length) {
        const child = top.v.operands[top.i++];
        if (seen.has(child)) continue;
        seen.add(child);
        if (child.op === "") {
          order.push(child);
          continue;
        }
        stack.push({ v: child, i: 0 });
        descended = true;
        break;
      }
      if (descended) continue;
      order.push(top.v);
      stack.pop();
    }
    return order;
  }

  /** Every node's name, as NodeNames.Of gives it (shared/node-names.js). */
  function names(order, idOf) {
    const name = [];
    const precedence = [];
    for (const v of order) {
      const [text, p] = NodeNames.of(v, v.operands.map(idOf), name, precedence);
      name.push(text);
      precedence.push(p);
    }
    return name;
  }

  /** graph.NearestToRoot(count): the ids of the `count` nodes nearest the root, breadth first (all when there are fewer). */
  function nearestToRoot(order, idOf, count) {
    const drawn = new Uint8Array(order.length);
    if (count >= order.length) return drawn.fill(1);
    const seen = new Uint8Array(order.length);
    const root = order.length - 1;
    seen[root] = 1;
    const queue = [root];
    for (let head = 0, kept = 0; kept < count; head++, kept++) {
      const id = queue[head];
      drawn[id] = 1;
      for (const k of order[id].operands.map(idOf)) {
        if (!seen[k]) {
          seen[k] = 1;
          queue.push(k);
        }
      }
    }
    return drawn;
  }

  /**
   * SampleGraph.Build for the network `m` (model()) and the loss `lossName`, with batches of `batchSize`: the page's run.sample
   * ({ graph, roles, indices, outputs, loss, numbers }). Its graph is the GraphModel JSON the engine writes but for the
   * numbers of computed values (0: the page computes them) and the neuron groups (none: the picture has no neuron view).
   */
  function sampleGraph(m, lossName, batchSize) {
    const inputs = Array.from({ length: m.inputs }, (_, f) => leaf(`x${f + 1}`, ROLE.input, f, 0));
    let x = inputs;
    let p = 0;
    m.layers.forEach((layer, l) => {
      const last = l === m.layers.length - 1;
      const out = [];
      for (let n = 0; n < layer.outputs; n++) {
        const weights = x.map(() => leaf(m.parameters[p], ROLE.parameter, p++, 0));
        const bias = leaf(m.parameters[p], ROLE.parameter, p++, 0);
        const sum = node("sum", bias, ...weights.map((w, i) => node("*", w, x[i])));
        const name = `l${l}.n${n}`;
        const y = layer.activation === "linear" ? sum : node(layer.activation, sum);
        if (layer.activation !== "linear") sum.label = `${name}.sum`;
        y.label = !last ? name : layer.outputs === 1 ? "score" : `z${n}`;
        out.push(y);
      }
      x = out;
    });
    const outputs = x;
    const { term, numbers } = lossGraph(lossName, outputs);
    labelled(term, "loss");
    const scale = leaf("", ROLE.scale, 0, 1.0 / batchSize);
    const root = labelled(node("*", term, scale), "term");
    const order = trace(root);
    const ids = new Map(order.map((v, id) => [v, id]));
    const idOf = (v) => ids.get(v);
    const name = names(order, idOf);
    const drawn = nearestToRoot(order, idOf, MAX_DRAWN);
    const nodes = order.map((v, id) => {
      const out = { id, name: name[id], label: v.label, op: v.op };
      if (v.exponent !== undefined) out.exponent = v.exponent;
      Object.assign(out, { operands: v.operands.map(idOf), data: v.op === "" && (v.role === ROLE.constant || v.role === ROLE.scale) ? v.data : 0, grad: 0 });
      return Object.assign(out, { constant: v.op === "" && v.label === "", drawn: drawn[id] === 1 });
    });
    return {
      graph: { title: "one sample's term of the loss", point: [], rankdir: "TB", root: order.length - 1, nodes, groups: [] },
      roles: order.map((v) => v.role),
      indices: order.map((v) => v.index),
      outputs: outputs.map(idOf),
      loss: idOf(term),
      numbers: numbers.length,
    };
  }

  return Object.freeze({ ACTIVATIONS, LOSSES, MAX_WIDTH, MAX_LAYERS, parseHidden, outputsFor, model, sampleGraph });
})();
