// micrograd training: replays a recorded training run step by step, bit for bit, from its checkpoints; shows each step's
// loss and accuracy, decision regions, network and one sample's backpropagation; lets a learner add and drag points, train
// on in the page with the engine's semantics, and export the data and the model for the command line.
//
// Built on the shared files: Numbers, PageKit, GraphPasses and GraphView (shared/), Explanation (the explorer's texts of a step),
// TrainingEngine (training-engine.js), TrainingPlane, NetworkView and TrainingChart. The formulas come from the engine's twins:
// microgradOps (ops) and microgradTraining (optimizer, schedule, loss numbers, batches).
"use strict";
/* global Numbers, PageKit, GraphPasses, GraphView, Player, Explanation, TrainingEngine, TrainingPlane, NetworkView, TrainingChart, microgradOps, microgradTraining */

(() => {
  const { full, short, parse, fixed4, isBad } = Numbers;
  const { $, on } = PageKit;

  // ---------------------------------------------------------------------------------------------------------------
  // The run, its twins, and the data.

  const run = JSON.parse($("run-data").textContent);
  const OPS = microgradOps(Numbers.fma, Numbers.pow);
  const TWINS = microgradTraining(Numbers.fma, Numbers.pow);
  const trainer = new TrainingEngine.Trainer(run, OPS, TWINS);
  const recorded = new TrainingEngine.RecordedRun(run, trainer);
  const names = run.model.parameters;
  const outputCount = trainer.outputCount;
  const speeds = [1, 2, 5, 10, 20, 50, 100];

  // Classes: one output is a score whose sign is the class (-1 or 1); more outputs are classes 0 … K-1 (softmax, which
  // also reads -1 as class 0 when there are two).
  const labelsSeen = [...recorded.data.labels, ...(recorded.validation ? recorded.validation.labels : [])];
  const classLabels = outputCount === 1 || (outputCount === 2 && labelsSeen.every((y) => y === -1 || y === 1))
    ? [-1, 1]
    : Array.from({ length: outputCount }, (_, k) => k);
  const classOf = (y) => (outputCount === 1 ? (y > 0 ? 1 : 0) : outputCount === 2 && y === -1 ? 0 : Math.max(0, Math.min(outputCount - 1, Math.round(y))));
  const palette = PageKit.color("classes").split(/\s+/);
  const colors = classLabels.length === 2 && classLabels[0] === -1 ? [PageKit.color("negative"), PageKit.color("positive")] : classLabels.map((_, k) => palette[k % palette.length]);

  /** A copy of a data set, to edit. */
  const copySet = (set) => ({ name: set.name, count: set.count, features: Float64Array.from(set.features), labels: Float64Array.from(set.labels), inputs: set.inputs });
  let train = copySet(recorded.data);
  const validation = recorded.validation ? copySet(recorded.validation) : null;
  let edits = { added: 0, moved: new Set() };

  // ---------------------------------------------------------------------------------------------------------------
  // The timeline: the recorded run's steps 1 … N and the position after its last step; or, after a train-on, the recorded
  // steps before the one it started from, then its own steps and the position after them.

  let branch = null;
  let position = 1;
  let view = null;

  const length = () => (branch ? branch.from + branch.steps.length : recorded.steps + 1);
  const inBranch = (p) => branch !== null && p >= branch.from;

  function viewAt(p) {
    if (inBranch(p)) {
      const i = p - branch.from;
      return i < branch.steps.length ? branch.steps[i] : branch.end;
    }
    return recorded.at(p);
  }

  /** The engine's numbers for a position of the recorded run ([loss, accuracy, val loss, val accuracy]), or null. */
  const recordedAt = (p) => (inBranch(p) ? null : recorded.recorded(p));

  function series() {
    const n = length();
    const make = () => new Float64Array(n).fill(NaN);
    const s = { length: n, branch: branch ? branch.from : 0, loss: make(), accuracy: make(), validationLoss: validation ? make() : null, validationAccuracy: validation ? make() : null };
    const last = branch ? branch.from - 1 : recorded.steps;
    for (let p = 1; p <= last; p++) {
      s.loss[p - 1] = recorded.losses[p - 1];
      s.accuracy[p - 1] = recorded.accuracies[p - 1];
      if (validation) {
        s.validationLoss[p - 1] = recorded.validationLosses[p - 1];
        s.validationAccuracy[p - 1] = recorded.validationAccuracies[p - 1];
      }
    }
    const put = (p, v) => {
      s.loss[p - 1] = v.loss;
      s.accuracy[p - 1] = v.accuracy;
      if (validation && v.validation) {
        s.validationLoss[p - 1] = v.validation.loss;
        s.validationAccuracy[p - 1] = v.validation.accuracy;
      }
    };
    if (branch) {
      branch.steps.forEach((v, i) => put(branch.from + i, v));
      if (branch.end) put(n, branch.end);
    } else if (recorded.end) {
      s.loss[n - 1] = recorded.end[0];
      s.accuracy[n - 1] = recorded.end[1];
      if (validation) {
        s.validationLoss[n - 1] = recorded.end[2];
        s.validationAccuracy[n - 1] = recorded.end[3];
      }
    }
    return s;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The panels.

  const plane = new TrainingPlane($("plane"), {
    colors,
    classOf,
    onSelect: (point) => selectSample(point),
    onAdd: (x, y) => addPoint(x, y),
    onMove: (point, x, y) => movePoint(point, x, y),
    onMoved: () => showEdits(),
  });
  plane.fitBounds([recorded.data, ...(validation ? [validation] : [])]);

  const network = new NetworkView($("network"), {
    inputs: run.model.inputs,
    layers: run.model.layers,
    names,
    onPoint: (parameter, what) => showDetail(parameter, what),
  });

  const chart = new TrainingChart($("chart"), { onPick: (p) => { pause(); goTo(p); } });

  for (const [k, label] of classLabels.entries()) {
    const option = document.createElement("option");
    option.value = String(label);
    option.textContent = classLabels.length === 2 && label === -1 ? "-1" : String(label);
    option.style.color = colors[k];
    $("add-class").appendChild(option);
  }
  if (run.batches) {
    $("seed-label").hidden = false;
    $("train-seed").value = String(run.seed);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Drawing a position.

  const outputs = new Float64Array(outputCount);
  const buffers = [0, 1].map(() => new Float64Array(Math.max(run.model.inputs, ...run.model.layers.map((l) => l.outputs))));

  /** The class the model predicts at a point and how sure it is (0 to 1): a score's size, or the winning softmax share. */
  function predict(params, x, y) {
    trainer.evaluatePoint(params, x, y, outputs, buffers);
    if (outputCount === 1) return [outputs[0] > 0 ? 1 : 0, Math.tanh(Math.abs(outputs[0]))];
    let best = 0;
    for (let k = 1; k < outputCount; k++) if (outputs[k] > outputs[best]) best = k;
    let sum = 0;
    for (let k = 0; k < outputCount; k++) sum += Math.exp(outputs[k] - outputs[best]);
    return [best, (1 / sum - 1 / outputCount) / (1 - 1 / outputCount)];
  }

  /** The points the model gets wrong at the step shown, as "train:i" and "validation:i". */
  let wrong = new Set();

  /** Checks point i of a set (kind "train" or "validation") with the model at the step shown, and records in `wrong` whether it is wrong. */
  function checkPoint(kind, i) {
    const set = kind === "train" ? train : validation;
    trainer.evaluatePoint(view.params, set.features[2 * i], set.features[2 * i + 1], outputs, buffers);
    if (TWINS.isCorrect(outputs, set.labels[i])) wrong.delete(`${kind}:${i}`);
    else wrong.add(`${kind}:${i}`);
  }

  /** Draws the points over the regions as they are (the model did not change: the regions stay). */
  function drawPoints() {
    plane.setPoints([{ kind: "train", ...train }, ...(validation ? [{ kind: "validation", ...validation }] : [])], wrong);
    plane.draw();
  }

  let lastRegionsMs = 0;

  /** Draws the plane at the step shown: its regions and whether each point is right, all computed afresh. */
  function drawPlane() {
    lastRegionsMs = plane.computeRegions((x, y) => predict(view.params, x, y));
    wrong = new Set();
    for (let i = 0; i < train.count; i++) checkPoint("train", i);
    for (let i = 0; validation && i < validation.count; i++) checkPoint("validation", i);
    drawPoints();
  }

  function numberItem(key, label, text, title) {
    const div = document.createElement("div");
    div.dataset.key = key;
    const dt = document.createElement("dt");
    dt.textContent = label;
    const dd = document.createElement("dd");
    dd.textContent = text;
    if (title) dd.title = title;
    div.append(dt, dd);
    return div;
  }

  function showNumbers() {
    const v = view;
    const engine = recordedAt(position);
    const items = [];
    const agree = (page, i) => (engine ? (Object.is(page, engine[i]) ? " ✓" : " ≠ engine") : "");
    items.push(numberItem("loss", v.end ? "loss (all data)" : "loss", full(v.loss) + agree(v.loss, 0), "every digit; ✓ means it equals the engine's, bit for bit"));
    items.push(numberItem("accuracy", v.end ? "accuracy (all data)" : "accuracy", full(v.accuracy) + agree(v.accuracy, 1)));
    if (validation && v.validation) {
      items.push(numberItem("validation-loss", "validation loss", full(v.validation.loss) + agree(v.validation.loss, 2)));
      items.push(numberItem("validation-accuracy", "validation accuracy", full(v.validation.accuracy) + agree(v.validation.accuracy, 3)));
    }
    if (v.rate !== null) items.push(numberItem("rate", "learning rate", full(v.rate)));
    $("numbers").replaceChildren(...items);
  }

  function render() {
    const end = length();
    $("position").max = String(end);
    $("position").value = String(position);
    const atEnd = position === end;
    const which = inBranch(position) ? "what if: " : "";
    $("progress").textContent = atEnd
      ? `${which}after step ${end - 1}${which ? "" : ` of ${end - 1}`}`
      : `${which}step ${position} of ${end - 1}`;
    $("plane-heading").textContent = `Decision regions ${atEnd ? "after the last step" : `at step ${position}`}`;
    $("network-heading").textContent = `The network ${atEnd ? "after the last step" : `at step ${position}`}`;
    $("back").disabled = position === 1;
    $("reset").disabled = position === 1;
    $("step").disabled = atEnd;
    $("end").disabled = atEnd;
    $("play").textContent = player.playing ? "⏸ Pause" : "▶ Play";
    $("play").setAttribute("aria-pressed", String(player.playing));
    document.body.dataset.step = String(position);
    document.body.dataset.playing = String(player.playing);
    showNumbers();
    drawPlane();
    network.show(view.params, view.grads);
    showDetail(detailParameter, detailWhat);
    chart.setPosition(position);
    chart.draw();
    if (!trainingOn && !lrTouched) showDefaultRates();
    renderSample();
    saveHashSoon();
  }

  /** Goes to a position; returns the milliseconds it took to rebuild the step (not to draw it). */
  function goTo(p) {
    p = Math.max(1, Math.min(length(), p));
    const t0 = performance.now();
    if (p !== position || view === null) view = viewAt(p);
    const ms = performance.now() - t0;
    position = p;
    if (position === length()) pause();
    render();
    return ms;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The network's details: a weight or bias at the step shown, its gradient, its value after the update and the optimizer's state.

  let detailParameter = -1;
  let detailWhat = "";

  function showDetail(parameter, what) {
    detailParameter = parameter;
    detailWhat = what;
    const out = $("detail");
    if (parameter < 0 || !view) {
      out.textContent = "Point at a neuron or an edge (or focus the network and press ↑ ↓) to see its weight, its gradient and the optimizer's state.";
      delete out.dataset.parameter;
      return;
    }
    const j = parameter;
    const parts = [`${names[j]} (${what}) = ${full(view.params[j])}`, `grad ${full(view.grads[j])}`];
    if (!view.end) parts.push(`after the update ${full(view.after[j])}`);
    const stateNames = run.optimizer.name === "momentum" ? ["velocity"] : run.optimizer.name === "adam" ? ["m", "v"] : [];
    stateNames.forEach((name, s) => parts.push(`${name} ${full(view.state[s][j])}`));
    out.textContent = parts.join(" · ");
    out.dataset.parameter = String(j);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Play, pause, speed.

  const speed = () => speeds[Number($("speed").value)];
  const player = new Player({
    position: () => position,
    atEnd: () => position === length(),
    speed,
    goTo: (p) => goTo(p),
    begin: () => goTo(1),
    draw: () => render(),
  });
  const pause = () => player.pause();
  const togglePlay = () => player.toggle();

  function showSpeed() {
    $("speed-value").textContent = `${speed()} step${speed() === 1 ? "" : "s"}/s`;
    player.restartClock();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The proof: the page replays the whole recorded run from its first checkpoint and compares every recorded number.

  let proof = null;

  function runProof() {
    const check = recorded.proof();
    proof = check.result;
    const slice = () => {
      const r = check.next(12);
      showCheck();
      if (!r.done) setTimeout(slice, 0);
    };
    setTimeout(slice, 0);
  }

  function showCheck() {
    const check = $("check");
    if (!proof) return;
    const what = branch ? " · what if: trained in the page" : "";
    if (!proof.done) {
      check.className = "checking";
      check.textContent = `checking the page against the engine: step ${proof.step.toLocaleString("en-US")} of ${recorded.steps.toLocaleString("en-US")}…${what}`;
    } else if (proof.differ === 0) {
      check.className = "agree";
      check.textContent = `✓ all ${proof.numbers.toLocaleString("en-US")} numbers of the run equal the engine's, bit for bit${what}`;
    } else {
      check.className = "differ";
      check.textContent = `⚠ ${proof.differ.toLocaleString("en-US")} of ${proof.numbers.toLocaleString("en-US")} numbers differ from the engine's (this browser's Math library?); first: ${proof.first}${what}`;
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // One sample's backpropagation: its graph at the step shown, in the explorer's view.

  const sampleGraph = GraphPasses.readModel(run.sample.graph);
  const sampleNodes = sampleGraph.nodes;
  const roles = run.sample.roles;
  const indices = run.sample.indices;
  const ROLE = TrainingEngine.ROLE;
  const sampleEngine = new GraphPasses.StepEngine(sampleGraph);
  sampleEngine.setSkipLeaves(true);
  const explanation = Explanation.create(sampleGraph, OPS);
  let sampleView = null;
  let selected = null;
  let sampleRun = null;

  function ensureSampleView() {
    if (sampleView) return;
    sampleView = new GraphView($("graph"), {
      nodes: sampleNodes,
      names: sampleNodes.map((node) => node.name),
      tags: sampleNodes.filter((node) => node.label === "" && !node.constant && node.op !== "").map((node) => node.id),
      describe: () => `The graph of one sample's term of the loss: ${sampleNodes.length} values, laid out top to bottom`,
      onSelect: (id) => {
        const s = sampleEngine.stepOf.backward[id];
        if (s > 0) {
          sampleEngine.goTo(s);
          renderSampleStep();
        }
      },
    });
    sampleView.setDirection(sampleView.directions[0]);
  }

  function selectSample(point) {
    selected = point;
    plane.select(point);
    plane.draw();
    $("sample-hint").hidden = true;
    $("sample-body").hidden = false;
    ensureSampleView();
    renderSample(true);
    saveHashSoon();
  }

  function closeSample() {
    selected = null;
    saveHashSoon();
    plane.select(null);
    plane.draw();
    $("sample-hint").hidden = false;
    $("sample-body").hidden = true;
  }

  /** The batch of the step shown, as positions in the training data, and its size (the mean's B). */
  function batchShown() {
    if (inBranch(position)) {
      if (view.end) return { indices: null, size: train.count };
      return { indices: view.batch, size: view.batch.length };
    }
    if (view.end) return { indices: null, size: recorded.data.count };
    return { indices: recorded.batch(position), size: recorded.batchSize };
  }

  function renderSample(refit) {
    if (!selected) return;
    const set = selected.set === "train" ? train : validation;
    if (!set || selected.index >= set.count) {
      closeSample();
      return;
    }
    const i = selected.index;
    const features = [set.features[2 * i], set.features[2 * i + 1]];
    const target = set.labels[i];
    const batch = batchShown();
    const leafValue = sampleNodes.map((node) => {
      switch (roles[node.id]) {
        case ROLE.parameter: return view.params[indices[node.id]];
        case ROLE.input: return features[indices[node.id]];
        case ROLE.scale: return 1 / batch.size;
        case ROLE.number: return 0;
        default: return node.data;
      }
    });
    // The loss's numbers may read the outputs (softmax's max): the outputs first, then the numbers, then both passes.
    const first = GraphPasses.forward(sampleGraph, OPS, leafValue);
    const modelOutputs = Float64Array.from(run.sample.outputs, (id) => first[id]);
    const numbers = new Float64Array(run.sample.numbers);
    TWINS.numbers(modelOutputs, target, numbers);
    for (const node of sampleNodes) if (roles[node.id] === ROLE.number) leafValue[node.id] = numbers[indices[node.id]];
    sampleRun = GraphPasses.compute(sampleGraph, OPS, leafValue);
    sampleEngine.setRun(sampleRun);
    if (refit) sampleEngine.goTo(sampleEngine.forwardCount + 1); // a new sample starts at the first backward step

    const inBatch = selected.set === "train" && (batch.indices === null || Array.prototype.includes.call(batch.indices, i));
    const kind = selected.set === "train" ? `training sample ${i + 1}` : `validation sample ${i + 1}`;
    const where = selected.set === "validation"
      ? "A validation sample is never trained on: its graph is shown as if it were in a batch."
      : inBatch ? `In this step's batch of ${batch.size}: its term of the mean loss is loss × 1/${batch.size}.`
        : `Not in this step's batch of ${batch.size}: it adds nothing to this step's gradients (shown as if it were in it).`;
    const scores = run.sample.outputs.map((id) => full(sampleRun.data[id]));
    $("sample-heading").textContent = `${kind[0].toUpperCase()}${kind.slice(1)} ${view.end ? "after the last step" : `at step ${position}`}`;
    const about = $("sample-about");
    about.textContent = `x1 = ${full(features[0])}, x2 = ${full(features[1])}, label ${full(target)}; ` +
      `${scores.length === 1 ? "score" : "scores"} ${scores.join(", ")}; loss ${full(sampleRun.data[run.sample.loss])}. ${where}`;
    about.dataset.scores = scores.join(",");
    for (const node of sampleNodes) {
      sampleView.setText(node.id, "data", `data ${fixed4(sampleRun.data[node.id])}`, { bad: isBad(sampleRun.data[node.id]) });
      sampleView.setText(node.id, "grad", `grad ${fixed4(sampleRun.grad[node.id])}`, { bad: isBad(sampleRun.grad[node.id]) });
    }
    if (refit) sampleView.readableAround(run.sample.loss, 13);
    renderSampleStep();
    renderShares(inBatch);
  }

  function renderSampleStep() {
    const step = sampleEngine.current;
    const current = step ? step.id : -1;
    const operands = step ? sampleNodes[step.id].operands : [];
    sampleView.highlight(current, operands, Boolean(step && step.phase === "backward"));
    if (current >= 0) sampleView.reveal(current);
    const backwardCount = sampleEngine.length - sampleEngine.forwardCount;
    const index = sampleEngine.position - sampleEngine.forwardCount;
    $("sample-progress").textContent = `backward ${Math.max(0, index)} of ${backwardCount}`;
    $("sample-back").disabled = index <= 1;
    $("sample-step").disabled = index >= backwardCount;
    const { heading, lines } = explanation.at(sampleEngine, sampleRun, (id) => sampleView.drawn(id));
    $("phase").textContent = heading;
    $("lines").replaceChildren(...lines.map(Explanation.item));
  }

  function moveSampleStep(by) {
    if (!selected) return;
    const s = sampleEngine.position + by;
    if (s <= sampleEngine.forwardCount || s > sampleEngine.length) return;
    sampleEngine.goTo(s);
    renderSampleStep();
  }

  /** Each parameter's share from this sample: its gradient in the sample's graph (which is seeded as the step seeds it). */
  function renderShares(inBatch) {
    const rows = [];
    for (const node of sampleNodes) {
      if (roles[node.id] !== ROLE.parameter) continue;
      const j = indices[node.id];
      rows.push({ j, share: sampleRun.grad[node.id] });
    }
    rows.sort((a, b) => Math.abs(b.share) - Math.abs(a.share) || a.j - b.j);
    $("share-rows").replaceChildren(...rows.map(({ j, share }) => {
      const tr = document.createElement("tr");
      tr.dataset.parameter = String(j);
      for (const text of [names[j], inBatch ? full(share) : `(${full(share)})`, full(view.grads[j])]) {
        const td = document.createElement("td");
        td.textContent = text;
        tr.appendChild(td);
      }
      return tr;
    }));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // What if: add and move points, train on from the step shown, export.

  function showEdits() {
    const moved = edits.moved.size;
    const parts = [];
    if (edits.added > 0) parts.push(`${edits.added} point${edits.added === 1 ? "" : "s"} added`);
    if (moved > 0) parts.push(`${moved} moved`);
    $("edits").textContent = parts.length === 0 ? "" : branch ? parts.join(", ") : `${parts.join(", ")}: train on to see the model learn them`;
  }

  function addPoint(x, y) {
    const label = Number($("add-class").value);
    const grow = (array, extra) => {
      const out = new Float64Array(array.length + extra.length);
      out.set(array);
      out.set(extra, array.length);
      return out;
    };
    train = { ...train, count: train.count + 1, features: grow(train.features, [x, y]), labels: grow(train.labels, [label]) };
    edits.added++;
    showEdits();
    checkPoint("train", train.count - 1);
    drawPoints();
  }

  function movePoint(point, x, y) {
    const set = point.set === "train" ? train : validation;
    set.features[2 * point.index] = x;
    set.features[2 * point.index + 1] = y;
    edits.moved.add(`${point.set}:${point.index}`);
    checkPoint(point.set, point.index);
    drawPoints();
    if (selected && selected.set === point.set && selected.index === point.index) renderSample(false);
  }

  let lrTouched = false;
  let trainingOn = false;

  function showDefaultRates() {
    const rate = view.rate !== null ? view.rate : recorded.rate(recorded.steps - 1);
    $("train-lr").value = full(rate);
    $("train-lr-end").value = full(rate);
  }

  function readSettings() {
    const problems = [];
    const field = (id, test, message) => {
      const input = $(id);
      const parsed = parse(input.value);
      const ok = parsed.problem === undefined && test(parsed.value);
      input.classList.toggle("bad", !ok);
      if (!ok) problems.push(message);
      return parsed.value;
    };
    const steps = field("train-steps", (v) => Number.isInteger(v) && v >= 1 && v <= 1000, "steps must be a whole number from 1 to 1000");
    const lr = field("train-lr", (v) => Number.isFinite(v) && v > 0, "lr must be a number above 0");
    const lrEnd = field("train-lr-end", (v) => Number.isFinite(v) && v >= 0, "the end lr must be a number of at least 0");
    // A run of random batches trains on in batches of its size (the whole data when that is more), drawn as the command line
    // draws them with --batch and --seed; a full-batch run trains on the whole data, whatever its size now.
    const batched = Boolean(run.batches);
    const seed = batched ? field("train-seed", (v) => Number.isInteger(v) && v >= 0 && v <= 2147483647, "the seed must be a whole number of at least 0") : run.seed;
    const batch = batched ? Math.min(run.batchSize, train.count) : train.count;
    return problems.length > 0 ? { problem: problems.join("; ") } : { steps, lr, lrEnd, seed, batch, batched, batches: batch < train.count };
  }

  /** Starts training on from the step shown, with the engine's semantics: a fresh optimizer and a linear schedule, as `train --init` runs. */
  function trainOn() {
    if (trainingOn) return;
    const settings = readSettings();
    const result = $("train-result");
    if (settings.problem) {
      result.className = "bad";
      result.textContent = settings.problem;
      return;
    }
    pause();
    const from = position;
    const params = view.params.slice();
    const data = copySet(train);
    const state = trainer.newState();
    const rate = TWINS.linearSchedule({ start: settings.lr, end: settings.lrEnd, steps: settings.steps });
    const nextBatch = settings.batches ? TWINS.sampler(data.count, settings.batch, (settings.seed + 2) | 0) : null;
    const full = TrainingEngine.range(data.count);
    const previous = branch && from > branch.from ? branch.steps.slice(0, from - branch.from) : null;
    const startedAt = previous ? branch.from : from;
    branch = { from: startedAt, steps: previous || [], end: null, start: params.slice(), data, settings, first: from, taken: 0 };
    trainingOn = true;
    $("train-on").disabled = true;
    result.className = "";
    const grads = new Float64Array(trainer.parameterCount);
    let k = 0;
    const t0 = performance.now();
    const before = view.loss;
    const slice = () => {
      const sliceStart = performance.now();
      while (k < settings.steps && performance.now() - sliceStart < 30) {
        const batch = nextBatch ? nextBatch() : full;
        const used = params.slice();
        const r = rate(k);
        const measured = trainer.step(params, state, grads, data, batch, r, k, validation);
        branch.steps.push({ k: branch.from + branch.steps.length, params: used, grads: grads.slice(), loss: measured.loss, accuracy: measured.accuracy, validation: measured.validation, rate: r, after: params.slice(), state: state.map((s) => s.slice()), batch: Int32Array.from(batch) });
        k++;
        branch.taken = k;
      }
      const endGrads = new Float64Array(trainer.parameterCount);
      if (k >= settings.steps) {
        const whole = trainer.measure(params, data, full, endGrads);
        branch.end = { k: branch.from + branch.steps.length, end: true, params: params.slice(), grads: endGrads, loss: whole.loss, accuracy: whole.accuracy, validation: validation ? trainer.evaluate(params, validation) : null, rate: null, after: params.slice(), state: state.map((s) => s.slice()) };
      }
      chart.setSeries(series());
      view = null;
      goTo(branch.from + branch.steps.length - (branch.end ? 0 : 1));
      if (k < settings.steps) {
        result.textContent = `training on in the page: step ${k} of ${settings.steps}…`;
        requestAnimationFrame(slice);
        return;
      }
      trainingOn = false;
      $("train-on").disabled = false;
      const seconds = (performance.now() - t0) / 1000;
      lastTrainOnRate = settings.steps / seconds;
      result.textContent = `trained ${settings.steps} step${settings.steps === 1 ? "" : "s"} in the page from step ${from}: loss ${short(before)} → ${short(branch.end.loss)} on all ${data.count} samples (${lastTrainOnRate.toFixed(0)} steps/s, drawing included)`;
      showReproduce();
      showEdits();
      showCheck();
    };
    requestAnimationFrame(slice);
  }

  let lastTrainOnRate = 0;

  function showReproduce() {
    const s = branch.settings;
    const args = ["micrograd train --data whatif-data.csv --init whatif-start.json", `--steps ${s.steps}`, `--lr ${full(s.lr)}`, `--lr-end ${full(s.lrEnd)}`,
      `--optimizer ${run.optimizer.name}`, `--loss ${run.loss.name}`, `--l2 ${full(run.loss.l2)}`];
    if (s.batched) args.push(`--batch ${run.batchSize}`, `--seed ${s.seed}`);
    $("reproduce-command").textContent = args.join(" ");
    $("reproduce").hidden = false;
    $("export-start").hidden = false;
  }

  function backToRun() {
    if (trainingOn) return;
    branch = null;
    train = copySet(recorded.data);
    edits = { added: 0, moved: new Set() };
    if (validation) validation.features.set(recorded.validation.features);
    $("reproduce").hidden = true;
    $("export-start").hidden = true;
    $("train-result").textContent = "";
    showEdits();
    chart.setSeries(series());
    view = null;
    goTo(Math.min(position, length()));
    showCheck();
  }

  /** Saves text as a file, by a link the page makes and clicks (nothing is sent anywhere). */
  function download(name, text, type) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = document.createElement("a");
    link.download = name;
    link.href = url;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function csvText(set) {
    const lines = ["x1,x2,label"];
    for (let i = 0; i < set.count; i++) lines.push(`${full(set.features[2 * i])},${full(set.features[2 * i + 1])},${full(set.labels[i])}`);
    return lines.join("\n") + "\n";
  }

  /** A model as ModelFile writes it: inputs, and per layer the weights (a row per neuron), the biases and the activation. */
  function modelText(params) {
    const number = (x) => (Number.isFinite(x) ? full(x) : `"${full(x)}"`);
    const layers = [];
    let width = run.model.inputs;
    let offset = 0;
    for (const layer of run.model.layers) {
      const rows = [];
      const biases = [];
      for (let n = 0; n < layer.outputs; n++) {
        rows.push(`[${Array.from(params.subarray(offset, offset + width), number).join(", ")}]`);
        biases.push(number(params[offset + width]));
        offset += width + 1;
      }
      layers.push(`    {\n      "weights": [\n        ${rows.join(",\n        ")}\n      ],\n      "biases": [${biases.join(", ")}],\n      "activation": "${layer.activation}"\n    }`);
      width = layer.outputs;
    }
    return `{\n  "inputs": ${run.model.inputs},\n  "layers": [\n${layers.join(",\n")}\n  ]\n}\n`;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Buttons and keys.

  on("reset", () => { pause(); goTo(1); });
  on("back", () => { pause(); goTo(position - 1); });
  on("step", () => { pause(); goTo(position + 1); });
  on("end", () => { pause(); goTo(length()); });
  on("play", togglePlay);
  on("train-on", trainOn);
  on("to-run", backToRun);
  on("export-data", () => download("whatif-data.csv", csvText(train), "text/csv"));
  on("export-model", () => download(view.end ? "model-after-last-step.json" : `model-step-${position}.json`, modelText(view.params), "application/json"));
  on("export-start", () => { if (branch) download("whatif-start.json", modelText(branch.start), "application/json"); });
  on("sample-back", () => moveSampleStep(-1));
  on("sample-step", () => moveSampleStep(1));
  on("zoom-in", () => sampleView && sampleView.zoomBy(1 / 1.25));
  on("zoom-out", () => sampleView && sampleView.zoomBy(1.25));
  on("zoom-fit", () => sampleView && sampleView.fit());
  for (const [id, mode] of [["show-weights", "weights"], ["show-gradients", "gradients"]]) {
    on(id, () => {
      network.mode = mode;
      $("show-weights").setAttribute("aria-pressed", String(mode === "weights"));
      $("show-gradients").setAttribute("aria-pressed", String(mode === "gradients"));
      network.show(view.params, view.grads);
    });
  }
  $("speed").addEventListener("input", showSpeed);
  $("position").addEventListener("input", () => { pause(); goTo(Number($("position").value)); });
  for (const id of ["train-lr", "train-lr-end"]) $(id).addEventListener("input", () => { lrTouched = true; });
  for (const id of ["train-steps", "train-lr", "train-lr-end", "train-seed"]) {
    $(id).addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== "Escape") return;
      event.preventDefault();
      event.stopPropagation();
      if (event.key === "Enter") trainOn();
      event.currentTarget.blur();
    });
  }

  const sliderKeys = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown"]);
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    // Text fields keep their keys (Enter and Escape hand them back); sliders and lists keep the keys that move them;
    // buttons keep Space and Enter. Everything else steps the page.
    if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return;
    if (target instanceof HTMLInputElement) {
      if (target.type === "range" && sliderKeys.has(event.key)) return;
      if (target.type !== "range" && target.type !== "checkbox") return;
    }
    if (target instanceof HTMLButtonElement && (event.key === " " || event.key === "Enter")) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const actions = {
      ArrowRight: () => { pause(); goTo(position + 1); },
      ArrowLeft: () => { pause(); goTo(position - 1); },
      PageDown: () => { pause(); goTo(position + 10); },
      PageUp: () => { pause(); goTo(position - 10); },
      " ": togglePlay,
      Home: () => { pause(); goTo(1); },
      End: () => { pause(); goTo(length()); },
      "]": () => moveSampleStep(1),
      "[": () => moveSampleStep(-1),
      "+": () => sampleView && selected && sampleView.zoomBy(1 / 1.25),
      "=": () => sampleView && selected && sampleView.zoomBy(1 / 1.25),
      "-": () => sampleView && selected && sampleView.zoomBy(1.25),
      "0": () => sampleView && selected && sampleView.fit(),
      Escape: () => { if (document.activeElement instanceof HTMLElement || document.activeElement instanceof SVGElement) document.activeElement.blur(); closeSample(); },
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });

  // ---------------------------------------------------------------------------------------------------------------
  // The state in the URL's #hash: step=37&sample=t8 (training sample 8; v3 is validation sample 3), so that a link opens
  // the same view. Written shortly after a change, not while playing, and only for the run as recorded (steps trained on
  // in the page, and points added or moved, are not in the file a link opens).

  function hashText() {
    const parts = [`step=${position}`];
    if (selected) parts.push(`sample=${selected.set === "train" ? "t" : "v"}${selected.index + 1}`);
    return parts.join("&");
  }

  /** Reads a hash: { step, sample }, each possibly missing; null when it has nothing for the page, or is malformed. */
  function readHash(text) {
    const items = PageKit.hashItems(text);
    if (items === null) return null;
    const state = {};
    for (const [key, value] of items) {
      if (key === "step" && /^\d+$/.test(value)) state.step = Number(value);
      const sample = key === "sample" ? /^([tv])(\d+)$/.exec(value) : null;
      if (sample) {
        const set = sample[1] === "t" ? "train" : "validation";
        const index = Number(sample[2]) - 1;
        if (index >= 0 && index < (set === "train" ? recorded.data.count : recorded.validation ? recorded.validation.count : 0)) state.sample = { set, index };
      }
    }
    return state.step !== undefined || state.sample ? state : null;
  }

  /** Whether the page shows the run as recorded: nothing trained on, no point added or moved. */
  const onRecordedRun = () => branch === null && edits.added === 0 && edits.moved.size === 0;

  /** Opens the view a hash names, on the run as recorded (leaving what was trained on in the page). */
  function applyHash(state) {
    if (trainingOn) return;
    pause();
    if (!onRecordedRun()) backToRun();
    goTo(state.step ?? position);
    if (state.sample) selectSample(state.sample);
  }

  const hashState = new PageKit.HashState({ text: hashText, mayWrite: () => !player.playing && onRecordedRun(), read: readHash, apply: applyHash });
  const saveHashSoon = () => hashState.saveSoon();

  // ---------------------------------------------------------------------------------------------------------------
  // Start: step 1 of the run (or the view the #hash names), then the proof in the background.

  showSpeed();
  chart.setSeries(series());
  goTo(1);
  const initial = location.hash.length > 1 ? readHash(location.hash) : null;
  if (initial) applyHash(initial);
  runProof();

  // For scripts and tests: the position, the proof, and the measured times.
  window.training = {
    get step() { return position; },
    get steps() { return length(); },
    get playing() { return player.playing; },
    get trainingOn() { return trainingOn; },
    get proof() { return proof ? { done: proof.done, numbers: proof.numbers, differ: proof.differ, first: proof.first } : null; },
    get regionsMs() { return lastRegionsMs; },
    get trainOnRate() { return lastTrainOnRate; },
    get hash() { return hashState.written; },
    get branchLosses() { return branch ? branch.steps.map((v) => v.loss) : []; },
    goTo,
    /** Where a point is on the plane canvas, in CSS pixels from its top left corner. */
    pointOnPlane: (set, index) => plane.screenOf({ set, index }),
    /** Redraws the regions only (for the benchmark). */
    drawRegions: () => { drawPlane(); return lastRegionsMs; },
  };
})();
