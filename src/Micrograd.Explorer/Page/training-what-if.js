// The training page's what-if: points added and moved; training on from the step shown, in the page, with the engine's
// semantics (a fresh optimizer and a linear schedule, as `train --init` runs), a slice of steps a frame; the command that
// repeats it; and the way back to the recorded run.
"use strict";
/* global Numbers, PageKit, TrainingEngine */
/* exported TrainingWhatIf */

const TrainingWhatIf = Object.freeze({
  /**
   * Adds to the page: addPoint(x, y), movePoint(point, x, y), showEdits(), showDefaultRates(), trainOn(), backToRun(),
   * trainingOn (whether a train-on is running), lrTouched (whether the learner typed a learning rate) and lastTrainOnRate
   * (steps a second of the last train-on).
   */
  attach(page) {
    const { full, short, parse } = Numbers;
    const { $ } = PageKit;
    const { run, TWINS, trainer, recorded, copySet, chart } = page;

    function showEdits() {
      const edits = page.edits;
      const moved = edits.moved.size;
      const parts = [];
      if (edits.added > 0) parts.push(`${edits.added} point${edits.added === 1 ? "" : "s"} added`);
      if (edits.deleted > 0) parts.push(`${edits.deleted} deleted`);
      if (moved > 0) parts.push(`${moved} moved`);
      $("edits").textContent = parts.length === 0 ? "" : page.branch ? parts.join(", ") : `${parts.join(", ")}: train on to see the model learn them`;
    }

    function addPoint(x, y) {
      const label = Number($("add-class").value);
      const grow = (array, extra) => {
        const out = new Float64Array(array.length + extra.length);
        out.set(array);
        out.set(extra, array.length);
        return out;
      };
      const train = page.train;
      page.train = { ...train, count: train.count + 1, features: grow(train.features, [x, y]), labels: grow(train.labels, [label]) };
      page.edits.added++;
      page.noteAdded(page.train.count - 1);
      showEdits();
      page.checkPoint("train", page.train.count - 1);
      page.drawPoints();
    }

    function movePoint(point, x, y) {
      const set = point.set === "train" ? page.train : page.validation;
      set.features[2 * point.index] = x;
      set.features[2 * point.index + 1] = y;
      page.edits.moved.add(`${point.set}:${point.index}`);
      page.checkPoint(point.set, point.index);
      page.drawPoints();
      const selected = page.selected;
      if (selected && selected.set === point.set && selected.index === point.index) page.renderSample(false);
    }

    /** Puts the step's learning rate in the fields (the last step's after the last step), until the learner types one. */
    function showDefaultRates() {
      const rate = page.view.rate !== null ? page.view.rate : recorded.rate(recorded.steps - 1);
      // For people (0.676, not 0.6759999999999999); every digit on hover and in use, while the text is the one shown.
      for (const id of ["train-lr", "train-lr-end"]) {
        const input = $(id);
        input.value = short(rate);
        input.dataset.shown = input.value;
        input.dataset.exact = full(rate);
        input.title = `the learning rate of the step shown: ${full(rate)}`;
      }
    }

    function readSettings() {
      const train = page.train;
      const problems = [];
      const field = (id, test, message) => {
        const input = $(id);
        const parsed = parse(input.dataset.shown !== undefined && input.value === input.dataset.shown ? input.dataset.exact : input.value);
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
      // In a train-again's steps, its optimizer trains on (as the command line's --optimizer); elsewhere the run's.
      const again = page.branch && page.branch.settings.trainer ? { trainer: page.branch.settings.trainer, optimizer: page.branch.settings.optimizer } : { optimizer: run.optimizer.name };
      return problems.length > 0 ? { problem: problems.join("; ") } : { steps, lr, lrEnd, seed, batch, batched, batches: batch < train.count, ...again };
    }

    /** Starts training on from the step shown, with the engine's semantics: a fresh optimizer and a linear schedule, as `train --init` runs. */
    function trainOn() {
      if (page.trainingOn) return;
      const settings = readSettings();
      const result = $("train-result");
      if (settings.problem) {
        result.className = "bad";
        result.textContent = settings.problem;
        return;
      }
      page.pause();
      const from = page.position;
      const earlier = page.branch;
      const previous = earlier && from > earlier.from ? earlier.steps.slice(0, from - earlier.from) : null;
      const data = copySet(page.train);
      const params = page.view.params.slice();
      // The loss the training starts from, on the data it trains on (the step shown measured the run's data, not the edits).
      const before = (settings.trainer || trainer).evaluate(params, data).loss;
      runBranch({ from: previous ? earlier.from : from, steps: previous || [], first: from, params, data, settings }, (end, rate) => {
        result.textContent = `trained ${settings.steps} step${settings.steps === 1 ? "" : "s"} in the page from step ${from}: loss ${short(before)} → ${short(end.loss)} on all ${data.count} samples (${rate.toFixed(0)} steps/s, drawing included)`;
        showReproduce();
      });
    }

    /**
     * Trains `settings.steps` steps in the page from `params` on `data` (and page.validation, measured as the engine logs it),
     * as the branch of the timeline that starts at position `from` with the steps `steps` kept: a fresh optimizer
     * (settings.optimizer's, or the run's), the linear schedule from settings.lr to settings.lrEnd, and random batches as
     * --batch and --seed draw them when settings.batches. A slice of steps a frame; then done(end, steps a second).
     */
    function runBranch({ from, steps, first, params, data, settings }, done) {
      const result = $("train-result");
      const engine = settings.trainer || trainer;
      const state = engine.newState();
      const rate = TWINS.linearSchedule({ start: settings.lr, end: settings.lrEnd, steps: settings.steps });
      const nextBatch = settings.batches ? TWINS.sampler(data.count, settings.batch, (settings.seed + 2) | 0) : null;
      const all = TrainingEngine.range(data.count);
      page.branch = { from, steps, end: null, start: params.slice(), data, settings, first, taken: 0 };
      page.trainingOn = true;
      $("train-on").disabled = true;
      $("train-again").disabled = true;
      result.className = "";
      const grads = new Float64Array(engine.parameterCount);
      let k = 0;
      const t0 = performance.now();
      // About 30 ms of steps a frame, so that the page draws each slice's last step and stays responsive.
      const slice = () => {
        const branch = page.branch;
        const validation = page.validation;
        const sliceStart = performance.now();
        while (k < settings.steps && performance.now() - sliceStart < 30) {
          const batch = nextBatch ? nextBatch() : all;
          const used = params.slice();
          const r = rate(k);
          const measured = engine.step(params, state, grads, data, batch, r, k, validation);
          branch.steps.push({ k: branch.from + branch.steps.length, params: used, grads: grads.slice(), loss: measured.loss, accuracy: measured.accuracy, validation: measured.validation, rate: r, after: params.slice(), state: state.map((s) => s.slice()), batch: Int32Array.from(batch) });
          k++;
          branch.taken = k;
        }
        const endGrads = new Float64Array(engine.parameterCount);
        if (k >= settings.steps) {
          const whole = engine.measure(params, data, all, endGrads);
          branch.end = { k: branch.from + branch.steps.length, end: true, params: params.slice(), grads: endGrads, loss: whole.loss, accuracy: whole.accuracy, validation: validation ? engine.evaluate(params, validation) : null, rate: null, after: params.slice(), state: state.map((s) => s.slice()) };
        }
        chart.setSeries(page.series());
        page.view = null;
        page.goTo(branch.from + branch.steps.length - (branch.end ? 0 : 1));
        if (k < settings.steps) {
          result.textContent = `training in the page: step ${k} of ${settings.steps}…`;
          requestAnimationFrame(slice);
          return;
        }
        page.trainingOn = false;
        $("train-on").disabled = false;
        $("train-again").disabled = false;
        page.lastTrainOnRate = settings.steps / ((performance.now() - t0) / 1000);
        done(branch.end, page.lastTrainOnRate);
        showEdits();
        page.showCheck();
      };
      requestAnimationFrame(slice);
    }

    /** The command line that repeats the last train-on, with the data and the start model exported. */
    function showReproduce() {
      const s = page.branch.settings;
      const args = ["micrograd train --data whatif-data.csv --init whatif-start.json", `--steps ${s.steps}`, `--lr ${full(s.lr)}`, `--lr-end ${full(s.lrEnd)}`,
        `--optimizer ${s.optimizer}`, `--loss ${run.loss.name}`, `--l2 ${full(run.loss.l2)}`];
      if (s.batched) args.push(`--batch ${run.batchSize}`, `--seed ${s.seed}`);
      $("reproduce-command").textContent = args.join(" ");
      $("reproduce").hidden = false;
      $("export-start").hidden = false;
    }

    function backToRun() {
      if (page.trainingOn) return;
      page.branch = null;
      page.train = copySet(recorded.data);
      page.edits = { added: 0, deleted: 0, moved: new Set() };
      page.forgetEdits();
      page.validation = recorded.validation ? copySet(recorded.validation) : null;
      page.plane.fitBounds([recorded.data, ...(recorded.validation ? [recorded.validation] : [])]);
      $("reproduce").hidden = true;
      $("export-start").hidden = true;
      $("again-command-row").hidden = true;
      $("train-result").textContent = "";
      $("again-result").textContent = "";
      showEdits();
      chart.setSeries(page.series());
      page.view = null;
      page.goTo(Math.min(page.position, page.length()));
      page.showCheck();
    }

    Object.assign(page, { addPoint, movePoint, showEdits, showDefaultRates, trainOn, runBranch, backToRun, trainingOn: false, lrTouched: false, lastTrainOnRate: 0 });
  },
});
