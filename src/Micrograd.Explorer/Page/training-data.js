// What `micrograd train --data moons|circles|blobs|spirals --samples N --noise X --validation F --seed S` makes before its
// first step, computed in the page in the same order with the same numbers: the generated data (DataGenerators, from
// new Random(S)), the samples held out for validation (ValidationSplit, from new Random(S + 3)) and the initial weights
// (new Mlp(2, sizes, new Random(S + 1)): each neuron's weights uniform in [-1, 1), its bias 0). The random numbers are
// the twin of .NET's seeded Random (Knuth's subtractive generator), declared with the engine's training twins. The cosines, sines and
// logarithms are the browser's: in Chromium on Linux, Math.cos, Math.sin and Math.log give the bits of .NET's Math.Cos,
// Math.Sin and Math.Log (which call the C library's); TrainAgainTests compares them on 20,000 arguments of each.
"use strict";
/* global Numbers, microgradTraining */
/* exported TrainingData */

const TrainingData = (() => {
  const { log, sin, cos } = Math;

  // .NET's new Random(seed): { sample() (NextDouble), next(max) }, the twin the engine declares (TrainingTwins.DotNetRandom).
  const { random } = microgradTraining(Numbers.fma, Numbers.pow);

  const NAMES = ["moons", "circles", "blobs", "spirals"];
  const DEFAULT_NOISE = { moons: 0.1, circles: 0.05, blobs: 0.6, spirals: 0.05 };

  /** DataGenerators.NextGaussian (Box–Muller). */
  function gaussian(rng) {
    const u1 = 1.0 - rng.sample();
    const u2 = rng.sample();
    return Math.sqrt(-2.0 * log(u1)) * cos(2.0 * Math.PI * u2);
  }

  const fraction = (i, n) => (n === 1 ? 0.0 : i / (n - 1));
  const labelOf = (k, classes) => (classes === 2 ? (k === 0 ? -1 : 1) : k);

  /** The rows [x, y, label] of a generator before its shuffle and noise. */
  function rowsOf(name, count, classes) {
    const rows = [];
    if (name === "moons" || name === "circles") {
      const first = Math.trunc(count / 2);
      const second = count - first;
      for (let i = 0; i < first; i++) {
        const t = name === "moons" ? Math.PI * fraction(i, first) : 2 * Math.PI * i / first;
        rows.push([cos(t), sin(t), -1]);
      }
      for (let i = 0; i < second; i++) {
        if (name === "moons") {
          const t = Math.PI * fraction(i, second);
          rows.push([1 - cos(t), 0.5 - sin(t), 1]);
        } else {
          const t = 2 * Math.PI * i / second;
          rows.push([0.5 * cos(t), 0.5 * sin(t), 1]);
        }
      }
    } else if (name === "blobs") {
      for (let i = 0; i < count; i++) {
        const k = i % classes;
        const angle = Math.PI / 4 + 2 * Math.PI * k / classes;
        rows.push([2 * cos(angle), 2 * sin(angle), labelOf(k, classes)]);
      }
    } else {
      for (let k = 0; k < classes; k++) {
        const arm = Math.trunc(count / classes) + (k < count % classes ? 1 : 0);
        for (let i = 0; i < arm; i++) {
          const r = fraction(i, arm);
          const angle = 2 * Math.PI * k / classes + 4 * r;
          rows.push([r * cos(angle), r * sin(angle), labelOf(k, classes)]);
        }
      }
    }
    return rows;
  }

  /** DataGenerators.Generate(name, count, noise, new Random(seed), classes): { name, count, features, labels, inputs }. */
  function generate(name, count, noise, seed, classes) {
    const rng = random(seed);
    const rows = rowsOf(name, count, classes);
    for (let i = rows.length - 1; i > 0; i--) {
      const j = rng.next(i + 1);
      [rows[i], rows[j]] = [rows[j], rows[i]];
    }
    const features = new Float64Array(2 * rows.length);
    for (let i = 0; i < rows.length; i++) {
      features[2 * i] = rows[i][0] + noise * gaussian(rng);
      features[2 * i + 1] = rows[i][1] + noise * gaussian(rng);
    }
    return { name, count: rows.length, features, labels: Float64Array.from(rows, (row) => row[2]), inputs: 2 };
  }

  /** A data set's samples at `positions`, in that order. */
  function subset(set, positions) {
    const features = new Float64Array(2 * positions.length);
    positions.forEach((p, i) => { features[2 * i] = set.features[2 * p]; features[2 * i + 1] = set.features[2 * p + 1]; });
    return { name: set.name, count: positions.length, features, labels: Float64Array.from(positions, (p) => set.labels[p]), inputs: set.inputs };
  }

  /** ValidationSplit.Split: { train, validation } (validation null for a share of 0); null when it would hold out every sample. */
  function split(set, share, seed) {
    if (share === 0) return { train: set, validation: null };
    const n = set.count;
    const held = Math.min(n, Math.ceil(share * n));
    if (held >= n) return null;
    const positions = Array.from({ length: n }, (_, i) => i);
    const rng = random((seed + 3) | 0);
    for (let i = 0; i < held; i++) {
      const j = i + rng.next(n - i);
      [positions[i], positions[j]] = [positions[j], positions[i]];
    }
    const validation = positions.slice(0, held).sort((a, b) => a - b);
    const isHeld = new Set(validation);
    const train = positions.map((_, i) => i).filter((i) => !isHeld.has(i));
    return { train: subset(set, train), validation: subset(set, validation) };
  }

  /** new Mlp(inputs, sizes, new Random(seed + 1))'s parameters, in parameter order (each neuron's weights, then its bias). */
  function initialParameters(inputs, sizes, seed) {
    const rng = random((seed + 1) | 0);
    const params = [];
    let width = inputs;
    for (const size of sizes) {
      for (let n = 0; n < size; n++) {
        for (let i = 0; i < width; i++) params.push(rng.sample() * 2.0 - 1.0);
        params.push(0.0);
      }
      width = size;
    }
    return Float64Array.from(params);
  }

  return Object.freeze({ NAMES, DEFAULT_NOISE, random, generate, split, initialParameters });
})();
