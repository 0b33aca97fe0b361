// The training page's plane: the model's decision regions at a step (over a grid of cells), the data drawn over them
// (training points filled, validation hollow, misclassified marked, each ringed by its loss at the step, wider for larger,
// none for 0), and the pointer: click a point to select it, drag it to move it, click the plane to add one.
"use strict";
/* global PageKit */

/* exported TrainingPlane */
class TrainingPlane {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {object} options
   *   colors: each class's colour (by class index); classOf(label) → class index;
   *   onSelect(point), onAdd(x1, x2), onMove(point, x1, x2), onMoved(point): what the pointer does; a point is
   *   { set: "train" | "validation", index }.
   */
  constructor(canvas, options) {
    this.canvas = canvas;
    this.context = canvas.getContext("2d");
    this.options = options;
    this.cells = 100;
    this.image = null;
    this.regions = document.createElement("canvas");
    this.regions.width = this.cells;
    this.regions.height = this.cells;
    this.regionsContext = this.regions.getContext("2d");
    this.sets = [];
    this.wrong = new Map();
    this.losses = null;
    /** The rings last drawn: each set's ring radii (CSS pixels; 0: no ring), by kind ("train", "validation"). For tests. */
    this.rings = {};
    this.selected = null;
    this.size = { w: 0, h: 0, ratio: 1 };
    this.bounds = { x: -1, y: -1, span: 2 };
    this.focused = null; // the point ↑ ↓ have reached, when the plane has the keyboard focus
    this.marks = { wrong: PageKit.color("bad"), focus: PageKit.color("ink"), selected: PageKit.color("selected"), ring: PageKit.color("ring") };
    this.listen();
  }

  /** The square of the plane shown: every point of the sets, with a margin, the same scale on both axes. */
  fitBounds(sets) {
    let xMin = Infinity; let xMax = -Infinity; let yMin = Infinity; let yMax = -Infinity;
    for (const set of sets) {
      for (let i = 0; i < set.count; i++) {
        const x = set.features[2 * i]; const y = set.features[2 * i + 1];
        if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
        xMin = Math.min(xMin, x); xMax = Math.max(xMax, x); yMin = Math.min(yMin, y); yMax = Math.max(yMax, y);
      }
    }
    if (!Number.isFinite(xMin)) { xMin = -1; xMax = 1; yMin = -1; yMax = 1; }
    const span = Math.max(xMax - xMin, yMax - yMin, 1e-9) * 1.2;
    this.bounds = { x: (xMin + xMax) / 2 - span / 2, y: (yMin + yMax) / 2 - span / 2, span };
  }

  /** The point of the plane at the centre of cell (i, j), j counted from the top. */
  cellPoint(i, j) {
    const b = this.bounds;
    return [b.x + ((i + 0.5) / this.cells) * b.span, b.y + (1 - (j + 0.5) / this.cells) * b.span];
  }

  toScreen(x, y) {
    const b = this.bounds;
    return [((x - b.x) / b.span) * this.size.w, (1 - (y - b.y) / b.span) * this.size.h];
  }

  toPlane(px, py) {
    const b = this.bounds;
    return [b.x + (px / this.size.w) * b.span, b.y + (1 - py / this.size.h) * b.span];
  }

