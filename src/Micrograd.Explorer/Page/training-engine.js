// The training page's engine: a training step computed with the engine's semantics, bit for bit, and the recorded run
// rebuilt from its checkpoints.
//
// A step's graph is assembled from one sample's graph (the engine's trace of `loss × 1/B`, with its leaves' roles) as
// Objective.Build assembles it: each sample of the batch gets its own copy (its own inputs, per-sample numbers and constants;
// the parameters are shared), then mean = sum(losses) × (1/B), then, when l2 > 0, mean + l2 × sum(p·p). Its nodes are put
// in the order Value.Backward visits them (Value.TopologicalOrder's depth-first walk, which visits operands in order and
// places a node after all of its operands), so that every gradient is added in the engine's order. Values come from the
// ops' twins (microgradOps) and the training twins (microgradTraining: optimizer, schedule, the loss's per-sample numbers
// and correct predictions, the batch sampler), which the engine declares next to its own code: this file holds no formula.
"use strict";
/* global Numbers */

/* exported TrainingEngine */
const TrainingEngine = (() => {
  /** A node's role, as SampleGraph.Role numbers them. */
  const ROLE = Object.freeze({ computed: 0, parameter: 1, input: 2, number: 3, constant: 4, scale: 5 });

  // ---------------------------------------------------------------------------------------------------------------
  // Numbers stored as base64url of their little-endian bytes.

  function bytesOf(text) {
    const binary = atob((text || "").replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  /** The numbers of a typed array class (Float64Array, Int32Array) stored little-endian in base64url text. */
  function numbersOf(text, Type, read) {
    const bytes = bytesOf(text);
    const view = new DataView(bytes.buffer);
    const out = new Type(bytes.length / Type.BYTES_PER_ELEMENT);
    for (let i = 0; i < out.length; i++) out[i] = read.call(view, Type.BYTES_PER_ELEMENT * i, true);
    return out;
  }

  const float64s = (text) => numbersOf(text, Float64Array, DataView.prototype.getFloat64);
  const int32s = (text) => numbersOf(text, Int32Array, DataView.prototype.getInt32);

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

  // ---------------------------------------------------------------------------------------------------------------
  // Training: steps, evaluations and the model on a grid.

  /** The range 0 … n − 1 (a full batch's positions). */
  function range(n) {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return out;
  }

  class Trainer {
    /**
     * @param run   the recorded run's settings (TrainingRunJson)
     * @param ops   the ops' twins (microgradOps)
     * @param twins the training twins (microgradTraining)
     */
    constructor(run, ops, twins) {
      this.run = run;
      this.ops = ops;
      this.twins = twins;
      this.template = new SampleTemplate(run.sample);
      this.parameterCount = run.model.parameters.length;
      this.stateCount = run.stateCount;
      this.l2 = run.loss.l2;
      this.update = twins.optimizer(run.optimizer.settings);
      this.tapes = new Map();
      this.layers = run.model.layers;
      this.inputCount = run.model.inputs;
      this.outputCount = run.model.layers[run.model.layers.length - 1].outputs;
    }

    /** The step graph for batches of `size` samples (assembled once per size). */
    tape(size) {
      let tape = this.tapes.get(size);
      if (!tape) {
        tape = new StepTape(this.template, size, this.parameterCount, this.l2, this.ops);
        this.tapes.set(size, tape);
      }
      return tape;
    }

    /**
     * The objective on the samples `indices` of `set` at `params`: { loss, accuracy }, and the gradients in `grads` when
     * given. As ITrainingEngine.ComputeGradients (and Objective.Evaluate) computes them.
     */
    measure(params, set, indices, grads) {
      const tape = this.tape(indices.length);
      const { loss, correct } = tape.forward(params, set, indices, this.twins);
      if (grads) tape.backward(grads);
      return { loss, accuracy: correct / indices.length };
    }

    /** The whole of a data set: { loss, accuracy }. */
    evaluate(params, set) {
      return this.measure(params, set, range(set.count), null);
    }

    /**
     * One training step (Trainer.Step), in place: measures the objective and its gradients (into `grads`) at `params` on
     * the samples `indices` of `data`, and the whole of `validation` when given (before the update, as the engine logs it);
     * then updates `params` and `state` at `rate` (`step`: the step's index from 0). Returns { loss, accuracy, validation }.
     */
    step(params, state, grads, data, indices, rate, step, validation) {
      const measured = this.measure(params, data, indices, grads);
      const checked = validation ? this.evaluate(params, validation) : null;
      this.update(params, grads, state, rate, step); // the optimizer's step (Optimizer.Step)
      return { loss: measured.loss, accuracy: measured.accuracy, validation: checked };
    }

    newState() {
      return Array.from({ length: this.stateCount }, () => new Float64Array(this.parameterCount));
    }

    // -------------------------------------------------------------------------------------------------------------
    // The model on plain numbers, for the decision regions: Mlp.Evaluate's arithmetic (each neuron's sum from 0, bias
    // first, then w·x input by input, as the sum op folds; then the activation's twin).

    /** Writes the model's outputs at the point (x1, x2) into `out`; `buffers` are two scratch arrays as wide as the widest layer. */
    evaluatePoint(params, x1, x2, out, buffers) {
      let input = buffers[0];
      let output = buffers[1];
      input[0] = x1;
      input[1] = x2;
      let width = this.inputCount;
      let offset = 0;
      const one = this.oneArray || (this.oneArray = [0]);
      for (let l = 0; l < this.layers.length; l++) {
        const layer = this.layers[l];
        const act = layer.activation === "linear" ? null : this.ops[layer.activation];
        for (let n = 0; n < layer.outputs; n++) {
          let sum = 0;
          sum += params[offset + width];
          for (let i = 0; i < width; i++) sum += params[offset + i] * input[i];
          offset += width + 1;
          if (act) {
            one[0] = sum;
            sum = act.forward(one);
          }
          output[n] = sum;
        }
        [input, output] = [output, input];
        width = layer.outputs;
      }
      for (let o = 0; o < width; o++) out[o] = input[o];
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The recorded run: any step rebuilt from its checkpoint, and the proof that the page computes the engine's numbers.

  /** A data set from the page's JSON: { name, count, features, labels }. */
  function dataSet(json, inputs) {
    if (!json) return null;
    const features = float64s(json.features);
    return { name: json.name, count: json.count, features, labels: float64s(json.labels), inputs };
  }

  class RecordedRun {
    constructor(run, trainer) {
      this.run = run;
      this.trainer = trainer;
      this.steps = run.steps;
      this.batchSize = run.batchSize;
      this.data = dataSet(run.data, run.model.inputs);
      this.validation = dataSet(run.validation, run.model.inputs);
      this.batches = run.batches ? int32s(run.batches) : null;
      this.fullBatch = range(this.data.count);
      this.losses = float64s(run.losses);
      this.accuracies = float64s(run.accuracies);
      this.validationLosses = run.validationLosses ? float64s(run.validationLosses) : null;
      this.validationAccuracies = run.validationAccuracies ? float64s(run.validationAccuracies) : null;
      this.end = run.end ? float64s(run.end) : null;
      this.interval = run.checkpoints.interval;
      this.checkpointSize = run.checkpoints.size;
      this.checkpoints = float64s(run.checkpoints.data);
      this.checkpointCount = this.checkpoints.length / this.checkpointSize;
      this.rate = trainer.twins.schedule(run.schedule.settings);
      this.cursor = null;
    }

    /** The samples of step k (from 1). */
    batch(k) {
      if (!this.batches) return this.fullBatch;
      return this.batches.subarray((k - 1) * this.batchSize, k * this.batchSize);
    }

    /** The parameters and optimizer state stored before step 1 + c·interval. */
    checkpoint(c) {
      const P = this.trainer.parameterCount;
      const at = c * this.checkpointSize;
      const params = this.checkpoints.slice(at, at + P);
      const state = this.trainer.newState();
      state.forEach((array, s) => array.set(this.checkpoints.subarray(at + P * (1 + s), at + P * (2 + s))));
      return { params, state };
    }

    /** Whether the parameters and state equal checkpoint c bit for bit: the count of numbers that differ. */
    differencesFrom(c, params, state) {
      const P = this.trainer.parameterCount;
      const at = c * this.checkpointSize;
      let differ = 0;
      for (let j = 0; j < P; j++) if (!Object.is(params[j], this.checkpoints[at + j])) differ++;
      state.forEach((array, s) => {
        for (let j = 0; j < P; j++) if (!Object.is(array[j], this.checkpoints[at + P * (1 + s) + j])) differ++;
      });
      return differ;
    }

    /**
     * Step k (1 … steps) from the state before it, which is advanced past it in place: the parameters it is measured with,
     * its gradients, loss, accuracy, validation, learning rate, and the parameters and state after its update.
     */
    advance(k, params, state) {
      const trainer = this.trainer;
      const before = params.slice();
      const grads = new Float64Array(trainer.parameterCount);
      const rate = this.rate(k - 1);
      const { loss, accuracy, validation } = trainer.step(params, state, grads, this.data, this.batch(k), rate, k - 1, this.validation);
      return { k, params: before, grads, loss, accuracy, validation, rate, after: params.slice(), state: state.map((s) => s.slice()) };
    }

    /** The state before step k, from the nearest checkpoint (or from where the last call left off, when that is nearer). */
    stateBefore(k) {
      const c = Math.min(Math.floor((k - 1) / this.interval), this.checkpointCount - 1);
      const from = 1 + c * this.interval;
      let current;
      if (this.cursor && this.cursor.next <= k && this.cursor.next >= from) {
        current = { params: this.cursor.params, state: this.cursor.state, next: this.cursor.next };
      } else {
        const { params, state } = this.checkpoint(c);
        current = { params, state, next: from };
      }
      while (current.next < k) {
        this.scratchGrads ||= new Float64Array(this.trainer.parameterCount);
        this.trainer.step(current.params, current.state, this.scratchGrads, this.data, this.batch(current.next), this.rate(current.next - 1), current.next - 1, null);
        current.next++;
      }
      return current;
    }

    /** Everything the page shows at step k (1 … steps), or after the last step (k = steps + 1). */
    at(k) {
      const current = this.stateBefore(k);
      if (k > this.steps) {
        const params = current.params.slice();
        this.cursor = { params: current.params, state: current.state, next: k };
        const grads = new Float64Array(this.trainer.parameterCount);
        const measured = this.trainer.measure(params, this.data, this.fullBatch, grads);
        const validation = this.validation ? this.trainer.evaluate(params, this.validation) : null;
        return { k, end: true, params, grads, loss: measured.loss, accuracy: measured.accuracy, validation, rate: null, after: params, state: current.state.map((s) => s.slice()) };
      }
      const view = this.advance(k, current.params, current.state);
      this.cursor = { params: current.params, state: current.state, next: k + 1 };
      return view;
    }

    /** The numbers the engine recorded for step k: [loss, accuracy] and, with a validation set, [val loss, val accuracy]. */
    recorded(k) {
      if (k > this.steps) return this.end ? Array.from(this.end) : null;
      const numbers = [this.losses[k - 1], this.accuracies[k - 1]];
      if (this.validationLosses) numbers.push(this.validationLosses[k - 1], this.validationAccuracies[k - 1]);
      return numbers;
    }

    /**
     * The proof: replays the whole run from the first checkpoint, without using any other, and compares every number the
     * engine recorded (each step's loss and accuracy, and validation's; every checkpoint's parameters and optimizer state;
     * the end's). Works in slices: call `next(ms)` until it returns done. Returns { done, step, numbers, differ, first }.
     */
    proof() {
      const self = this;
      const { params, state } = this.checkpoint(0);
      const grads = new Float64Array(this.trainer.parameterCount);
      const result = { done: false, step: 0, numbers: 0, differ: 0, first: null };
      const note = (what) => {
        if (result.first === null) result.first = what;
      };
      const compare = (label, page, engine) => {
        result.numbers++;
        if (!Object.is(page, engine)) {
          result.differ++;
          note(`${label}: the page has ${Numbers.full(page)}, the engine ${Numbers.full(engine)}`);
        }
      };
      let k = 1;
      return {
        result,
        next(budgetMs) {
          const start = performance.now();
          while (k <= self.steps && performance.now() - start < budgetMs) {
            if ((k - 1) % self.interval === 0) {
              const c = (k - 1) / self.interval;
              if (c < self.checkpointCount) {
                result.numbers += self.checkpointSize;
                const differ = self.differencesFrom(c, params, state);
                if (differ > 0) {
                  result.differ += differ;
                  note(`${differ} parameters or optimizer numbers before step ${k}`);
                }
              }
            }
            const measured = self.trainer.step(params, state, grads, self.data, self.batch(k), self.rate(k - 1), k - 1, self.validation);
            const recorded = self.recorded(k);
            compare(`the loss of step ${k}`, measured.loss, recorded[0]);
            compare(`the accuracy of step ${k}`, measured.accuracy, recorded[1]);
            if (self.validation) {
              compare(`the validation loss of step ${k}`, measured.validation.loss, recorded[2]);
              compare(`the validation accuracy of step ${k}`, measured.validation.accuracy, recorded[3]);
            }
            result.step = k;
            k++;
          }
          if (k > self.steps && !result.done) {
            const c = self.steps / self.interval;
            if (Number.isInteger(c) && c < self.checkpointCount) {
              result.numbers += self.checkpointSize;
              const differ = self.differencesFrom(c, params, state);
              if (differ > 0) {
                result.differ += differ;
                note(`${differ} parameters or optimizer numbers after the last step`);
              }
            }
            if (self.end) {
              const whole = self.trainer.evaluate(params, self.data);
              compare("the loss after the last step", whole.loss, self.end[0]);
              compare("the accuracy after the last step", whole.accuracy, self.end[1]);
              if (self.validation) {
                const v = self.trainer.evaluate(params, self.validation);
                compare("the validation loss after the last step", v.loss, self.end[2]);
                compare("the validation accuracy after the last step", v.accuracy, self.end[3]);
              }
            }
            result.done = true;
          }
          return result;
        },
      };
    }
  }

  return Object.freeze({ ROLE, Trainer, RecordedRun, range });
})();
