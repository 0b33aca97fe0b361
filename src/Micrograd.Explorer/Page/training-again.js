// The training page's train-again: a new data set (moons, circles, blobs or spirals, its samples, noise, validation share
// and seed) made in the page as `micrograd train` makes it (TrainingData), the run's network (or another: hidden sizes,
// activation and loss chosen, for which the page is rebuilt, training-rebuild.js) initialised afresh from the seed as the
// command line initialises it, and trained from step 1 in the page with the run's L2 and batches and the optimizer and
// learning rates chosen (sgd, momentum or adam, each as the command line makes it); then the command line that computes
// the same numbers.
"use strict";
/* global Numbers, PageKit, TrainingData, TrainingEngine, TrainingRebuild */
/* exported TrainingAgain */

const TrainingAgain = Object.freeze({
  /** Adds to the page: trainAgain() and againCommand(settings) (the command line of a train-again's settings). */
  attach(page) {
    const { full, short } = Numbers;
    const { $ } = PageKit;
    const { run, recorded, copySet } = page;
    const layers = run.model.layers;
    // The network (whether --hidden and --activation make it), its loss and the data's classes.
    const arch = TrainingRebuild.architectureOf(run);
    const classes = arch.classes;
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
    $("again-hidden").value = arch.sizes.length > 0 ? arch.sizes.join(",") : "none";
    $("again-activation").value = arch.activation;
    for (const name of TrainingRebuild.lossesFor(classes)) {
      const option = document.createElement("option");
      option.value = name;
      option.textContent = name;
      $("again-loss").appendChild(option);
    }
    $("again-loss").value = arch.loss;
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

    /** The fields' values by key (TrainingRebuild.KEYS; the field of key k is again-k). */
    const fieldValues = () => Object.fromEntries(TrainingRebuild.KEYS.map((key) => [key, $(`again-${key}`).value]));

    function readSettings() {
      const s = TrainingRebuild.read(fieldValues(), arch, run.batches ? run.batchSize : null);
      for (const key of TrainingRebuild.KEYS) $(`again-${key}`).classList.toggle("bad", Boolean(s.bad && s.bad.includes(key)));
      return s;
    }

    /** The command line that computes what a train-again with these settings computes. */
    function againCommand(s) {
      const args = ["micrograd train", `--data ${s.data}`, `--samples ${s.samples}`, `--noise ${full(s.noise)}`];
      if (classes !== 2) args.push(`--classes ${classes}`);
      if (s.validation > 0) args.push(`--validation ${full(s.validation)}`);
      args.push(`--seed ${s.seed}`, `--hidden ${s.sizes.length > 0 ? s.sizes.join(",") : "none"}`);
      if (s.sizes.length > 0) args.push(`--activation ${s.activation}`);
      args.push(`--loss ${s.loss}`, `--l2 ${full(run.loss.l2)}`, `--optimizer ${s.optimizer}`, `--lr ${full(s.lr)}`, `--lr-end ${full(s.lrEnd)}`, `--steps ${s.steps}`);
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
      if (!TrainingRebuild.sameArchitecture(arch, s)) {
        // Another network: the page is rebuilt for it (training-rebuild.js), from the settings put in the #hash (never twice for the same hash).
        const hash = `#${TrainingRebuild.hashOf(fieldValues())}`;
        if (page.again.rebuilt && location.hash === hash) {
          result.className = "bad";
          result.textContent = "the page could not be rebuilt for this network";
          return;
        }
        result.textContent = "rebuilding the page for the new network…";
        history.replaceState(null, "", hash);
        location.reload();
        return;
      }
      // On a rebuilt page, the #hash keeps the settings of the last train-again, so that a link (or a reload) opens it.
      if (page.again.rebuilt) history.replaceState(null, "", `#${TrainingRebuild.hashOf(fieldValues())}`);
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
        $("train-result").textContent = ""; // (the progress runBranch wrote there)
        $("again-command").textContent = againCommand(s);
        $("again-command-row").hidden = false;
        // A page rebuilt for another network is that command's page: its header says so.
        if (page.again.rebuilt) {
          const model = run.model;
          const sizes = [model.inputs, ...model.layers.map((l) => l.outputs)].join("-");
          $("title").textContent = `${s.data}: MLP ${sizes} (${model.layers.map((l) => l.activation).join(", ")}), ${run.loss.name} loss, trained in the page`;
          $("command").textContent = againCommand(s);
        }
      });
    }

    $("train-again").addEventListener("click", trainAgain);
    for (const id of ["again-samples", "again-noise", "again-validation", "again-seed", "again-steps", "again-lr", "again-lr-end", "again-hidden"]) {
      $(id).addEventListener("keydown", (event) => {
        if (event.key !== "Enter" && event.key !== "Escape") return;
        event.preventDefault();
        event.stopPropagation();
        if (event.key === "Enter") trainAgain();
        event.currentTarget.blur();
      });
    }

    // The settings of a train-again's #hash fill the fields (over the run's).
    const hashed = page.again.values;
    if (hashed) for (const key of TrainingRebuild.KEYS) if (hashed[key] !== undefined) $(`again-${key}`).value = hashed[key];

    // On a page rebuilt for another network, back to the run goes back to the page as it was made.
    if (page.again.rebuilt) {
      page.backToRun = () => {
        if (page.trainingOn) return;
        history.replaceState(null, "", location.pathname + location.search);
        location.reload();
      };
    }

    /** At the start, with train-again settings in the #hash: trains again with them (the page was rebuilt for their network), or says what is wrong with them. */
    function startAgain() {
      if (page.again.problem) {
        readSettings();
        $("again-result").className = "bad";
        $("again-result").textContent = `the link's train-again settings: ${page.again.problem}`;
        page.runProof();
        return;
      }
      if (page.again.rebuilt) {
        const check = $("check");
        check.className = "edited"; // (the colour of a line that is not the proof's)
        check.textContent = `a network of ${arch.sizes.length > 0 ? `hidden ${arch.sizes.join(",")} (${arch.activation})` : "no hidden layer"} and the ${arch.loss} loss, trained in the page: ` +
          "the engine recorded no run of it, the command line below computes the same numbers";
        check.title = check.textContent;
      } else {
        page.runProof();
      }
      trainAgain();
    }

    Object.assign(page, { trainAgain, againCommand, startAgain });
  },
});