  /**
   * Computes the regions: predict(x1, x2) → [class index, confidence from 0 to 1] at each cell's centre. Returns the time
   * it took, in milliseconds.
   */
  computeRegions(predict) {
    const t0 = performance.now();
    const n = this.cells;
    const image = this.regionsContext.createImageData(n, n);
    const pixels = image.data;
    const colors = this.options.colors.map(TrainingPlane.rgb);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const [x, y] = this.cellPoint(i, j);
        const [cls, confidence] = predict(x, y);
        const c = colors[cls] || [128, 128, 128];
        const a = 0.1 + 0.5 * (Number.isFinite(confidence) ? Math.max(0, Math.min(1, confidence)) : 0);
        const at = 4 * (j * n + i);
        pixels[at] = Math.round(255 + (c[0] - 255) * a);
        pixels[at + 1] = Math.round(255 + (c[1] - 255) * a);
        pixels[at + 2] = Math.round(255 + (c[2] - 255) * a);
        pixels[at + 3] = 255;
      }
    }
    this.regionsContext.putImageData(image, 0, 0);
    this.image = image;
    return performance.now() - t0;
  }

  /**
   * The points: sets of { kind: "train" | "validation", features, labels, count }; wrong: a Set of "kind:index"
   * misclassified; losses: each set's per-sample losses by kind (or null: no rings).
   */
  setPoints(sets, wrong, losses) {
    this.sets = sets;
    this.wrong = wrong;
    this.losses = losses || null;
  }

  /**
   * Each point's ring radius: from the point's edge out by 2 to 2 + span pixels, by the square root of its loss over the
   * largest loss shown (the ring's area grows with the loss); 0 for a loss of 0 (or not finite).
   */
  ringRadii(radius, span) {
    const rings = {};
    let most = 0;
    for (const set of this.sets) {
      const losses = this.losses && this.losses[set.kind];
      for (let i = 0; losses && i < set.count; i++) if (Number.isFinite(losses[i])) most = Math.max(most, losses[i]);
    }
    for (const set of this.sets) {
      const losses = this.losses && this.losses[set.kind];
      const radii = new Float64Array(set.count);
      for (let i = 0; losses && i < set.count; i++) {
        const loss = losses[i];
        if (most > 0 && Number.isFinite(loss) && loss > 0) radii[i] = radius + 2 + span * Math.sqrt(loss / most);
      }
      rings[set.kind] = radii;
    }
    return rings;
  }

  select(point) {
    this.selected = point;
  }

  /** Draws the regions and the points. */
  draw() {
    const ctx = this.context;
    const { w, h, ratio } = this.measure();
    if (w === 0) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.clearRect(0, 0, w, h);
    if (this.image) ctx.drawImage(this.regions, 0, 0, w, h);
    const radius = Math.max(3, Math.min(6, w / 90));
    // The rings first, under every point: a ring never hides a point.
    this.rings = this.ringRadii(radius, Math.max(6, Math.min(12, w / 45)));
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = this.marks.ring;
    for (const set of this.sets) {
      const radii = this.rings[set.kind];
      for (let i = 0; i < set.count; i++) {
        if (radii[i] === 0) continue;
        const [px, py] = this.toScreen(set.features[2 * i], set.features[2 * i + 1]);
        ctx.beginPath();
        ctx.arc(px, py, radii[i], 0, 2 * Math.PI);
        ctx.stroke();
      }
    }
    for (const set of this.sets) {
      for (let i = 0; i < set.count; i++) {
        const [px, py] = this.toScreen(set.features[2 * i], set.features[2 * i + 1]);
        const color = this.options.colors[this.options.classOf(set.labels[i])] || "#777";
        ctx.beginPath();
        ctx.arc(px, py, radius, 0, 2 * Math.PI);
        if (set.kind === "validation") {
          ctx.fillStyle = "#fff";
          ctx.fill();
          ctx.lineWidth = 2.2;
          ctx.strokeStyle = color;
          ctx.stroke();
        } else {
          ctx.fillStyle = color;
          ctx.fill();
          ctx.lineWidth = 1;
          ctx.strokeStyle = "#fff";
          ctx.stroke();
        }
        if (this.wrong.has(`${set.kind}:${i}`)) {
          const r = radius + 2.5;
          ctx.beginPath();
          ctx.arc(px, py, r, 0, 2 * Math.PI);
          ctx.moveTo(px - r * 0.7, py - r * 0.7);
          ctx.lineTo(px + r * 0.7, py + r * 0.7);
          ctx.moveTo(px + r * 0.7, py - r * 0.7);
          ctx.lineTo(px - r * 0.7, py + r * 0.7);
          ctx.lineWidth = 1.4;
          ctx.strokeStyle = this.marks.wrong;
          ctx.stroke();
        }
      }
    }
    const f = this.focused;
    const focusedSet = f && document.activeElement === this.canvas && this.sets.find((x) => x.kind === f.set);
    if (focusedSet && f.index < focusedSet.count) {
      const [px, py] = this.toScreen(focusedSet.features[2 * f.index], focusedSet.features[2 * f.index + 1]);
      ctx.beginPath();
      ctx.arc(px, py, radius + 9, 0, 2 * Math.PI);
      ctx.setLineDash([4, 3]);
      ctx.lineWidth = 2;
      ctx.strokeStyle = this.marks.focus;
      ctx.stroke();
      ctx.setLineDash([]);
    }
    const s = this.selected;
    const set = s && this.sets.find((x) => x.kind === s.set);
    if (set && s.index < set.count) {
      const [px, py] = this.toScreen(set.features[2 * s.index], set.features[2 * s.index + 1]);
      ctx.beginPath();
      ctx.arc(px, py, radius + 6, 0, 2 * Math.PI);
      ctx.lineWidth = 3;
      ctx.strokeStyle = this.marks.selected;
      ctx.stroke();
    }
  }

  measure() {
    if (this.size.w === 0) this.resize();
    return this.size;
  }

  resize() {
    this.size = PageKit.fitCanvas(this.canvas);
  }

  /** The point nearest a screen position, within 9 pixels, or null. Validation points are found after training points. */
  pointAt(px, py) {
    let best = null;
    let bestDistance = 9;
    for (const set of this.sets) {
      for (let i = 0; i < set.count; i++) {
        const [qx, qy] = this.toScreen(set.features[2 * i], set.features[2 * i + 1]);
        const d = Math.hypot(qx - px, qy - py);
        if (d < bestDistance) {
          bestDistance = d;
          best = { set: set.kind, index: i };
        }
      }
    }
    return best;
  }

  /** The screen position (in the canvas's CSS pixels) of a point, for tests and keyboard users' focus. */
  screenOf(point) {
    const set = this.sets.find((x) => x.kind === point.set);
    return this.toScreen(set.features[2 * point.index], set.features[2 * point.index + 1]);
  }

  listen() {
    new ResizeObserver(() => {
      this.resize();
      this.draw();
    }).observe(this.canvas);
    let press = null;
    const pointer = new PageKit.PointerPlace(this.canvas);
    const local = (event) => pointer.of(event);
    this.canvas.addEventListener("pointerdown", (event) => {
      if (event.button !== 0) return;
      const [px, py] = local(event);
      press = { px, py, point: this.pointAt(px, py), moved: false };
      this.canvas.setPointerCapture(event.pointerId);
    });
    this.canvas.addEventListener("pointermove", (event) => {
      const [px, py] = local(event);
      if (!press) {
        this.canvas.classList.toggle("over-point", this.pointAt(px, py) !== null);
        return;
      }
      if (!press.point) return;
      if (!press.moved && Math.hypot(px - press.px, py - press.py) < 3) return;
      press.moved = true;
      this.canvas.classList.add("dragging");
      const [x, y] = this.toPlane(px, py);
      this.options.onMove(press.point, x, y);
    });
    const end = (event) => {
      if (!press) return;
      const p = press;
      press = null;
      this.canvas.classList.remove("dragging");
      if (event.type !== "pointerup") return;
      if (p.point && p.moved) {
        this.options.onMoved(p.point);
      } else if (p.point) {
        this.options.onSelect(p.point);
      } else {
        const [x, y] = this.toPlane(p.px, p.py);
        this.options.onAdd(x, y);
      }
    };
    this.canvas.addEventListener("pointerup", end);
    this.canvas.addEventListener("pointercancel", end);

    // With the keyboard focus on the plane: ↑ ↓ move through the points (training, then validation), Enter opens one's graph.
    // Other keys go to the page.
    this.canvas.addEventListener("keydown", (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const points = this.sets.flatMap((set) => Array.from({ length: set.count }, (_, index) => ({ set: set.kind, index })));
      if (points.length === 0) return;
      const at = this.focused ? points.findIndex((p) => p.set === this.focused.set && p.index === this.focused.index) : -1;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        const by = event.key === "ArrowDown" ? 1 : -1;
        this.focused = points[at < 0 ? (by > 0 ? 0 : points.length - 1) : (at + by + points.length) % points.length];
        this.canvas.setAttribute("aria-label", `The data over the plane; point ${this.focused.index + 1} of the ${this.focused.set === "train" ? "training" : "validation"} data: Enter shows its graph`);
        this.draw();
      } else if (event.key === "Enter" && this.focused) {
        this.options.onSelect(this.focused);
      } else {
        return;
      }
      event.preventDefault();
      event.stopPropagation();
    });
    this.canvas.addEventListener("blur", () => this.draw());
  }

  /** "#rrggbb" as [r, g, b]. */
  static rgb(hex) {
    return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  }
}
