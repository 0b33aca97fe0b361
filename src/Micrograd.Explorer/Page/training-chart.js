// The training page's timeline: the loss (left axis) and the accuracy (right axis, 0 to 1) at every step, training solid
// and validation dashed, with the step shown marked; a click or a drag goes to a step. A what-if run is drawn after the
// step it started from, on a shaded ground.
//
// The ground (frame, ticks, caption and the curves) changes only with the numbers or the size: it is drawn once onto an
// offscreen canvas, and a move to another step copies it back and adds the marker of the step and the legend above the frame.
// The left margin is as wide as the loss's tick labels, so that none is cut; `drawn` keeps where the labels, the legend and
// the frame are (the tests read it).
"use strict";
/* global Numbers, PageKit */

/* exported TrainingChart */
class TrainingChart {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {object} options  onPick(position): a click or drag chose a step (1 … length).
   */
  constructor(canvas, options) {
    this.canvas = canvas;
    this.context = canvas.getContext("2d");
    this.options = options;
    this.series = null;
    this.position = 1;
    this.size = { w: 0, h: 0, ratio: 1 };
    this.margin = { left: 46, right: 34, top: 18, bottom: 18 };
    this.drawn = { frame: null, ticks: [], legend: [] };
    this.ground = document.createElement("canvas");
    this.groundDrawn = false;
    const color = PageKit.color;
    this.colors = { marker: color("accent"), loss: color("loss"), accuracy: color("accuracy"), muted: color("muted"), line: color("line"), whatIf: color("what-if") };
    new ResizeObserver(() => {
      this.resize();
      this.draw();
    }).observe(canvas);
    PageKit.onDragPick(canvas, (x) => this.options.onPick(this.positionAt(x)), () => this.series !== null);
  }

  /**
   * The numbers to draw, by position (index 0 is step 1): loss, accuracy, and validationLoss, validationAccuracy (or null);
   * length: how many positions; branch: the first position of a what-if run, or 0.
   */
  setSeries(series) {
    this.series = series;
    this.scale = this.lossScale(series);
    this.groundDrawn = false;
  }

  setPosition(position) {
    this.position = position;
  }

  resize() {
    this.size = PageKit.fitCanvas(this.canvas);
    this.groundDrawn = false;
  }

