// The overview of a big picture (a minimap), shared by micrograd's pages: the whole graph in a corner, each value a dot,
// the current value and its operands in their colours, and a box around the part on screen. It shows only while part of
// the picture is off screen. A click or a drag on it moves the view there; focused, the arrow keys move the view and 0
// shows the whole picture.
//
// Speed: the values' dots are drawn once per layout to an offscreen canvas; a move of the view draws that image, the
// marks and the box once per frame at most, and reads no layout (the picture's boxes are GraphView's, read from
// Graphviz's own coordinates).
"use strict";

/* exported Minimap */
class Minimap {
  /**
   * @param {object} view  The picture (a GraphView): its container, whole, visible(), shapes, lit and centre.
   */
  constructor(view) {
    this.view = view;
    this.canvas = document.createElement("canvas");
    this.canvas.className = "minimap";
    this.canvas.hidden = true;
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute("role", "img");
    this.canvas.setAttribute("aria-label", "Overview of the whole graph. The box is the part on screen: click in the " +
      "overview or use the arrow keys to move it, 0 to show the whole graph.");
    view.container.appendChild(this.canvas);
    this.dots = null;
    this.frame = 0;
    this.size = { w: 0, h: 0 };
    this.listen();
  }

  /** The overview's size in CSS pixels: the picture's shape, at most 180 × 120 (120 × 80 on narrow screens). */
  static sizeFor(whole, area) {
    const narrow = area.w < 560;
    const maxW = narrow ? 120 : 180;
    const maxH = narrow ? 80 : 120;
    const scale = Math.min(maxW / whole.w, maxH / whole.h);
    return { w: Math.max(24, Math.round(whole.w * scale)), h: Math.max(16, Math.round(whole.h * scale)), scale };
  }

  /** Draws the values of a new layout once, to an offscreen canvas. */
  layout() {
    const style = getComputedStyle(this.canvas);
    this.colours = {
      node: style.getPropertyValue("--muted").trim() || "#5b6477",
      current: style.getPropertyValue("--accent").trim() || "#e67e00",
      operand: style.getPropertyValue("--operand").trim() || "#1d5fc4",
      box: style.getPropertyValue("--selected").trim() || "#7b3fc4",
    };
    this.dots = null;
    this.size = { w: 0, h: 0 };
    this.update();
  }

  /** The overview's scale and size for the area's present size, and its dots drawn again when they changed. */
  prepare() {
    const view = this.view;
    const size = Minimap.sizeFor(view.whole, view.size);
    if (this.dots && size.w === this.size.w && size.h === this.size.h) return;
    this.size = size;
    const ratio = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(size.w * ratio);
    this.canvas.height = Math.round(size.h * ratio);
    this.canvas.style.width = `${size.w}px`;
    this.canvas.style.height = `${size.h}px`;
    this.dots = document.createElement("canvas");
    this.dots.width = this.canvas.width;
    this.dots.height = this.canvas.height;
    const g = this.dots.getContext("2d");
    g.scale(ratio, ratio);
    g.fillStyle = this.colours.node;
    for (const shape of view.shapes) {
      if (!shape) continue;
      const r = this.toMap(shape.box);
      g.fillRect(r.x, r.y, Math.max(r.w, 1), Math.max(r.h, 1));
    }
  }

  /** A box of the picture (picture units) in the overview's CSS pixels. */
  toMap(box) {
    const whole = this.view.whole;
    const s = this.size.scale;
    return { x: (box.x - whole.x) * s, y: (box.y - whole.y) * s, w: box.w * s, h: box.h * s };
  }

  /** Whether part of the picture is off screen. */
  needed() {
    const view = this.view;
    if (!view.svg || view.size.w === 0) return false;
    const v = view.visible();
    const whole = view.whole;
    const slack = 0.5;
    return v.x > whole.x + slack || v.y > whole.y + slack || v.x + v.w < whole.x + whole.w - slack ||
      v.y + v.h < whole.y + whole.h - slack;
  }

  /** Asks for a redraw at the next frame (one a frame at most). */
  update() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** Draws the overview now: the dots, the current value and its operands, and the box of the part on screen. */
  draw() {
    const view = this.view;
    const show = this.needed();
    if (this.canvas.hidden === show) this.canvas.hidden = !show;
    if (!show) return;
    this.prepare();
    const ratio = this.canvas.width / this.size.w;
    const g = this.canvas.getContext("2d");
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.clearRect(0, 0, this.canvas.width, this.canvas.height);
    g.drawImage(this.dots, 0, 0);
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    const mark = (id, colour) => {
      const shape = view.shapes[id];
      if (!shape) return;
      const r = this.toMap(shape.box);
      g.fillStyle = colour;
      g.fillRect(r.x - 1, r.y - 1, Math.max(r.w, 1) + 2, Math.max(r.h, 1) + 2);
    };
    for (const id of view.lit.operands) mark(id, this.colours.operand);
    if (view.lit.current >= 0) mark(view.lit.current, this.colours.current);
    const box = this.shown();
    g.strokeStyle = this.colours.box;
    g.lineWidth = 2;
    g.strokeRect(box.x, box.y, box.w, box.h);
  }

  /** The box of the part on screen, in the overview's CSS pixels, kept inside the overview. */
  shown() {
    const r = this.toMap(this.view.visible());
    const x = Math.max(r.x, 1);
    const y = Math.max(r.y, 1);
    return { x, y, w: Math.max(Math.min(r.x + r.w, this.size.w - 1) - x, 2), h: Math.max(Math.min(r.y + r.h, this.size.h - 1) - y, 2) };
  }

  /** Centres the view on the picture point under an overview pixel. */
  moveTo(x, y) {
    const view = this.view;
    const s = this.size.scale;
    view.center = { x: view.whole.x + x / s, y: view.whole.y + y / s };
    view.apply();
  }

  listen() {
    const canvas = this.canvas;
    let dragging = false;
    // The overview's own place is read once a press (not while dragging).
    let origin = null;
    const follow = (event) => this.moveTo(event.clientX - origin.left, event.clientY - origin.top);
    canvas.addEventListener("pointerdown", (event) => {
      if (event.button !== 0) return;
      event.preventDefault();
      event.stopPropagation();
      origin = canvas.getBoundingClientRect();
      dragging = true;
      canvas.setPointerCapture(event.pointerId);
      follow(event);
    });
    canvas.addEventListener("pointermove", (event) => {
      if (dragging) follow(event);
    });
    const end = () => { dragging = false; };
    canvas.addEventListener("pointerup", end);
    canvas.addEventListener("pointercancel", end);
    canvas.addEventListener("keydown", (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
      const view = this.view;
      if (moves[event.key]) {
        const v = view.visible();
        const [dx, dy] = moves[event.key];
        view.center = { x: view.center.x + (dx * v.w) / 4, y: view.center.y + (dy * v.h) / 4 };
        view.apply();
      } else if (event.key === "0") {
        view.fit();
        // The overview hides with the whole picture on screen: the keyboard goes back to the picture.
        view.shapes[view.tabStop]?.group.focus({ preventScroll: true });
      } else {
        return;
      }
      event.preventDefault();
      event.stopPropagation();
    });
  }
}
