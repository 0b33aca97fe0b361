// The training page's state: the recorded run and its twins, the classes and their colours, the data as the learner has
// edited it, and the timeline: the recorded run's steps 1 … N and the position after its last step; or, after a train-on,
// the recorded steps before the one it started from, then its own steps and the position after them.
//
// The page's controller is made of files of one concern each (training-state.js, training-position.js, training-proof.js,
// training-sample.js, training-what-if.js, training-export.js, training-controls.js, training-hash.js, then training.js,
// which starts the page). They share one object, the page, made here: create() puts the state on it, and each file's
// attach(page) adds its functions to it. A file calls another's through the page (page.goTo(…)), at the time of the call,
// so the files may call each other in any direction. Whatever changes is read from the page afresh at each use
// (page.train, page.edits, page.branch, page.position, page.view, …); everything else is set once and may be kept in a local.
"use strict";
/* global Numbers, PageKit, TrainingEngine, RecordedRun, TrainingRebuild, microgradOps, microgradTraining */
/* exported TrainingState */

const TrainingState = Object.freeze({
  /** The page's state, read from the page's run data (the #run-data element). */
  create() {
    const OPS = microgradOps(Numbers.fma, Numbers.pow);
    const twins = microgradTraining(Numbers.fma, Numbers.pow);
    // The recorded run, or a run of the network a train-again's #hash names (training-rebuild.js), with its loss's twins.
    const again = TrainingRebuild.start(JSON.parse(PageKit.$("run-data").textContent), location.hash, twins);
    const run = again.run;
    const TWINS = again.rebuilt ? { ...twins, ...twins.losses[run.loss.name] } : twins;
    if (again.rebuilt) TrainingRebuild.layOut(run);
    const trainer = new TrainingEngine.Trainer(run, OPS, TWINS);
    const recorded = new RecordedRun(run, trainer);
    const outputCount = trainer.outputCount;

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
    const validation = recorded.validation ? copySet(recorded.validation) : null;

    const page = {
      run,
      /** The train-again settings of the #hash, if any: { values, settings, problem, rebuilt } (TrainingRebuild.start). */
      again,
      OPS,
      TWINS,
      trainer,
      recorded,
      names: run.model.parameters,
      outputCount,
      classLabels,
      classOf,
      colors,
      copySet,
      /** The training data as edited; replaced when a point is added. */
      train: copySet(recorded.data),
      /** The validation data as edited (moved in place), or null; a train-again's own. */
      validation,
      edits: { added: 0, deleted: 0, moved: new Set() },
      /** The steps trained on in the page (null: none): { from, steps, end, start, data, settings, first, taken }. */
      branch: null,
      /** The position shown (1 … length()), and its step's numbers. */
      position: 1,
      view: null,
      length,
      inBranch,
      viewAt,
      recordedAt,
      series,
    };

    function length() {
      const branch = page.branch;
      return branch ? branch.from + branch.steps.length : recorded.steps + 1;
    }

    function inBranch(p) {
      return page.branch !== null && p >= page.branch.from;
    }

    function viewAt(p) {
      if (inBranch(p)) {
        const branch = page.branch;
        const i = p - branch.from;
        return i < branch.steps.length ? branch.steps[i] : branch.end;
      }
      return recorded.at(p);
    }

    /** The engine's numbers for a position of the recorded run ([loss, accuracy, val loss, val accuracy]), or null. */
    function recordedAt(p) {
      return inBranch(p) ? null : recorded.recorded(p);
    }

    /** Every position's loss and accuracy (and validation's), for the chart. */
    function series() {
      const branch = page.branch;
      const validation = page.validation;
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

    return page;
  },
});
