// The weights at any step of the recorded run, rebuilt in the page bit for bit: from the checkpoint at or before the step
// (its weights and Adam's moments m and v), the training steps are taken again as the engine took them (GptTrainer.Step):
// step k's document (run data replay.documents[k]) through GptKernel (gpt-backward.js) for the loss and the gradients,
// then GptAdam's update, microgpt's loop body for each parameter:
//   m = β₁·m + (1 − β₁)·g;  v = β₂·v + (1 − β₂)·g ** 2;  p −= lr·(m / c₁) / ((v / c₂) ** 0.5 + ε)
// with the step's recorded learning rate and bias corrections c₁ = 1 − β₁ ** (k + 1), c₂ = 1 − β₂ ** (k + 1). The engine's
// ** is C's pow; a browser's Math.pow(x, 2) and Math.pow(x, 0.5) are x·x and the square root, which differ from pow in
// the last bit about once in a thousand: the page computes g·g and Math.sqrt, and the run data lists, for each step, the
// parameters where pow differs (replay.squares, replay.roots; GptPowExceptions.cs): a code, index · 2 + 1 where pow's
// number is the next double up from the page's, index · 2 where it is the next one down; any other, with pow's number.
"use strict";
/* global GptKernel, GptRun */

/* exported GptReplay */
class GptReplay {
  /** @param {object} data  the parsed run data (GptRunJson), with its replay part. */
  constructor(data) {
    const replay = data.replay;
    this.kernel = new GptKernel(data.model);
    const size = (this.size = data.model.parameters);
    this.steps = data.steps;
    this.checkpointSteps = data.checkpoints.steps;
    this.checkpointWeights = GptRun.doubles(data.checkpoints.weights);
    this.moments = GptRun.doubles(replay.moments);
    this.rates = GptRun.doubles(data.rates);
    this.corrections = GptRun.doubles(replay.corrections);
    this.beta1 = replay.beta1;
    this.beta2 = replay.beta2;
    this.epsilon = replay.epsilon;
    const bos = data.model.characters.length;
    const ids = new Map(data.model.characters.map((c, i) => [c, i]));
    this.documents = replay.documents.map((text) => Int32Array.from([bos, ...Array.from(text, (c) => ids.get(c)), bos]));
    this.squares = GptReplay.exceptions(replay.squares);
    this.roots = GptReplay.exceptions(replay.roots);
    // the working state: the weights, m and v after `step` steps (-1: none yet), the last gradients, and scratch
    this.weights = new Float64Array(size);
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
    this.gradients = new Float64Array(size);
    this.scratch = new Float64Array(size);
    this.step = -1;
    // marks: the state (weights, m, v) every `spacing` steps of the last stretch replayed, so that a step back replays
    // at most spacing − 1 steps instead of the whole way from the checkpoint
    this.spacing = Math.max(1, Math.ceil(Math.sqrt(data.checkpoints.interval)));
    this.marks = new Map();
    this.marked = -1;
  }

  /** A double and its bits, for patch. */
  static number = new Float64Array(1);
  static bits = new Uint32Array(GptReplay.number.buffer);

  /** Little-endian int32s from base64url text. */
  static ints(text) {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const view = new DataView(new ArrayBuffer(binary.length));
    for (let i = 0; i < binary.length; i++) view.setUint8(i, binary.charCodeAt(i));
    const numbers = new Int32Array(binary.length / 4);
    for (let i = 0; i < numbers.length; i++) numbers[i] = view.getInt32(i * 4, true);
    return numbers;
  }

  /** One power's exceptions: step k's are entries starts[k] … starts[k + 1] of codes, and the others' likewise. */
  static exceptions(part) {
    const { ints } = GptReplay;
    return {
      starts: ints(part.starts), codes: ints(part.codes),
      otherStarts: ints(part.otherStarts), otherIndices: ints(part.otherIndices), otherValues: GptRun.doubles(part.otherValues),
    };
  }

  /** Replaces the page's numbers in into (each ≥ +0 where coded) with the engine's where step k's exceptions say so. */
  static patch(exceptions, k, into) {
    const { starts, codes, otherStarts, otherIndices, otherValues } = exceptions;
    const { number, bits } = GptReplay;
    for (let e = starts[k]; e < starts[k + 1]; e++) {
      const i = codes[e] >> 1;
      number[0] = into[i];
      const low = bits[0]; // the 64 bits as two little-endian halves: one more, or one less, across the halves
      if (codes[e] & 1) {
        bits[0] = low + 1;
        if (low === 0xffffffff) bits[1] += 1;
      } else {
        bits[0] = low - 1;
        if (low === 0) bits[1] -= 1;
      }
      into[i] = number[0];
    }
    for (let e = otherStarts[k]; e < otherStarts[k + 1]; e++) into[otherIndices[e]] = otherValues[e];
  }

