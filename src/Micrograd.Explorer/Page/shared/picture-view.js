// A picture in an area of a page, shared by micrograd's pages: an SVG shown at a centre and a zoom, which the wheel, drags,
// the zoom buttons and the page move; the page can fit it, zoom in to a readable size around a box, or pan a box into
// view. GraphView (graph-view.js) is such a picture, of a graph.
//
// Speed: pan and zoom move the picture with a CSS transform, never its viewBox: a new viewBox lays out every text of the
// picture again (100 ms at 2,000 values), a transform lays out nothing. The area's size is kept up to date by a
// ResizeObserver and the pointer's place by PageKit.PointerPlace, so no wheel turn, drag or pan reads layout.
"use strict";
/* global PageKit */

/* exported PictureView */
class PictureView {
  /**
   * @param {HTMLElement} container  The area the picture fills. A subclass shows the picture: it sets `svg` (null while
   *   there is none), `whole` (the picture's extent in picture units) and `fontSize` (its text's size in picture units), and
   *   may override clicked(target).
   */
  constructor(container) {
    this.container = container;
    this.svg = null;
    this.center = { x: 0, y: 0 }; // the picture point at the middle of the screen area
    this.zoom = 1; // screen pixels per picture unit
    this.whole = { x: 0, y: 0, w: 1, h: 1 };
    this.size = { w: 0, h: 0 };
    this.fontSize = 14;
    this.listenToPointer();
  }

  /** The screen area's size, read once and then kept by the ResizeObserver; `again` reads it now. */
  measure(again) {
    if (again || this.size.w === 0) this.size = { w: this.container.clientWidth, h: this.container.clientHeight };
    return this.size;
  }

  /** Screen pixels per picture unit. */
  get scale() {
    return this.zoom;
  }

  /** The height of the picture's text on screen, in pixels. */
  get textPixels() {
    return this.fontSize * this.zoom;
  }

  /** The part of the picture on screen, in picture units. */
  visible() {
    const w = this.size.w / this.zoom;
    const h = this.size.h / this.zoom;
    return { x: this.center.x - w / 2, y: this.center.y - h / 2, w, h };
  }

  /** Places the picture: the visible part's top left corner at the screen area's. */
  apply() {
    if (!this.svg) return;
    const v = this.visible();
    const x = -(v.x - this.whole.x) * this.zoom;
    const y = -(v.y - this.whole.y) * this.zoom;
    this.svg.style.transform = `translate(${x}px, ${y}px) scale(${this.zoom})`;
    this.moved();
  }

  /** Called each time the picture moves or is scaled (a subclass's overview follows it). */
  moved() {}

  /** The scale at which the whole picture fits the screen area. */
  get fitZoom() {
    return this.size.w > 0 ? Math.min(this.size.w / this.whole.w, this.size.h / this.whole.h) : 1;
  }

  fit() {
    this.zoom = this.fitZoom;
    this.center = { x: this.whole.x + this.whole.w / 2, y: this.whole.y + this.whole.h / 2 };
    this.apply();
  }

  /** Zooms by a factor of the visible width (above 1 zooms out), keeping a picture point where it is on screen. */
  zoomAt(point, factor) {
    if (this.size.w === 0) return;
    const limit = Math.max(this.whole.w, this.whole.h);
    const width = Math.min(Math.max((this.size.w / this.zoom) * factor, limit / 400), limit * 4);
    const zoom = this.size.w / width;
    const f = this.zoom / zoom;
    this.center = { x: point.x + (this.center.x - point.x) * f, y: point.y + (this.center.y - point.y) * f };
    this.zoom = zoom;
    this.apply();
  }

  zoomBy(factor) {
    this.zoomAt(this.center, factor);
  }

  /** Moves the picture on screen by some pixels. */
  panBy(dx, dy) {
    this.center = { x: this.center.x - dx / this.zoom, y: this.center.y - dy / this.zoom };
    this.apply();
  }

  /** The picture point under a pointer event. */
  pictureAt(event) {
    const [x, y] = this.pointer.of(event);
    const v = this.visible();
    return { x: v.x + x / this.zoom, y: v.y + y / this.zoom };
  }

  /** Centres a span on a point, inside the whole picture where it fits, centred on the picture where it does not. */
  static clamp(center, size, start, whole) {
    return size >= whole ? start + (whole - size) / 2 : Math.min(Math.max(center - size / 2, start), start + whole - size);
  }

