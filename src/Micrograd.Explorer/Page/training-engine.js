// The training page's engine: a training step computed with the engine's semantics, bit for bit (the step graph of
// training-tape.js, then the optimizer's update), the objective measured on any samples, and the model evaluated on plain
// numbers for the decision regions. The optimizer, the schedule and the loss's numbers are the training twins
// (microgradTraining), which the engine declares next to its own code: this file holds no formula.
"use strict";
/* global TrainingTape */

/* exported TrainingEngine */
const TrainingEngine = (() => {
  const { ROLE, SampleTemplate, StepTape } = TrainingTape;

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
      this.lossTape = null;
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

    /** Each sample's loss on the whole of a data set at `params` (as Loss.SampleLoss computes it), in the set's order. */
    sampleLosses(params, set) {
      if (set.count === 0) return new Float64Array(0);
      // A size no step has used (the data with points added) gets one tape, replaced at the next size: not one kept per point added.
      let tape = this.tapes.get(set.count);
      if (!tape) {
        if (!this.lossTape || this.lossTape.size !== set.count) this.lossTape = new StepTape(this.template, set.count, this.parameterCount, this.l2, this.ops);
        tape = this.lossTape;
      }
      tape.forward(params, set, range(set.count), this.twins);
      return tape.sampleLosses();
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

    /**
     * Writes the model's outputs at the point (x1, x2) into `out`; `buffers` are two scratch arrays as wide as the widest layer;
     * `all`, when given, gets every neuron's output, layer by layer (for the maps of what each neuron computes).
     */
    evaluatePoint(params, x1, x2, out, buffers, all) {
      let input = buffers[0];
      let output = buffers[1];
      input[0] = x1;
      input[1] = x2;
      let width = this.inputCount;
      let offset = 0;
      const one = this.oneArray || (this.oneArray = [0]);
      let k = 0;
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
          if (all) all[k++] = sum;
        }
        [input, output] = [output, input];
        width = layer.outputs;
      }
      for (let o = 0; o < width; o++) out[o] = input[o];
    }
  }

  return Object.freeze({ ROLE, Trainer, range });
})();
