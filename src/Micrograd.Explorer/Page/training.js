// micrograd training: replays a recorded training run step by step, bit for bit, from its checkpoints; shows each step's
// loss and accuracy, decision regions, network and one sample's backpropagation; lets a learner add and drag points, train
// on in the page with the engine's semantics, and export the data and the model for the command line.
//
// Built on the shared files: Numbers, PageKit, GraphPasses and GraphView (shared/), Explanation (the explorer's texts of a step),
// TrainingEngine (training-engine.js), TrainingPlane, NetworkView and TrainingChart. The formulas come from the engine's twins:
// microgradOps (ops) and microgradTraining (optimizer, schedule, loss numbers, batches).
//
// The page's own files, in the order the page runs them (each adds its part to the page object that training-state.js
// makes): training-state.js (the run, the data and the timeline; the run may be another network's, which
// training-rebuild.js makes from a train-again's #hash, with its sample graph from training-architecture.js),
// training-position.js (going to a step and drawing it; play and pause), training-proof.js (the replay against the engine),
// training-sample.js (one sample's backpropagation), training-what-if.js (points added and moved, train-on),
// training-edits.js (points deleted, undo), training-neurons.js (what each hidden neuron computes), training-zero-lines.js
// (the first layer's lines), training-updates.js (every parameter's update), training-export.js (data and models as
// files), training-again.js (train again: new data, network, loss, optimizer), training-controls.js (buttons and keys),
// training-hash.js (the #hash), and this file, which makes the panels, attaches the others and starts the page.
"use strict";
/* global PageKit, TrainingPlane, NetworkView, TrainingChart, TrainingState, TrainingPosition, TrainingProof, TrainingSample, TrainingGuide, TrainingWhatIf, TrainingEdits, TrainingNeurons, TrainingZeroLines, TrainingUpdates, TrainingExport, TrainingAgain, TrainingControls, TrainingHash */

(() => {
  const { $ } = PageKit;

  const page = TrainingState.create();
  const { run, recorded, names, classLabels, classOf, colors } = page;

  // The panels, first: the other files draw into them. Their callbacks reach the other files through the page.
  const plane = new TrainingPlane($("plane"), {
    colors,
    classOf,
    onSelect: (point) => page.selectSample(point),
    onAdd: (x, y) => page.addPoint(x, y),
    onMove: (point, x, y) => page.movePoint(point, x, y),
    onMoved: () => page.showEdits(),
  });
  plane.fitBounds([recorded.data, ...(recorded.validation ? [recorded.validation] : [])]);

  const network = new NetworkView($("network"), {
    inputs: run.model.inputs,
    layers: run.model.layers,
    names,
    onPoint: (parameter, what) => page.showDetail(parameter, what),
    onPick: (parameter) => page.showParameter(parameter),
  });

  const chart = new TrainingChart($("chart"), { onPick: (p) => { page.pause(); page.goTo(p); } });
  Object.assign(page, { plane, network, chart });

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

  TrainingPosition.attach(page);
  TrainingProof.attach(page);
  TrainingSample.attach(page);
  TrainingGuide.attach(page);
  TrainingWhatIf.attach(page);
  TrainingEdits.attach(page);
  TrainingNeurons.attach(page);
  TrainingZeroLines.attach(page);
  TrainingUpdates.attach(page);
  TrainingExport.attach(page);
  TrainingAgain.attach(page);
  TrainingControls.attach(page);
  TrainingHash.attach(page);

  // ---------------------------------------------------------------------------------------------------------------
  // Start: step 1 of the run (or the view the #hash names), then the proof in the background.

  page.showSpeed();
  chart.setSeries(page.series());
  page.goTo(1);
  if (page.again.values) {
    // A train-again's settings in the #hash (the page may have been rebuilt for their network): trains again with them.
    page.startAgain();
  } else {
    const initial = location.hash.length > 1 ? page.readHash(location.hash) : null;
    if (initial) page.applyHash(initial);
    page.runProof();
  }

  // For scripts and tests: the position, the proof, and the measured times.
  window.training = {
    get step() { return page.position; },
    get steps() { return page.length(); },
    get playing() { return page.player.playing; },
    get trainingOn() { return page.trainingOn; },
    get proof() { const proof = page.proof; return proof ? { done: proof.done, numbers: proof.numbers, differ: proof.differ, first: proof.first } : null; },
    get regionsMs() { return page.lastRegionsMs; },
    get trainOnRate() { return page.lastTrainOnRate; },
    get hash() { return page.hashState.written; },
    get branchLosses() { return page.branch ? page.branch.steps.map((v) => v.loss) : []; },
    /** Where the chart drew its frame, its loss ticks' labels and its legend, in CSS pixels on its canvas. */
    get chartDrawn() { return chart.drawn; },
    goTo: page.goTo,
    /** Each point's loss at the step shown ({ train, validation }: arrays in the sets' order), and the rings drawn for them. */
    get pointLosses() { const l = page.pointLosses; return { train: Array.from(l.train), validation: l.validation ? Array.from(l.validation) : null }; },
    get rings() { return Object.fromEntries(Object.entries(plane.rings).map(([kind, radii]) => [kind, Array.from(radii)])); },
    /** The parameters the sample's step lights in the network. */
    get linked() { return page.linkedParameters.slice(); },
    /** Where a point is on the plane canvas, in CSS pixels from its top left corner. */
    pointOnPlane: (set, index) => plane.screenOf({ set, index }),
    /** Redraws the regions only (for the benchmark). */
    drawRegions: () => { page.drawPlane(); return page.lastRegionsMs; },
    /** The training data as it is now (edited): { count, features, labels }. */
    get train() { const t = page.train; return { count: t.count, features: Array.from(t.features), labels: Array.from(t.labels) }; },
    /** The validation data as it is now (a train-again's own), or null. */
    get validation() { const v = page.validation; return v ? { count: v.count, features: Array.from(v.features), labels: Array.from(v.labels) } : null; },
    /** The neuron maps last drawn ({ names, small, large }: grids of { n, xs, ys, values }), and the zero lines drawn. */
    get neuronMaps() { return page.neuronMaps; },
    get zeroLines() { return page.zeroLines; },
    /** The square of the plane shown: { x, y, span } (its lower left corner and its side). */
    get planeBounds() { return plane.bounds; },
  };
})();
