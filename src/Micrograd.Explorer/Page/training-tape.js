// The training page's step graph: a training step's graph assembled as the engine assembles it, laid out as flat arrays,
// with forward and backward passes over it that give the engine's loss, outputs and gradients, bit for bit.
//
// A step's graph is assembled from one sample's graph (the engine's trace of `loss × 1/B`, with its leaves' roles) as
// Objective.Build assembles it: each sample of the batch gets its own copy (its own inputs, per-sample numbers and constants;
// the parameters are shared), then mean = sum(losses) × (1/B), then, when l2 > 0, mean + l2 × sum(p·p). Its nodes are put
// in the order Value.Backward visits them (Value.TopologicalOrder's depth-first walk, which visits operands in order and
// places a node after all of its operands), so that every gradient is added in the engine's order. Values come from the
// ops' twins (microgradOps) and the training twins (microgradTraining: the loss's per-sample numbers and correct
// predictions), which the engine declares next to its own code: this file holds no formula.
"use strict";

/* exported TrainingTape */
const TrainingTape = (() => {
  /** A node's role, as SampleGraph.Role numbers them. */
  const ROLE = Object.freeze({ computed: 0, parameter: 1, input: 2, number: 3, constant: 4, scale: 5 });

  // ---------------------------------------------------------------------------------------------------------------
  // One sample's graph, as the step graph copies it.

  class SampleTemplate {
    constructor(sample) {
      this.graph = sample.graph;
      this.nodes = sample.graph.nodes;
      this.roles = sample.roles;
      this.indices = sample.indices;
      this.outputs = sample.outputs;
      this.loss = sample.loss;
      this.numberCount = sample.numbers;
      this.inputCount = this.roles.reduce((n, role, id) => (role === ROLE.input ? Math.max(n, this.indices[id] + 1) : n), 0);
      // The model's part: everything the outputs are computed from. It is computed first, then the loss's numbers (which may
      // read the outputs, as softmax's max does), then the rest.
      this.model = new Uint8Array(this.nodes.length);
      const stack = [...this.outputs];
      while (stack.length > 0) {
        const id = stack.pop();
        if (this.model[id]) continue;
        this.model[id] = 1;
        for (const k of this.nodes[id].operands) stack.push(k);
      }
    }
  }

  /**
   * The order in which Value.Backward visits a graph (Value.TopologicalOrder): from the root, depth first, operands in order;
   * a leaf is placed when first met, any other node once all of its operands are placed. `operands(id)` lists a node's.
   */
  function topologicalOrder(count, root, operands, isLeaf) {
    const mark = new Uint8Array(count);
    const order = new Int32Array(count);
    let placed = 0;
    const nodes = [root];
    const next = [0];
    mark[root] = 1;
    while (nodes.length > 0) {
      const top = nodes.length - 1;
      const node = nodes[top];
      const list = operands(node);
      let i = next[top];
      let descended = false;
      while (i < list.length) {
        const child = list[i++];
        if (mark[child]) continue;
        mark[child] = 1;
        if (isLeaf(child)) {
          order[placed++] = child;
          continue;
        }
        next[top] = i;
        nodes.push(child);
        next.push(0);
        descended = true;
        break;
      }
      if (descended) continue;
      order[placed++] = node;
      nodes.pop();
      next.pop();
    }
    return order.subarray(0, placed);
  }

  /**
   * A step's graph over a batch of `size` samples, as flat arrays in the engine's order: forward and backward passes over
   * it give the engine's loss, outputs and gradients, bit for bit.
   */
  class StepTape {
    constructor(template, size, parameterCount, l2, ops) {
      // Assembled as Objective.Build builds it (ids in the order the nodes are made)...
      const op = [];
      const operands = [];
      const role = [];
      const index = [];
      const sampleOf = [];
      const templateId = [];
      const value = [];
      const make = (name, list, r, i, s, t, v) => {
        op.push(name);
        operands.push(list);
        role.push(r);
        index.push(i);
        sampleOf.push(s);
        templateId.push(t);
        value.push(v);
        return op.length - 1;
      };
      const parameters = [];
      for (let j = 0; j < parameterCount; j++) parameters.push(make("", [], ROLE.parameter, j, -1, -1, 0));
      const nodes = template.nodes;
      const losses = [];
      const map = new Int32Array(template.loss + 1);
      for (let s = 0; s < size; s++) {
        for (let id = 0; id <= template.loss; id++) {
          const r = template.roles[id];
          if (r === ROLE.parameter) map[id] = parameters[template.indices[id]];
          else if (r === ROLE.computed) map[id] = make(nodes[id].op, nodes[id].operands.map((k) => map[k]), r, 0, s, id, 0);
          else map[id] = make("", [], r, template.indices[id], s, id, r === ROLE.constant ? nodes[id].data : 0);
        }
        losses.push(map[template.loss]);
      }
      // Loss.Mean: sum(losses) × (1/B); Objective.Total: + l2 × sum(p·p) (Regularization.L2) when l2 > 0.
      let root = make("*", [make("sum", losses, 0, 0, -1, -1, 0), make("", [], ROLE.scale, 0, -1, -1, 1 / size)], 0, 0, -1, -1, 0);
      if (l2 > 0) {
        const squares = parameters.map((p) => make("*", [p, p], 0, 0, -1, -1, 0));
        const penalty = make("*", [make("", [], ROLE.constant, 0, -1, -1, l2), make("sum", squares, 0, 0, -1, -1, 0)], 0, 0, -1, -1, 0);
        root = make("+", [root, penalty], 0, 0, -1, -1, 0);
      }

      // ...then laid out in the engine's order.
      const isLeaf = (id) => op[id] === "";
      const order = topologicalOrder(op.length, root, (id) => operands[id], isLeaf);
      const n = order.length;
      const position = new Int32Array(op.length).fill(-1);
      order.forEach((id, i) => { position[id] = i; });

      this.size = size;
      this.n = n;
      this.root = position[root];
      this.entry = new Array(n).fill(null);
      this.first = new Int32Array(n + 1);
      let edges = 0;
      for (let i = 0; i < n; i++) edges += operands[order[i]].length;
      this.operands = new Int32Array(edges);
      this.data = new Float64Array(n);
      this.grad = new Float64Array(n);
      this.parameters = new Int32Array(parameterCount);
      const inputs = template.inputCount;
      const outputs = template.outputs.length;
      const numbers = template.numberCount;
      this.inputs = new Int32Array(size * inputs);
      this.numbers = new Int32Array(size * numbers);
      this.outputs = new Int32Array(size * outputs);
      const firstPhase = [];
      const secondPhase = [];
      const outputSlot = new Map(template.outputs.map((id, o) => [id, o]));
      let at = 0;
      for (let i = 0; i < n; i++) {
        const id = order[i];
        this.first[i] = at;
        for (const k of operands[id]) this.operands[at++] = position[k];
        const s = sampleOf[id];
        switch (role[id]) {
          case ROLE.computed: {
            const entry = ops[op[id]];
            if (!entry) throw new Error(`the page has no twin of the op '${op[id]}'`);
            this.entry[i] = entry;
            (s >= 0 && template.model[templateId[id]] ? firstPhase : secondPhase).push(i);
            if (s >= 0 && outputSlot.has(templateId[id])) this.outputs[s * outputs + outputSlot.get(templateId[id])] = i;
            break;
          }
          case ROLE.parameter: this.parameters[index[id]] = i; break;
          case ROLE.input: this.inputs[s * inputs + index[id]] = i; break;
          case ROLE.number: this.numbers[s * numbers + index[id]] = i; break;
          default: this.data[i] = value[id]; break; // constants and the mean's scale
        }
      }
      this.first[n] = at;
      this.lossPositions = Int32Array.from(losses, (id) => position[id]); // each sample's loss (before the mean's 1/B)
      this.firstPhase = Int32Array.from(firstPhase);
      this.secondPhase = Int32Array.from(secondPhase);
      this.inputCount = inputs;
      this.outputCount = outputs;
      this.numberCount = numbers;
      this.scratch = [];
      this.outputView = new Float64Array(outputs);
      this.numberView = new Float64Array(numbers);
      // For tests: the assembled graph in the engine's order (op names and operand positions).
      this.describe = () => Array.from(order, (id) => ({ op: op[id], operands: operands[id].map((k) => position[k]) }));
    }

    /** Operand values of node i in a reused array of the right length (the ops' twins read them as an array). */
    operandValues(i) {
      const a = this.first[i];
      const b = this.first[i + 1];
      let xs = this.scratch[b - a];
      if (!xs) xs = this.scratch[b - a] = new Array(b - a).fill(0);
      const d = this.data;
      const o = this.operands;
      for (let k = a; k < b; k++) xs[k - a] = d[o[k]];
      return xs;
    }

    computeAll(positions) {
      const d = this.data;
      const entry = this.entry;
      for (let p = 0; p < positions.length; p++) {
        const i = positions[p];
        d[i] = entry[i].forward(this.operandValues(i));
      }
    }

    /** The sample's outputs (in a reused array). */
    outputsOf(s) {
      const view = this.outputView;
      for (let o = 0; o < view.length; o++) view[o] = this.data[this.outputs[s * view.length + o]];
      return view;
    }

    /**
     * The forward pass on the samples `indices` of `set` ({ features, labels }) at `params`: returns the loss and how many
     * samples are predicted correctly. Every node's data is left in `data`.
     */
    forward(params, set, indices, twins) {
      const d = this.data;
      for (let j = 0; j < this.parameters.length; j++) d[this.parameters[j]] = params[j];
      const F = this.inputCount;
      for (let s = 0; s < this.size; s++) {
        const row = indices[s] * F;
        for (let f = 0; f < F; f++) d[this.inputs[s * F + f]] = set.features[row + f];
      }
      this.computeAll(this.firstPhase);
      const Q = this.numberCount;
      let correct = 0;
      for (let s = 0; s < this.size; s++) {
        const target = set.labels[indices[s]];
        const outputs = this.outputsOf(s);
        twins.numbers(outputs, target, this.numberView);
        for (let q = 0; q < Q; q++) d[this.numbers[s * Q + q]] = this.numberView[q];
        if (twins.isCorrect(outputs, target)) correct++;
      }
      this.computeAll(this.secondPhase);
      return { loss: d[this.root], correct };
    }

    /** Each sample's loss after a forward pass: the node the engine's Loss.SampleLoss builds, before the mean. */
    sampleLosses() {
      return Float64Array.from(this.lossPositions, (i) => this.data[i]);
    }

    /**
     * The backward pass, as Value.Backward runs it: every gradient 0, the root's 1, then each node in reverse order adds
     * g · ∂node/∂operand into each operand, operand by operand. Writes the parameters' gradients into `grads` (a leaf's
     * gradient is then added to the 0 it had, as Backward does).
     */
    backward(grads) {
      const g = this.grad;
      const d = this.data;
      const o = this.operands;
      g.fill(-0); // every sum starts from -0, as the engine's
      g[this.root] = 1;
      for (let i = this.root; i >= 0; i--) {
        const entry = this.entry[i];
        if (entry === null) continue;
        const xs = this.operandValues(i);
        const y = d[i];
        const gi = g[i];
        const a = this.first[i];
        const b = this.first[i + 1];
        for (let k = a; k < b; k++) g[o[k]] += entry.backward(k - a, xs, y, gi);
      }
      for (let j = 0; j < this.parameters.length; j++) grads[j] = g[this.parameters[j]];
    }
  }

  return Object.freeze({ ROLE, SampleTemplate, StepTape });
})();
