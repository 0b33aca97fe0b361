// The training page's maps of what each hidden neuron computes: one small heat map per hidden neuron, its output at each
// point of a grid over the plane's square at the step shown, computed from the step's weights as the decision regions are
// (Mlp.Evaluate's arithmetic, TrainingEngine); the one pointed at (or reached with Tab) is drawn large. Blue is positive,
// orange negative, white 0; each map is scaled by its own largest size. They are computed only while their panel is open.
"use strict";
/* global Numbers, PageKit */
/* exported TrainingNeurons */

const TrainingNeurons = Object.freeze({
  /** Adds to the page: drawNeurons() (the step shown changed), and neuronMaps (the grids last drawn, for tests). */
  attach(page) {
    const { $ } = PageKit;
    const { short } = Numbers;
    const { run, trainer, plane } = page;
    const layers = run.model.layers;
    const SMALL = 24;
    const LARGE = 60; // drawn smooth at its size on screen: a finer grid would cost as much as the regions

    // The hidden neurons (every layer's but the last's), with their place among every neuron's outputs.
    const hidden = [];
    let total = 0;
    layers.forEach((layer, l) => {
      for (let n = 0; n < layer.outputs; n++, total++) {
        if (l < layers.length - 1) hidden.push({ name: `l${l}.n${n}`, activation: layer.activation, at: total });
      }
    });
    const all = new Float64Array(total);
    const outputs = new Float64Array(trainer.outputCount);
    const buffers = [0, 1].map(() => new Float64Array(Math.max(run.model.inputs, ...layers.map((l) => l.outputs))));
    const rgb = (name) => [1, 3, 5].map((i) => parseInt(PageKit.color(name).slice(i, i + 2), 16));
    const colors = { positive: rgb("positive"), negative: rgb("negative") };

    const details = $("neurons");
    const box = $("neuron-maps");
    const large = $("neuron-large");
    large.width = LARGE;
    large.height = LARGE;
    const thumbnails = hidden.map((neuron, k) => {
      const canvas = document.createElement("canvas");
      canvas.width = SMALL;
      canvas.height = SMALL;
      canvas.tabIndex = 0;
      canvas.dataset.neuron = String(k);
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", `neuron ${neuron.name} (${neuron.activation}): its output over the plane`);
      canvas.title = `neuron ${neuron.name} (${neuron.activation})`;
      box.appendChild(canvas);
      return canvas;
    });
    let shown = -1;

    /**
     * The outputs of the neurons `which` (indices into hidden) at the centre of each cell of an n × n grid over the plane's
     * square, rows from the top (the plane's cells): { n, xs, ys, values } with values[k][j·n + i].
     */
    function grid(n, which) {
      const b = plane.bounds;
      const params = page.view.params;
      const xs = new Float64Array(n * n);
      const ys = new Float64Array(n * n);
      const values = which.map(() => new Float64Array(n * n));
      for (let j = 0; j < n; j++) {
        for (let i = 0; i < n; i++) {
          const at = j * n + i;
          xs[at] = b.x + ((i + 0.5) / n) * b.span;
          ys[at] = b.y + (1 - (j + 0.5) / n) * b.span;
          trainer.evaluatePoint(params, xs[at], ys[at], outputs, buffers, all);
          for (let k = 0; k < which.length; k++) values[k][at] = all[hidden[which[k]].at];
        }
      }
      return { n, xs, ys, values };
    }

    /** Paints a map into a canvas of n × n pixels; returns its smallest and largest finite values. */
    function paint(canvas, n, values) {
      let most = 0;
      let low = Infinity;
      let high = -Infinity;
      for (const v of values) {
        if (!Number.isFinite(v)) continue;
        most = Math.max(most, Math.abs(v));
        low = Math.min(low, v);
        high = Math.max(high, v);
      }
      const context = canvas.getContext("2d");
      const image = context.createImageData(n, n);
      const pixels = image.data;
      for (let at = 0; at < n * n; at++) {
        const v = values[at];
        const c = v > 0 ? colors.positive : colors.negative;
        const a = Number.isFinite(v) ? (most > 0 ? Math.abs(v) / most : 0) : 0.5;
        for (let rgbAt = 0; rgbAt < 3; rgbAt++) pixels[4 * at + rgbAt] = Number.isFinite(v) ? Math.round(255 + (c[rgbAt] - 255) * a) : 128;
        pixels[4 * at + 3] = 255;
      }
      context.putImageData(image, 0, 0);
      return { low, high };
    }

    /** Draws the neuron k large, with what it is and the range of its output over the plane. */
    function showLarge(k) {
      shown = k;
      thumbnails.forEach((canvas, i) => canvas.classList.toggle("shown", i === k));
      $("neuron-large-box").hidden = false;
      const map = grid(LARGE, [k]);
      const { low, high } = paint(large, LARGE, map.values[0]);
      page.neuronMaps.large = { neuron: k, ...map, values: map.values[0] };
      const neuron = hidden[k];
      const range = low <= high ? `from ${short(low)} to ${short(high)} over the plane` : "no finite output over the plane";
      $("neuron-said").textContent = `neuron ${neuron.name} (${neuron.activation}) ${page.view.end ? "after the last step" : `at step ${page.position}`}: ${range}`;
      large.setAttribute("aria-label", `The output of neuron ${neuron.name} over the plane, large`);
    }

    function drawNeurons() {
      if (!details.open || !page.view || hidden.length === 0) return;
      const map = grid(SMALL, hidden.map((_, k) => k));
      thumbnails.forEach((canvas, k) => paint(canvas, SMALL, map.values[k]));
      page.neuronMaps.small = map;
      if (shown >= 0) showLarge(shown);
    }

    const pointed = (event) => {
      const target = event.target instanceof HTMLCanvasElement ? event.target : null;
      if (target && target.dataset.neuron !== undefined && Number(target.dataset.neuron) !== shown) showLarge(Number(target.dataset.neuron));
    };
    box.addEventListener("pointerover", pointed);
    box.addEventListener("focusin", pointed);
    details.addEventListener("toggle", drawNeurons);
    if (hidden.length === 0) details.hidden = true;

    Object.assign(page, { drawNeurons, neuronMaps: { names: hidden.map((h) => h.name), small: null, large: null } });
  },
});