  /** How many exceptions in all: [squares, square roots]. */
  get exceptionCounts() {
    const count = (x) => x.codes.length + x.otherIndices.length;
    return [count(this.squares), count(this.roots)];
  }

  /** Sets the working state to checkpoint i's weights, m and v. */
  restore(i) {
    const n = this.size;
    this.weights.set(this.checkpointWeights.subarray(i * n, (i + 1) * n));
    this.m.set(this.moments.subarray(2 * i * n, (2 * i + 1) * n));
    this.v.set(this.moments.subarray((2 * i + 1) * n, (2 * i + 2) * n));
    this.step = this.checkpointSteps[i];
  }

  /** Takes the next step (number `step`, from 0) as the engine did; returns its loss. Allocates nothing. */
  next() {
    const k = this.step;
    if (k < 0 || k >= this.steps) throw new RangeError(`there is no step ${k + 1} to take`);
    const { weights: w, m, v, gradients: g, scratch: s, size: n, beta1: b1, beta2: b2, epsilon } = this;
    const loss = this.kernel.lossAndGradients(w, g, this.documents[k]);
    for (let i = 0; i < n; i++) s[i] = g[i] * g[i];
    GptReplay.patch(this.squares, k, s);
    const rest1 = 1 - b1;
    const rest2 = 1 - b2;
    const c1 = this.corrections[2 * k];
    const c2 = this.corrections[2 * k + 1];
    const rate = this.rates[k];
    for (let i = 0; i < n; i++) {
      m[i] = b1 * m[i] + rest1 * g[i];
      v[i] = b2 * v[i] + rest2 * s[i];
      s[i] = Math.sqrt(v[i] / c2);
    }
    GptReplay.patch(this.roots, k, s);
    for (let i = 0; i < n; i++) w[i] -= rate * (m[i] / c1) / (s[i] + epsilon);
    this.step = k + 1;
    return loss;
  }

  /** The last checkpoint at or before step. */
  checkpointBefore(step) {
    let i = 0;
    while (i + 1 < this.checkpointSteps.length && this.checkpointSteps[i + 1] <= step) i++;
    return i;
  }

  /**
   * The weights after `step` steps (0 … steps), in the model's parameter order: the working array, which the next call
   * changes (copy it to keep it). Steps on from the working state when it lies between the checkpoint before step and
   * step, else from that checkpoint. With `until` (a performance.now() time) it stops taking steps at that time (after
   * one at least) and returns null, the steps taken so far kept: the next call goes on from there.
   */
  seek(step, until = Infinity) {
    if (!(step >= 0 && step <= this.steps)) throw new RangeError(`the run has steps 0 to ${this.steps}, not ${step}`);
    const i = this.checkpointBefore(step);
    if (!(this.step >= this.checkpointSteps[i] && this.step <= step)) this.resume(i, step);
    while (this.step < step) {
      this.next();
      this.mark(i);
      if (this.step < step && until !== Infinity && performance.now() >= until) return null;
    }
    return this.weights;
  }

  /** Sets the working state to the latest mark at or before step in checkpoint i's stretch, else to checkpoint i. */
  resume(i, step) {
    let best = -1;
    if (this.marked === i) for (const k of this.marks.keys()) if (k <= step && k > best) best = k;
    if (best < 0) {
      this.restore(i);
      return;
    }
    const n = this.size;
    const state = this.marks.get(best);
    this.weights.set(state.subarray(0, n));
    this.m.set(state.subarray(n, 2 * n));
    this.v.set(state.subarray(2 * n, 3 * n));
    this.step = best;
  }

  /** Keeps the working state as a mark if it is `spacing` steps on from the last one of checkpoint i's stretch. */
  mark(i) {
    if (this.marked !== i) {
      this.marks.clear();
      this.marked = i;
    }
    const k = this.step;
    if ((k - this.checkpointSteps[i]) % this.spacing !== 0 || this.marks.has(k)) return;
    const n = this.size;
    const state = new Float64Array(3 * n);
    state.set(this.weights, 0);
    state.set(this.m, n);
    state.set(this.v, 2 * n);
    this.marks.set(k, state);
  }

  /** A second working state over the same recorded run: its own weights, m and v; the recorded numbers shared. */
  twin() {
    const twin = Object.create(GptReplay.prototype);
    Object.assign(twin, this);
    for (const key of ["weights", "m", "v", "gradients", "scratch"]) twin[key] = new Float64Array(this.size);
    twin.step = -1;
    twin.marks = new Map();
    twin.marked = -1;
    return twin;
  }
}
