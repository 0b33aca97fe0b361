// The training page's train-again: a new data set (moons, circles, blobs or spirals, its samples, noise, validation share
// and seed) made in the page as `micrograd train` makes it (TrainingData), the run's network initialised afresh from the
// seed as the command line initialises it, and trained from step 1 in the page with the run's loss, L2 and batches and the
// optimizer and learning rates chosen (sgd, momentum or adam, each as the command line makes it); then the command line
// that computes the same numbers.
"use strict";
/* global Numbers, PageKit, TrainingData, TrainingEngine */
/* exported TrainingAgain */

const TrainingAgain = Object.freeze({
  /** Adds to the page: trainAgain() and againCommand(settings) (the command line of a train-again's settings). */
  attach(page) {
    const { full, short, parse } = Numbers;
    const { $ } = PageKit;
    const { run, recorded, copySet } = page;
    const layers = run.model.layers;
    const hidden = layers.slice(0, -1);
    // One output is a score of two classes; K outputs are K classes (softmax).
    const classes = page.outputCount === 1 ? 2 : page.outputCount;
    // The network as --hidden and --activation make it: hidden layers of one activation, then a linear layer.
    const madeByOptions = run.model.inputs === 2 && layers[layers.length - 1].activation === "linear" && hidden.every((l) => l.activation === hidden[0].activation);
    const schedule = run.schedule.settings;
    const rates = run.schedule.name === "linear" ? [schedule.start, schedule.end] : [schedule.rate, schedule.rate];

    // The fields start as the run's command line had them (the page shows it under its title), or as the run's data suggest.
    const tokens = ($("command").textContent || "").trim().split(/\s+/);
    const given = (option) => { const i = tokens.indexOf(option); return i >= 0 && i + 1 < tokens.length ? tokens[i + 1] : null; };
    const total = recorded.data.count + (recorded.validation ? recorded.validation.count : 0);
    const named = TrainingData.NAMES.filter((n) => classes === 2 || (n !== "moons" && n !== "circles"));
    const start = named.includes(recorded.data.name) ? recorded.data.name : named[0];
    for (const name of named) {
      const option = document.createElement("option");
      option.value = name;
      option.textContent = name;
      $("again-data").appendChild(option);
    }
    $("again-data").value = start;
    const startNoise = given("--noise") !== null && start === recorded.data.name ? given("--noise") : full(TrainingData.DEFAULT_NOISE[start]);
    $("again-noise").value = startNoise;
    $("again-samples").value = start === recorded.data.name && given("--samples") !== null ? given("--samples") : String(total);
    $("again-validation").value = given("--validation") || (recorded.validation ? full(recorded.validation.count / total) : "0");
    $("again-seed").value = String(run.seed);
    $("again-steps").value = String(run.steps);
    $("again-optimizer").value = run.optimizer.name;
    $("again-lr").value = full(rates[0]);
    $("again-lr-end").value = full(rates[1]);
    // Until the learner types a rate, another optimizer brings the command line's default rates (lr, and a tenth of it at the end).
    const defaultRates = { sgd: 1.0, momentum: 0.1, adam: 0.01 };
    let ratesTouched = false;
    for (const id of ["again-lr", "again-lr-end"]) $(id).addEventListener("input", () => { ratesTouched = true; });
    $("again-optimizer").addEventListener("change", () => {
      if (ratesTouched) return;
      const name = $("again-optimizer").value;
      const [lr, lrEnd] = name === run.optimizer.name ? rates : [defaultRates[name], defaultRates[name] / 10];
      $("again-lr").value = full(lr);
      $("again-lr-end").value = full(lrEnd);
    });
    let noiseTouched = false;
    $("again-noise").addEventListener("input", () => { noiseTouched = true; });
    // Until the learner types a noise, it is the data set's default, as the command line's.
    $("again-data").addEventListener("change", () => { if (!noiseTouched) $("again-noise").value = full(TrainingData.DEFAULT_NOISE[$("again-data").value]); });

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
      const whole = (low, high) => (v) => Number.isInteger(v) && v >= low && v <= high;
      const data = $("again-data").value;
      const samples = field("again-samples", whole(2 * classes, 10000), `samples must be a whole number from ${2 * classes} to 10000`);
      const noise = field("again-noise", (v) => v >= 0 && v <= 1e307, "noise must be a number from 0 to 1e307");
      const validation = field("again-validation", (v) => v >= 0 && v < 1, "the validation share must be a number from 0 to below 1");
      const seed = field("again-seed", whole(0, 2147483647), "the seed must be a whole number of at least 0");
      const steps = field("again-steps", whole(1, 10000), "steps must be a whole number from 1 to 10000");
      const lr = field("again-lr", (v) => Number.isFinite(v) && v > 0, "lr must be a number above 0");
      const lrEnd = field("again-lr-end", (v) => Number.isFinite(v) && v >= 0, "the end lr must be a number of at least 0");
      const optimizer = $("again-optimizer").value;
      if (!madeByOptions) problems.push("this network's layers cannot be made with --hidden and --activation, so it cannot be trained again from a seed");
      if (problems.length === 0 && validation > 0 && Math.ceil(validation * samples) >= samples) problems.push(`a validation share of ${full(validation)} holds out all ${samples} samples`);
      return problems.length > 0 ? { problem: problems.join("; ") } : { data, samples, noise, validation, seed, steps, lr, lrEnd, optimizer };
    }

    /** The command line that computes what a train-again with these settings computes. */
    function againCommand(s) {
      const args = ["micrograd train", `--data ${s.data}`, `--samples ${s.samples}`, `--noise ${full(s.noise)}`];
      if (classes !== 2) args.push(`--classes ${classes}`);
      if (s.validation > 0) args.push(`--validation ${full(s.validation)}`);
      args.push(`--seed ${s.seed}`, `--hidden ${hidden.length > 0 ? hidden.map((l) => l.outputs).join(",") : "none"}`);
      if (hidden.length > 0) args.push(`--activation ${hidden[0].activation}`);
      args.push(`--loss ${run.loss.name}`, `--l2 ${full(run.loss.l2)}`, `--optimizer ${s.optimizer}`, `--lr ${full(s.lr)}`, `--lr-end ${full(s.lrEnd)}`, `--steps ${s.steps}`);
      if (run.batches) args.push(`--batch ${run.batchSize}`);
      return args.join(" ");
    }

    /** The page's trainer with an optimizer as the command line makes it (the run's own trainer for the run's optimizer). */
    const trainers = new Map([[run.optimizer.name, page.trainer]]);
    function trainerFor(name) {
      if (!trainers.has(name)) {
        const twin = page.TWINS.optimizers[name];
        trainers.set(name, new TrainingEngine.Trainer({ ...run, stateCount: twin.stateCount }, page.OPS, { ...page.TWINS, optimizer: () => twin.update }));
      }
      return trainers.get(name);
    }

    /** Makes the data and the model as the command line would, and trains them from step 1 in the page. */
    function trainAgain() {
      if (page.trainingOn) return;
      const s = readSettings();
      const result = $("again-result");
      if (s.problem) {
        result.className = "bad";
        result.textContent = s.problem;
        return;
      }
      result.className = "";
      page.pause();
      const parts = TrainingData.split(TrainingData.generate(s.data, s.samples, s.noise, s.seed, classes), s.validation, s.seed);
      page.closeSample();
      page.train = copySet(parts.train);
      page.validation = parts.validation;
      page.edits = { added: 0, deleted: 0, moved: new Set() };
      page.forgetEdits();
      page.plane.fitBounds([parts.train, ...(parts.validation ? [parts.validation] : [])]);
      $("reproduce").hidden = true;
      $("export-start").hidden = true;
      $("again-command-row").hidden = true;
      const params = TrainingData.initialParameters(run.model.inputs, layers.map((l) => l.outputs), s.seed);
      const batch = run.batches ? Math.min(run.batchSize, parts.train.count) : parts.train.count;
      const settings = { steps: s.steps, lr: s.lr, lrEnd: s.lrEnd, seed: s.seed, batch, batched: Boolean(run.batches), batches: batch < parts.train.count, optimizer: s.optimizer, trainer: trainerFor(s.optimizer), again: s };
      const first = page.trainer.evaluate(params, parts.train).loss;
      page.runBranch({ from: 1, steps: [], first: 1, params, data: copySet(parts.train), settings }, (end, rate) => {
        result.textContent = `trained ${s.steps} step${s.steps === 1 ? "" : "s"} in the page on ${s.data} (${parts.train.count} training samples${parts.validation ? `, ${parts.validation.count} for validation` : ""}): loss ${short(first)} → ${short(end.loss)} (${rate.toFixed(0)} steps/s, drawing included)`;
        $("again-command").textContent = againCommand(s);
        $("again-command-row").hidden = false;
      });
    }

    $("train-again").addEventListener("click", trainAgain);
    for (const id of ["again-samples", "again-noise", "again-validation", "again-seed", "again-steps", "again-lr", "again-lr-end"]) {
      $(id).addEventListener("keydown", (event) => {
        if (event.key !== "Enter" && event.key !== "Escape") return;
        event.preventDefault();
        event.stopPropagation();
        if (event.key === "Enter") trainAgain();
        event.currentTarget.blur();
      });
    }

    Object.assign(page, { trainAgain, againCommand });
  },
});
