// The training page's train-again settings, read and checked (from the fields, or from the #hash), and the page rebuilt
// for another network: a train-again that changes the hidden sizes, the activation or the loss puts its settings in the
// #hash and reloads the page, which then makes, before any panel, a run of the new network (its model, its sample graph
// built in the page by training-architecture.js, its initial weights from the seed as `micrograd train` makes them) in place
// of the recorded one, builds every panel from it and trains it again from step 1. The engine recorded no run of that
// network, so the page says so in place of its proof; the command line it shows computes the same numbers.
"use strict";
/* global Numbers, PageKit, GraphLayout, TrainingArchitecture, TrainingData */
/* exported TrainingRebuild */

const TrainingRebuild = (() => {
  const { full, parse } = Numbers;
  const { parseHidden, outputsFor, ACTIVATIONS, LOSSES } = TrainingArchitecture;

  /** The settings' keys in the #hash and the fields they fill (again-KEY). */
  const KEYS = ["data", "samples", "noise", "validation", "seed", "steps", "optimizer", "lr", "lr-end", "hidden", "activation", "loss"];

  /** The most values of a step's graph of another network (the sample graph's values but the parameters, times the batch):
   * some 5 million, more than the default 2-16-16-1 network's on 10,000 samples (3.8 million), so that the tab keeps its memory. */
  const MAX_STEP_NODES = 5000000;

  /** What a run's network and loss are, and whether --hidden and --activation make it: { sizes, activation, loss, madeByOptions, classes }. */
  function architectureOf(run) {
    const layers = run.model.layers;
    const hidden = layers.slice(0, -1);
    const outputs = layers[layers.length - 1].outputs;
    const madeByOptions = run.model.inputs === 2 && layers[layers.length - 1].activation === "linear" && hidden.every((l) => l.activation === hidden[0].activation);
    return {
      sizes: hidden.map((l) => l.outputs),
      activation: hidden.length > 0 ? hidden[0].activation : "relu",
      loss: run.loss.name,
      madeByOptions,
      // One output is a score of two classes; K outputs are K classes (softmax).
      classes: outputs === 1 ? 2 : outputs,
    };
  }

  /** The losses the command line accepts for data of `classes` classes: every loss for two, softmax only for more. */
  const lossesFor = (classes) => (classes === 2 ? LOSSES : ["softmax"]);

  /**
   * The settings in `values` (text by key), checked: { data, samples, …, sizes, activation, loss } or { problem, bad } (bad:
   * the keys of the values refused), for a run of the network `arch` (architectureOf) trained in batches of `batchSize`
   * (null: full batches): another network's step graph is bounded (MAX_STEP_NODES).
   */
  function read(values, arch, batchSize) {
    const classes = arch.classes;
    const problems = [];
    const bad = [];
    const field = (key, test, message) => {
      const parsed = parse(values[key] ?? "");
      const ok = parsed.problem === undefined && test(parsed.value);
      if (!ok) {
        problems.push(message);
        bad.push(key);
      }
      return parsed.value;
    };
    const choice = (key, allowed, message) => {
      const ok = allowed.includes(values[key]);
      if (!ok) {
        problems.push(message);
        bad.push(key);
      }
      return values[key];
    };
    const whole = (low, high) => (v) => Number.isInteger(v) && v >= low && v <= high;
    const data = choice("data", TrainingData.NAMES.filter((n) => classes === 2 || (n !== "moons" && n !== "circles")), "unknown data set");
    const samples = field("samples", whole(2 * classes, 10000), `samples must be a whole number from ${2 * classes} to 10000`);
    const noise = field("noise", (v) => v >= 0 && v <= 1e307, "noise must be a number from 0 to 1e307");
    const validation = field("validation", (v) => v >= 0 && v < 1, "the validation share must be a number from 0 to below 1");
    const seed = field("seed", whole(0, 2147483647), "the seed must be a whole number of at least 0");
    const steps = field("steps", whole(1, 10000), "steps must be a whole number from 1 to 10000");
    const lr = field("lr", (v) => Number.isFinite(v) && v > 0, "lr must be a number above 0");
    const lrEnd = field("lr-end", (v) => Number.isFinite(v) && v >= 0, "the end lr must be a number of at least 0");
    const optimizer = choice("optimizer", ["sgd", "momentum", "adam"], "unknown optimizer");
    const hidden = parseHidden(values.hidden ?? "");
    if (hidden.problem) {
      problems.push(hidden.problem);
      bad.push("hidden");
    }
    const activation = choice("activation", ACTIVATIONS, `the activation must be one of ${ACTIVATIONS.join(", ")}`);
    const loss = choice("loss", lossesFor(classes), `the loss must be one of ${lossesFor(classes).join(", ")}${classes > 2 ? ` (the data have ${classes} classes)` : ""}`);
    if (problems.length === 0 && validation > 0 && Math.ceil(validation * samples) >= samples) {
      problems.push(`a validation share of ${full(validation)} holds out all ${samples} samples`);
      bad.push("validation");
    }
    if (problems.length > 0) return { problem: problems.join("; "), bad };
    const settings = { data, samples, noise, validation, seed, steps, lr, lrEnd, optimizer, sizes: hidden.sizes, activation, loss };
    if (!sameArchitecture(arch, settings)) {
      const model = TrainingArchitecture.model(2, settings.sizes, activation, outputsFor(loss, classes));
      const batch = Math.min(samples, batchSize ?? samples);
      const nodes = (TrainingArchitecture.sampleGraph(model, loss, batch).graph.nodes.length - model.parameters.length) * batch;
      if (nodes > MAX_STEP_NODES) {
        return {
          problem: `this network on ${batch} samples a step makes a step graph of ${nodes.toLocaleString("en-US")} values, more than the page's ` +
            `${MAX_STEP_NODES.toLocaleString("en-US")}: choose fewer samples or a smaller network`,
          bad: ["hidden", "samples"],
        };
      }
    }
    return settings;
  }

  /** Whether settings `s` train the network of `arch` (architectureOf) with its loss. */
  const sameArchitecture = (arch, s) => arch.madeByOptions && arch.loss === s.loss && arch.sizes.join(",") === s.sizes.join(",") &&
    (s.sizes.length === 0 || arch.activation === s.activation);

  /** The #hash of the settings' values (text by key). */
  const hashOf = (values) => KEYS.map((key) => `${key}=${encodeURIComponent(values[key] ?? "")}`).join("&");

  /** The train-again values of a #hash (text by key), or null when it has none (its marker is the hidden sizes). */
  function valuesOf(hash) {
    const items = PageKit.hashItems(hash);
    if (items === null || !items.some(([key]) => key === "hidden")) return null;
    const values = {};
    for (const [key, value] of items) if (KEYS.includes(key)) values[key] = value;
    return values;
  }

  /** Numbers as base64url of their little-endian bytes, as the engine writes them into the page (TrainingRunJson). */
  function base64(numbers, Type) {
    const array = Type.from(numbers);
    const bytes = new Uint8Array(array.buffer);
    let binary = "";
    for (const b of bytes) binary += String.fromCharCode(b);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_");
  }

  /**
   * The run the page starts from: the recorded one, or, when the #hash holds train-again settings of another network, a run
   * of that network in its place: { run, values, settings, problem, rebuilt } (values: the hash's, to fill the fields with;
   * settings: read from them; rebuilt: whether the run is the new network's).
   */
  function start(recorded, hash, twins) {
    const values = valuesOf(hash);
    if (!values) return { run: recorded, values: null, settings: null, problem: "", rebuilt: false };
    const arch = architectureOf(recorded);
    const settings = read(values, arch, recorded.batches ? recorded.batchSize : null);
    if (settings.problem || sameArchitecture(arch, settings)) return { run: recorded, values, settings, problem: settings.problem || "", rebuilt: false };

    // The new network, its first weights from the seed, and one step of the recorded data as its "recorded" run: replaced by
    // the train-again at once (its numbers are NaN, and no proof is run).
    const model = TrainingArchitecture.model(2, settings.sizes, settings.activation, outputsFor(settings.loss, arch.classes));
    const P = model.parameters.length;
    const params = TrainingData.initialParameters(2, model.layers.map((l) => l.outputs), settings.seed);
    const checkpoint = new Float64Array(P * (1 + recorded.stateCount));
    checkpoint.set(params);
    const count = recorded.data.count;
    const run = {
      ...recorded,
      model,
      loss: { name: settings.loss, l2: recorded.loss.l2 },
      sample: TrainingArchitecture.sampleGraph(model, settings.loss, recorded.batches ? Math.min(recorded.batchSize, count) : count),
      steps: 1,
      losses: base64([NaN], Float64Array),
      accuracies: base64([NaN], Float64Array),
      checkpoints: { interval: 1, size: checkpoint.length, data: base64(checkpoint, Float64Array) },
      rebuilt: { sizes: settings.sizes, activation: settings.activation, loss: settings.loss },
    };
    delete run.end;
    if (recorded.validation) Object.assign(run, { validationLosses: run.losses, validationAccuracies: run.accuracies });
    if (recorded.batches) run.batches = base64(twins.sampler(count, recorded.batchSize, (recorded.seed + 2) | 0)(), Int32Array);
    return { run, values, settings, problem: "", rebuilt: true };
  }

  /**
   * The picture of a rebuilt run's sample graph, laid out in the page (graph-layout.js) in place of Graphviz's layouts of the
   * recorded network (which also had its neurons drawn as boxes: the rebuilt picture has no such view).
   */
  function layOut(run) {
    const container = PageKit.$("graph");
    for (const template of container.querySelectorAll("template[data-direction]")) template.remove();
    container.appendChild(GraphLayout.template(run.sample.graph, "TB"));
  }

  return Object.freeze({ KEYS, MAX_STEP_NODES, layOut, architectureOf, lossesFor, read, sameArchitecture, hashOf, start });
})();
