// The training page at a position: going to a step, and drawing it (the controls, the numbers, the plane's regions and
// which points the model gets wrong, the network, the detail of a weight, the chart's marker); play, pause and speed.
"use strict";
/* global Numbers, PageKit, Player */
/* exported TrainingPosition */

const TrainingPosition = Object.freeze({
  /**
   * Adds to the page: goTo(p), render(), checkPoint(kind, i), drawPoints(), drawPlane(), lastRegionsMs, showDetail(parameter,
   * what), player, pause(), togglePlay() and showSpeed().
   */
  attach(page) {
    const { full } = Numbers;
    const { $ } = PageKit;
    const { run, TWINS, trainer, names, outputCount, plane, network, chart } = page;
    const speeds = [1, 2, 5, 10, 20, 50, 100];

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
      const set = kind === "train" ? page.train : page.validation;
      trainer.evaluatePoint(page.view.params, set.features[2 * i], set.features[2 * i + 1], outputs, buffers);
      if (TWINS.isCorrect(outputs, set.labels[i])) wrong.delete(`${kind}:${i}`);
      else wrong.add(`${kind}:${i}`);
    }

    /** Draws the points over the regions as they are (the model did not change: the regions stay), ringed by their losses. */
    function drawPoints() {
      const params = page.view.params;
      const validation = page.validation;
      page.pointLosses = { train: trainer.sampleLosses(params, page.train), validation: validation ? trainer.sampleLosses(params, validation) : null };
      plane.setPoints([{ kind: "train", ...page.train }, ...(validation ? [{ kind: "validation", ...validation }] : [])], wrong, page.pointLosses);
      plane.draw();
    }

    /** Draws the plane at the step shown: its regions and whether each point is right, all computed afresh. */
    function drawPlane() {
      page.lastRegionsMs = plane.computeRegions((x, y) => predict(page.view.params, x, y));
      wrong = new Set();
      const validation = page.validation;
      for (let i = 0; i < page.train.count; i++) checkPoint("train", i);
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
      const v = page.view;
      const validation = page.validation;
      const engine = page.recordedAt(page.position);
      const items = [];
      const agree = (value, i) => (engine ? (Object.is(value, engine[i]) ? " ✓" : " ≠ engine") : "");
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
      const position = page.position;
      const end = page.length();
      $("position").max = String(end);
      $("position").value = String(position);
      const atEnd = position === end;
      const which = page.inBranch(position) ? "what if: " : "";
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
      network.show(page.view.params, page.view.grads);
      page.drawZeroLines();
      page.drawNeurons();
      page.showUpdates();
      showDetail(detailParameter, detailWhat);
      chart.setPosition(position);
      chart.draw();
      if (!page.trainingOn && !page.lrTouched) page.showDefaultRates();
      page.renderSample();
      page.saveHashSoon();
    }

    /** Goes to a position; returns the milliseconds it took to rebuild the step (not to draw it). */
    function goTo(p) {
      p = Math.max(1, Math.min(page.length(), p));
      const t0 = performance.now();
      if (p !== page.position || page.view === null) page.view = page.viewAt(p);
      const ms = performance.now() - t0;
      page.position = p;
      if (page.position === page.length()) pause();
      render();
      return ms;
    }

    // The network's details: a weight or bias at the step shown, its gradient, its value after the update and the optimizer's state.

    let detailParameter = -1;
    let detailWhat = "";

    function showDetail(parameter, what) {
      detailParameter = parameter;
      detailWhat = what;
      const view = page.view;
      const out = $("detail");
      if (parameter < 0 || !view) {
        out.textContent = "Point at a neuron or an edge (or focus the network and press ↑ ↓) to see its weight, its gradient and the optimizer's state.";
        delete out.dataset.parameter;
        return;
      }
      const j = parameter;
      const parts = [`${names[j]} (${what}) = ${full(view.params[j])}`, `grad ${full(view.grads[j])}`];
      if (!view.end) parts.push(`after the update ${full(view.after[j])}`);
      // (the optimizer of the step shown: a train-again may use another than the run's; sgd keeps no state, momentum one array, Adam two)
      const stateNames = [[], ["velocity"], ["m", "v"]][view.state.length] || [];
      stateNames.forEach((name, s) => parts.push(`${name} ${full(view.state[s][j])}`));
      out.textContent = parts.join(" · ");
      out.dataset.parameter = String(j);
    }

    // Play, pause, speed.

    const speed = () => speeds[Number($("speed").value)];
    const player = new Player({
      position: () => page.position,
      atEnd: () => page.position === page.length(),
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

    Object.assign(page, { goTo, render, checkPoint, drawPoints, drawPlane, lastRegionsMs: 0, pointLosses: null, showDetail, player, pause, togglePlay, showSpeed });
  },
});