  /** A log scale when every loss is positive and they span more than 30 times; else linear from 0. */
  lossScale(series) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const list of [series.loss, series.validationLoss]) {
      if (!list) continue;
      for (const v of list) {
        if (!Number.isFinite(v)) continue;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (!Number.isFinite(lo)) return { log: false, lo: 0, hi: 1 };
    if (lo > 0 && hi / lo > 30) return { log: true, lo: Math.log10(lo), hi: Math.log10(hi) };
    return { log: false, lo: Math.min(0, lo), hi: hi > Math.min(0, lo) ? hi : Math.min(0, lo) + 1 };
  }

  x(position) {
    const { left, right } = this.margin;
    const n = this.series.length;
    return left + (n <= 1 ? 0 : ((position - 1) / (n - 1)) * (this.size.w - left - right));
  }

  positionAt(px) {
    const { left, right } = this.margin;
    const n = this.series.length;
    const t = (px - left) / Math.max(1, this.size.w - left - right);
    return Math.max(1, Math.min(n, Math.round(1 + t * (n - 1))));
  }

  yLoss(v) {
    const { top, bottom } = this.margin;
    const s = this.scale;
    const t = s.log ? (Math.log10(v) - s.lo) / (s.hi - s.lo || 1) : (v - s.lo) / (s.hi - s.lo || 1);
    return top + (1 - t) * (this.size.h - top - bottom);
  }

  yAccuracy(v) {
    const { top, bottom } = this.margin;
    return top + (1 - v) * (this.size.h - top - bottom);
  }

  /** Draws the chart at the step shown: the ground (drawn again only when the numbers or the size changed), the marker, the legend. */
  draw() {
    const ctx = this.context;
    const { w, h, ratio } = this.size;
    if (!this.series || w === 0) return;
    if (!this.groundDrawn) this.drawGround();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalCompositeOperation = "copy";
    ctx.drawImage(this.ground, 0, 0);
    ctx.globalCompositeOperation = "source-over";
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const { left, top, bottom } = this.margin;

    const px = this.x(this.position);
    ctx.strokeStyle = this.colors.marker;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(px, top);
    ctx.lineTo(px, h - bottom);
    ctx.stroke();
    ctx.font = "10px system-ui, sans-serif";
    ctx.textAlign = "left";
    // Above the frame, where no curve goes.
    let x = left;
    this.drawn.legend = [];
    for (const [text, color] of [["loss", this.colors.loss], ["accuracy", this.colors.accuracy], ...(this.series.validationLoss ? [["- - validation", this.colors.muted]] : [])]) {
      const width = ctx.measureText(text).width;
      ctx.fillStyle = color;
      ctx.fillText(text, x, top - 5);
      this.drawn.legend.push({ text, left: x, right: x + width, top: top - 14, bottom: top - 3 });
      x += width + 10;
    }
  }

  /** Draws what does not depend on the step shown onto the offscreen canvas: the frame, the ticks, the caption, the curves. */
  drawGround() {
    const { w, h, ratio } = this.size;
    this.ground.width = this.canvas.width;
    this.ground.height = this.canvas.height;
    const ctx = this.ground.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.font = "10px system-ui, sans-serif";
    const scale = this.scale;
    const ticks = (scale.log
      ? [scale.lo, (scale.lo + scale.hi) / 2, scale.hi].map((e) => 10 ** e)
      : [scale.lo, (scale.lo + scale.hi) / 2, scale.hi]).map((v) => ({ v, text: Numbers.short(v) }));
    this.margin.left = Math.ceil(Math.max(30, ...ticks.map((t) => ctx.measureText(t.text).width + 8)));
    const { left, right, top, bottom } = this.margin;
    this.drawn.frame = { left, top, right: w - right, bottom: h - bottom };
    this.drawn.ticks = ticks.map((t) => ({ text: t.text, left: left - 4 - ctx.measureText(t.text).width, right: left - 4 }));
    const s = this.series;
    if (s.branch > 0) {
      ctx.fillStyle = this.colors.whatIf;
      ctx.fillRect(this.x(s.branch) - 1, top, w - right - this.x(s.branch) + 1, h - top - bottom);
    }
    ctx.strokeStyle = this.colors.line;
    ctx.lineWidth = 1;
    ctx.strokeRect(left, top, w - left - right, h - top - bottom);
    ctx.fillStyle = this.colors.muted;
    ctx.textAlign = "right";
    for (const { v, text } of ticks) ctx.fillText(text, left - 4, this.yLoss(v) + 3);
    ctx.textAlign = "left";
    for (const v of [0, 0.5, 1]) ctx.fillText(String(v), w - right + 4, this.yAccuracy(v) + 3);
    ctx.textAlign = "center";
    ctx.fillText(`steps 1 to ${s.length - 1}, then after the last${scale.log ? " · loss on a log scale" : ""}`, left + (w - left - right) / 2, h - 4);

    const line = (list, y, color, dashed) => {
      if (!list) return;
      ctx.beginPath();
      let pen = false;
      for (let i = 0; i < list.length; i++) {
        const v = list[i];
        if (!Number.isFinite(v) || (y === this.yLoss && scale.log && !(v > 0))) {
          pen = false;
          continue;
        }
        const px = this.x(i + 1);
        const py = Math.max(top, Math.min(h - bottom, y.call(this, v)));
        if (pen) ctx.lineTo(px, py);
        else ctx.moveTo(px, py);
        pen = true;
      }
      ctx.strokeStyle = color;
      ctx.lineWidth = 1.6;
      ctx.setLineDash(dashed ? [5, 3] : []);
      ctx.stroke();
    };
    line(s.accuracy, this.yAccuracy, this.colors.accuracy, false);
    line(s.validationAccuracy, this.yAccuracy, this.colors.accuracy, true);
    line(s.loss, this.yLoss, this.colors.loss, false);
    line(s.validationLoss, this.yLoss, this.colors.loss, true);
    ctx.setLineDash([]);
    this.groundDrawn = true;
  }
}