  /**
   * Shows the picture at a scale where its text is `pixels` high around a box (the whole picture when it is readable
   * fitted, or when there is no box).
   */
  readableAroundBox(box, pixels) {
    this.measure(true);
    this.fit();
    if (!box || this.textPixels >= pixels || this.size.w === 0) return;
    this.zoom = pixels / this.fontSize;
    const v = this.visible();
    this.center = {
      x: PictureView.clamp(box.x + box.w / 2, v.w, this.whole.x, this.whole.w) + v.w / 2,
      y: PictureView.clamp(box.y + box.h / 2, v.h, this.whole.y, this.whole.h) + v.h / 2,
    };
    this.apply();
  }

  /** Pans (keeping the zoom) so that a box is on screen, if it is not already. Reads no layout. */
  revealBox(box) {
    if (this.size.w === 0) return;
    const v = this.visible();
    // A margin that need not reach past the picture's own edges: then the whole picture, fitted, never moves.
    const margin = Math.min(v.w, v.h) * 0.04;
    // (Compared with a millionth of the picture to spare: the visible area's edges, computed from its centre and zoom, may
    // miss the picture's own by a rounding.)
    const e = 1e-6 * Math.max(this.whole.w, this.whole.h);
    const inside = Math.max(box.x - margin, this.whole.x) >= v.x - e && Math.max(box.y - margin, this.whole.y) >= v.y - e &&
      Math.min(box.x + box.w + margin, this.whole.x + this.whole.w) <= v.x + v.w + e &&
      Math.min(box.y + box.h + margin, this.whole.y + this.whole.h) <= v.y + v.h + e;
    if (inside) return;
    this.center = {
      x: PictureView.clamp(box.x + box.w / 2, v.w, this.whole.x, this.whole.w) + v.w / 2,
      y: PictureView.clamp(box.y + box.h / 2, v.h, this.whole.y, this.whole.h) + v.h / 2,
    };
    this.apply();
  }

  /**
   * Pans (keeping the zoom) so that boxes are on screen together where they fit at this zoom, with revealBox's margin;
   * otherwise the first box alone.
   */
  revealBoxes(boxes) {
    const x = Math.min(...boxes.map((b) => b.x));
    const y = Math.min(...boxes.map((b) => b.y));
    const all = { x, y, w: Math.max(...boxes.map((b) => b.x + b.w)) - x, h: Math.max(...boxes.map((b) => b.y + b.h)) - y };
    const v = this.visible();
    const margin = Math.min(v.w, v.h) * 0.04 * 2;
    this.revealBox(all.w + margin <= v.w && all.h + margin <= v.h ? all : boxes[0]);
  }

  /** Called on a click on the picture (a press and release without a drag), with the element clicked. */
  clicked() {}

  // ---------------------------------------------------------------------------------------------------------------
  // The pointer: the wheel zooms around the pointer, a drag pans, a click goes to clicked().

  listenToPointer() {
    const container = this.container;
    this.pointer = new PageKit.PointerPlace(container);
    new ResizeObserver((entries) => {
      const box = entries[entries.length - 1].contentRect;
      this.size = { w: box.width, h: box.height };
      this.apply();
    }).observe(container);

    container.addEventListener("wheel", (event) => {
      if (!this.svg) return;
      event.preventDefault();
      this.zoomAt(this.pictureAt(event), Math.exp(event.deltaY * 0.0015));
    }, { passive: false });

    let drag = null;
    container.addEventListener("pointerdown", (event) => {
      if (event.button !== 0 || !this.svg || !this.svg.contains(event.target)) return;
      drag = { x: event.clientX, y: event.clientY, moved: false, target: event.target };
      container.setPointerCapture(event.pointerId);
    });
    container.addEventListener("pointermove", (event) => {
      if (!drag) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 3) return;
      drag.moved = true;
      this.svg.classList.add("dragging");
      drag.x = event.clientX;
      drag.y = event.clientY;
      this.panBy(dx, dy);
    });
    const endDrag = (event) => {
      if (!drag) return;
      const target = drag.target;
      const click = !drag.moved && event.type === "pointerup";
      drag = null;
      this.svg.classList.remove("dragging");
      if (!click) return;
      this.clicked(target);
    };
    container.addEventListener("pointerup", endDrag);
    container.addEventListener("pointercancel", endDrag);
  }
}
