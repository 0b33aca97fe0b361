// The training page's zero lines: for each neuron of the first layer, the line of the plane where its sum is 0,
// w₁·x₁ + w₂·x₂ + b = 0, at the step shown, drawn over the decision regions while the learner ticks the box. A relu neuron
// is 0 on one side of its line; a tanh neuron changes sign across it. The lines are drawn on a canvas of their own over the
// plane's, which the pointer passes through.
"use strict";
/* global PageKit */
/* exported TrainingZeroLines */

const TrainingZeroLines = Object.freeze({
  /** Adds to the page: drawZeroLines() (the step shown changed), and zeroLines (the lines last drawn, for tests). */
  attach(page) {
    const { $ } = PageKit;
    const { run, plane } = page;
    const canvas = $("plane-lines");
    const context = canvas.getContext("2d");
    const toggle = $("zero-lines");
    const inputs = run.model.inputs;
    const count = run.model.layers[0].outputs;
    let size = { w: 0, h: 0, ratio: 1 };

    /** The part of the line w₁x + w₂y + b = 0 inside the square shown, as two points of the plane, or null. */
    function segment(w1, w2, b) {
      const norm = w1 * w1 + w2 * w2;
      if (!(norm > 0) || !Number.isFinite(norm) || !Number.isFinite(b)) return null;
      // The line's point nearest the origin, and its direction; then the range of t that stays inside the square.
      const p = [(-b * w1) / norm, (-b * w2) / norm];
      const d = [-w2, w1];
      const box = plane.bounds;
      const edges = [[box.x, box.x + box.span], [box.y, box.y + box.span]];
      let lo = -Infinity;
      let hi = Infinity;
      for (let a = 0; a < 2; a++) {
        if (d[a] === 0) {
          if (p[a] < edges[a][0] || p[a] > edges[a][1]) return null;
          continue;
        }
        const t1 = (edges[a][0] - p[a]) / d[a];
        const t2 = (edges[a][1] - p[a]) / d[a];
        lo = Math.max(lo, Math.min(t1, t2));
        hi = Math.min(hi, Math.max(t1, t2));
      }
      if (!(lo < hi)) return null;
      return [[p[0] + lo * d[0], p[1] + lo * d[1]], [p[0] + hi * d[0], p[1] + hi * d[1]]];
    }

    function drawZeroLines() {
      const on = toggle.checked;
      canvas.hidden = !on;
      page.zeroLines = [];
      if (!on || !page.view) return;
      if (size.w === 0) size = PageKit.fitCanvas(canvas);
      const { w, h, ratio } = size;
      context.setTransform(ratio, 0, 0, ratio, 0, 0);
      context.clearRect(0, 0, w, h);
      context.strokeStyle = PageKit.color("zero-line");
      context.fillStyle = PageKit.color("zero-line");
      context.lineWidth = 1.5;
      context.font = "11px sans-serif";
      const params = page.view.params;
      for (let n = 0; n < count; n++) {
        const offset = n * (inputs + 1);
        const line = segment(params[offset], params[offset + 1], params[offset + inputs]);
        if (!line) continue;
        const [from, to] = line.map(([x, y]) => plane.toScreen(x, y));
        context.beginPath();
        context.setLineDash([6, 4]);
        context.moveTo(from[0], from[1]);
        context.lineTo(to[0], to[1]);
        context.stroke();
        context.setLineDash([]);
        // Its neuron's name, a little way along the line (the lines' ends are on the square's edges).
        const at = 0.15 + 0.7 * ((n + 0.5) / count);
        context.fillText(`l0.n${n}`, from[0] + at * (to[0] - from[0]) + 3, from[1] + at * (to[1] - from[1]) - 3);
        page.zeroLines.push({ neuron: n, name: `l0.n${n}`, from: line[0], to: line[1], screenFrom: from, screenTo: to });
      }
    }

    new ResizeObserver(() => {
      if (canvas.hidden) return;
      size = PageKit.fitCanvas(canvas);
      drawZeroLines();
    }).observe(canvas);
    toggle.addEventListener("change", () => {
      size = { w: 0, h: 0, ratio: 1 };
      drawZeroLines();
    });

    Object.assign(page, { drawZeroLines, zeroLines: [] });
  },
});
