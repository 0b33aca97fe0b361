// The GPT page's timeline: the loss at every step (left axis; with the moving average drawn over it when the toggle is on)
// and the learning rate (right axis, dashed), the step shown marked. x is the number of steps taken: step k's loss
// was computed with the weights after k − 1 steps, so it is drawn at k − 1, where the model of those weights is.
// A click or a drag picks a number of steps (the page goes to that step).
"use strict";
/* global Numbers, PageKit */

/* exported GptChart */
class GptChart {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {object} run  losses, rates, steps.
   * @param {object} options  onPick(steps): a click or drag chose a point of the run.
   */
  constructor(canvas, run, options) {
    this.canvas = canvas;
    this.context = canvas.getContext("2d");
    this.run = run;
    this.options = options;
    this.smooth = true;
    this.step = 0;
    this.window = Math.max(1, Math.round(run.steps / 20));
    this.average = GptChart.movingAverage(run.losses, this.window);
    this.size = { w: 0, h: 0, ratio: 1 };
    this.margin = { left: 46, right: 52, top: 8, bottom: 20 };
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of run.losses) {
      if (!Number.isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    this.lossRange = Number.isFinite(lo) ? { lo: Math.min(0, lo), hi: hi > Math.min(0, lo) ? hi : 1 } : { lo: 0, hi: 1 };
    let rateHi = 0;
    for (const r of run.rates) if (Number.isFinite(r)) rateHi = Math.max(rateHi, r);
    this.rateHi = rateHi > 0 ? rateHi : 1;
    const color = PageKit.color;
    this.colors = { marker: color("accent"), loss: color("loss"), average: color("average"), rate: color("rate"), muted: color("muted"), line: color("line") };
    new ResizeObserver(() => {
      this.size = PageKit.fitCanvas(this.canvas);
      this.draw();
    }).observe(canvas);
    PageKit.onDragPick(canvas, (x) => this.options.onPick(this.stepAt(x)));
  }

  /** The mean of each number and the window − 1 before it (fewer at the start). */
  static movingAverage(values, window) {
    const average = new Float64Array(values.length);
    let sum = 0;
    let count = 0;
    for (let i = 0; i < values.length; i++) {
      sum += values[i];
      count++;
      if (i >= window) {
        sum -= values[i - window];
        count--;
      }
      average[i] = sum / count;
    }
    return average;
  }

  setStep(step) {
    this.step = step;
  }

  setSmooth(smooth) {
    this.smooth = smooth;
  }

  x(step) {
    const { left, right } = this.margin;
    return left + (step / Math.max(1, this.run.steps)) * (this.size.w - left - right);
  }

  stepAt(x) {
    const { left, right } = this.margin;
    const t = (x - left) / Math.max(1, this.size.w - left - right);
    return Math.round(Math.min(1, Math.max(0, t)) * this.run.steps);
  }

  yLoss(v) {
    const { top, bottom } = this.margin;
    const { lo, hi } = this.lossRange;
    return top + (1 - (v - lo) / (hi - lo)) * (this.size.h - top - bottom);
  }

  yRate(v) {
    const { top, bottom } = this.margin;
    return top + (1 - v / this.rateHi) * (this.size.h - top - bottom);
  }

  line(values, y, color, width, dash) {
    const c = this.context;
    c.strokeStyle = color;
    c.lineWidth = width;
    c.setLineDash(dash);
    c.beginPath();
    let drawing = false;
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) {
        drawing = false;
        continue;
      }
      const px = this.x(i);
      const py = y(values[i]);
      if (drawing) c.lineTo(px, py);
      else c.moveTo(px, py);
      drawing = true;
    }
    c.stroke();
    c.setLineDash([]);
  }

  draw() {
    const { w, h, ratio } = this.size;
    if (w <= 0 || h <= 0) return;
    const c = this.context;
    c.setTransform(ratio, 0, 0, ratio, 0, 0);
    c.clearRect(0, 0, w, h);
    const { left, right, top, bottom } = this.margin;
    c.strokeStyle = this.colors.line;
    c.lineWidth = 1;
    c.strokeRect(left, top, w - left - right, h - top - bottom);
    c.fillStyle = this.colors.muted;
    c.font = "11px system-ui, sans-serif";
    c.textBaseline = "middle";
    c.textAlign = "right";
    const { lo, hi } = this.lossRange;
    for (const v of [lo, (lo + hi) / 2, hi]) c.fillText(Numbers.short(v), left - 4, this.yLoss(v));
    c.textAlign = "left";
    for (const v of [0, this.rateHi]) c.fillText(Numbers.short(v), w - right + 4, this.yRate(v));
    c.textAlign = "center";
    c.textBaseline = "top";
    for (const s of [0, this.run.steps]) c.fillText(s.toLocaleString("en-US"), this.x(s), h - bottom + 3);

    this.line(this.run.rates, (v) => this.yRate(v), this.colors.rate, 1.5, [5, 4]);
    c.globalAlpha = this.smooth ? 0.3 : 1;
    this.line(this.run.losses, (v) => this.yLoss(v), this.colors.loss, 1, []);
    c.globalAlpha = 1;
    if (this.smooth) this.line(this.average, (v) => this.yLoss(v), this.colors.average, 2.2, []);

    const mx = this.x(this.step);
    c.strokeStyle = this.colors.marker;
    c.lineWidth = 2;
    c.beginPath();
    c.moveTo(mx, top);
    c.lineTo(mx, h - bottom);
    c.stroke();
  }
}
