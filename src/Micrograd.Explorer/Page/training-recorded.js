// The training page's recorded run: the numbers the engine wrote into the page (data sets, batches, losses and accuracies,
// checkpoints of the parameters and the optimizer's state), any step rebuilt from its checkpoint with the page's Trainer,
// and the proof that the page computes the engine's numbers.
"use strict";
/* global Numbers, TrainingEngine */

/* exported RecordedRun */
const RecordedRun = (() => {
  const { range } = TrainingEngine;

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

  return RecordedRun;
})();
