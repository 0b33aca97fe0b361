// The GPT page's picture of the token embeddings at the step shown: the rows of wte (one per character, and BOS)
// projected onto their first two principal components. The PCA is deterministic, so that the picture moves smoothly from
// one step to the next: the rows are centred (each column's mean, Σ from 0 then / rows), their covariance is
// Σ c[r][i]·c[r][j] / rows, its eigenvectors come from cyclic Jacobi rotations (pairs in order, from the identity, until the
// off-diagonal's Σ squares is at most 1e-30 of the diagonal's, at most 50 sweeps), the two of the largest eigenvalues are
// kept (the first index on a tie), and each one's sign is fixed: its largest |component| (the first on a tie) is positive.
"use strict";
/* global PageKit */

/* exported GptEmbeddings */
class GptEmbeddings {
  /**
   * The first two principal components of the rows × width matrix at offset in w: { points: [[pc1, pc2] per row],
   * axes: [Float64Array(width) × 2], variances: [λ1, λ2], total: the trace (the rows' total variance), sweeps }.
   */
  static pca(w, offset, rows, width) {
    const mean = new Float64Array(width);
    for (let j = 0; j < width; j++) {
      let s = 0;
      for (let r = 0; r < rows; r++) s += w[offset + r * width + j];
      mean[j] = s / rows;
    }
    const c = [];
    for (let r = 0; r < rows; r++) {
      const v = new Float64Array(width);
      for (let j = 0; j < width; j++) v[j] = w[offset + r * width + j] - mean[j];
      c.push(v);
    }
    const a = [];
    const e = [];
    for (let i = 0; i < width; i++) {
      a.push(new Float64Array(width));
      e.push(new Float64Array(width));
      e[i][i] = 1;
    }
    for (let i = 0; i < width; i++) {
      for (let j = i; j < width; j++) {
        let s = 0;
        for (let r = 0; r < rows; r++) s += c[r][i] * c[r][j];
        a[i][j] = s / rows;
        a[j][i] = a[i][j];
      }
    }
    let sweeps = 0;
    for (; sweeps < 50; sweeps++) {
      let off = 0;
      let diagonal = 0;
      for (let i = 0; i < width; i++) {
        diagonal += a[i][i] * a[i][i];
        for (let j = i + 1; j < width; j++) off += a[i][j] * a[i][j];
      }
      if (!(off > 1e-30 * diagonal)) break;
      for (let p = 0; p < width; p++) {
        for (let q = p + 1; q < width; q++) {
          if (a[p][q] === 0) continue;
          const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
          const t = (theta < 0 ? -1 : 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          const cos = 1 / Math.sqrt(t * t + 1);
          const sin = t * cos;
          GptEmbeddings.rotate(a, e, p, q, cos, sin);
        }
      }
    }
    const order = [...Array(width).keys()].sort((x, y) => a[y][y] - a[x][x] || x - y);
    let total = 0;
    for (let i = 0; i < width; i++) total += a[i][i];
    const axes = order.slice(0, 2).map((k) => {
      const v = new Float64Array(width);
      let big = 0;
      for (let j = 0; j < width; j++) {
        v[j] = e[j][k];
        if (Math.abs(v[j]) > Math.abs(v[big])) big = j;
      }
      if (v[big] < 0) for (let j = 0; j < width; j++) v[j] = -v[j];
      return v;
    });
    const points = c.map((row) => axes.map((v) => {
      let s = 0;
      for (let j = 0; j < width; j++) s += row[j] * v[j];
      return s;
    }));
    return { points, axes, variances: order.slice(0, 2).map((k) => a[k][k]), total, sweeps };
  }

  /** One Jacobi rotation in the plane (p, q): a = Jᵀ a J (its columns, then its rows) and e = e J. */
  static rotate(a, e, p, q, cos, sin) {
    const n = a.length;
    for (let k = 0; k < n; k++) {
      const kp = a[k][p];
      const kq = a[k][q];
      a[k][p] = cos * kp - sin * kq;
      a[k][q] = sin * kp + cos * kq;
    }
    for (let k = 0; k < n; k++) {
      const pk = a[p][k];
      const qk = a[q][k];
      a[p][k] = cos * pk - sin * qk;
      a[q][k] = sin * pk + cos * qk;
    }
    for (let k = 0; k < n; k++) {
      const kp = e[k][p];
      const kq = e[k][q];
      e[k][p] = cos * kp - sin * kq;
      e[k][q] = sin * kp + cos * kq;
    }
  }

  /** @param {HTMLCanvasElement} canvas  @param {GptRun} run  @param {number} offset  wte's offset in the weights. */
  constructor(canvas, run, offset) {
    this.canvas = canvas;
    this.run = run;
    this.offset = offset;
    this.result = null;
    this.size = null;
    // the canvas's size is read when it changes (and then drawn again), never at a step's redraw
    new ResizeObserver(() => {
      this.size = PageKit.fitCanvas(canvas);
      this.draw();
    }).observe(canvas);
  }

  /** Computes the projection of wte in the weights after `step` steps and draws it; returns the PCA's result. */
  show(weights, step) {
    const { run } = this;
    const rows = run.model.vocabulary;
    this.result = GptEmbeddings.pca(weights, this.offset, rows, run.model.width);
    const result = this.result;
    const share = GptEmbeddings.shares(result);
    this.canvas.setAttribute("aria-label", `The ${result.points.length} token embeddings (wte rows, BOS included) after ${step.toLocaleString("en-US")} steps, on their first two principal components: ${share[0]}% and ${share[1]}% of the variance`);
    PageKit.$("embeddings-about").textContent = `Each row of wte (a character's embedding, and BOS's) centred, then projected on the two directions of most variance after this step: PC1 holds ${share[0]}% of it, PC2 ${share[1]}%. BOS is labelled BOS, in brown. Both axes share one scale, fitted to each step.`;
    this.draw();
    return result;
  }

  /** Each component's share of the variance, in whole percent. */
  static shares(result) {
    return result.variances.map((v) => (result.total > 0 ? Math.round((100 * v) / result.total) : 0));
  }

  draw() {
    if (this.result === null || this.size === null) return;
    const { canvas, run, result } = this;
    const { w, h, ratio } = this.size;
    const c = canvas.getContext("2d");
    c.setTransform(ratio, 0, 0, ratio, 0, 0);
    c.clearRect(0, 0, w, h);
    const share = GptEmbeddings.shares(result);
    const pad = 22;
    let reachX = 0;
    let reachY = 0;
    for (const [x, y] of result.points) {
      reachX = Math.max(reachX, Math.abs(x));
      reachY = Math.max(reachY, Math.abs(y));
    }
    // one scale on both axes, so that distances on the picture are distances between the projected rows
    let scale = Math.min((w / 2 - pad) / reachX, (h / 2 - pad) / reachY);
    if (!(scale > 0) || !Number.isFinite(scale)) scale = 1;
    const cx = w / 2;
    const cy = h / 2;
    c.strokeStyle = PageKit.color("line");
    c.lineWidth = 1;
    c.beginPath();
    c.moveTo(pad / 2, cy);
    c.lineTo(w - pad / 2, cy);
    c.moveTo(cx, pad / 2);
    c.lineTo(cx, h - pad / 2);
    c.stroke();
    c.fillStyle = PageKit.color("muted");
    c.font = "11px system-ui, sans-serif";
    c.textAlign = "right";
    c.textBaseline = "bottom";
    c.fillText(`PC1 (${share[0]}%) →`, w - 4, cy - 2);
    c.textAlign = "left";
    c.textBaseline = "top";
    c.fillText(`↑ PC2 (${share[1]}%)`, cx + 4, 2);
    c.font = "bold 13px ui-monospace, monospace";
    c.textAlign = "center";
    c.textBaseline = "middle";
    const ink = PageKit.color("loss");
    const bos = PageKit.color("rate");
    result.points.forEach(([x, y], r) => {
      const px = cx + x * scale;
      const py = cy - y * scale;
      const isBos = r === run.bos;
      c.fillStyle = isBos ? bos : ink;
      c.fillRect(px - 1.5, py - 1.5, 3, 3);
      c.fillText(isBos ? "BOS" : run.characters[r], px, py - 9);
    });
  }
}
