// Page plumbing shared by micrograd's pages (the explorer, the training page): finding elements, buttons that leave the keys
// to the page, where the pointer is on an element without reading layout at each event, the palette's colours as the style
// sheet defines them, canvases sized for the screen's pixels, and the URL's #hash read safely.
"use strict";

/* exported PageKit */
const PageKit = (() => {
  /** The element with an id. */
  const $ = (id) => document.getElementById(id);

  /** Runs an action on a button's click; a mouse click then takes the focus off the button, leaving the keys to the page. */
  function on(id, action) {
    $(id).addEventListener("click", (event) => {
      action();
      if (event.detail > 0) event.currentTarget.blur();
    });
  }

  /**
   * Where the pointer is on an element, in CSS pixels from its top left corner. The element's place in the window is read
   * once per gesture (when the pointer comes in or is pressed) and again only after the page scrolled or something was
   * resized: never at each pointer move or wheel turn.
   */
  class PointerPlace {
    constructor(element) {
      this.element = element;
      this.rect = null;
      const forget = () => { this.rect = null; };
      element.addEventListener("pointerenter", forget);
      element.addEventListener("pointerdown", forget, { capture: true });
      window.addEventListener("scroll", forget, { capture: true, passive: true });
      window.addEventListener("resize", forget);
      new ResizeObserver(forget).observe(element);
    }

    /** The event's position on the element: [x, y]. */
    of(event) {
      if (this.rect === null) this.rect = this.element.getBoundingClientRect();
      return [event.clientX - this.rect.left, event.clientY - this.rect.top];
    }
  }

  const colors = new Map();

  /** A colour of the palette (palette.css), by its custom property's name without "--": read from the style once. */
  function color(name) {
    if (!colors.has(name)) colors.set(name, getComputedStyle(document.documentElement).getPropertyValue(`--${name}`).trim());
    return colors.get(name);
  }

  /**
   * Sizes a canvas's pixels to its size on screen times the device's pixel ratio (which clears it); returns its size in CSS
   * pixels and the ratio: { w, h, ratio }.
   */
  function fitCanvas(canvas) {
    const ratio = window.devicePixelRatio || 1;
    const size = { w: canvas.clientWidth, h: canvas.clientHeight, ratio };
    canvas.width = Math.max(1, Math.round(size.w * ratio));
    canvas.height = Math.max(1, Math.round(size.h * ratio));
    return size;
  }

  /**
   * A URL hash's items, "#a=1&b=2" as [["a", "1"], ["b", "2"]], decoded; items without "=" are left out. Null when any item
   * is malformed (a bad % escape such as "%" or "%E0%A4%A", where decodeURIComponent throws), so that a page ignores the
   * whole hash rather than stop.
   */
  function hashItems(text) {
    const decoded = (part) => {
      try {
        return decodeURIComponent(part);
      } catch (error) {
        if (error instanceof URIError) return null;
        throw error;
      }
    };
    const items = [];
    for (const item of text.replace(/^#/, "").split("&")) {
      const eq = item.indexOf("=");
      const key = decoded(eq < 0 ? item : item.slice(0, eq));
      const value = eq < 0 ? "" : decoded(item.slice(eq + 1));
      if (key === null || value === null) return null;
      if (eq >= 0) items.push([key, value]);
    }
    return items;
  }

  /**
   * A page's view kept in the URL's #hash, so that a link opens the same view. saveSoon() writes text() 200 ms after the
   * last change (history.replaceState, so no history entry), unless mayWrite() says no (while playing, say); a hash changed
   * by hand is read with read(text), which gives a state or null, and opened with apply(state). written is the last hash
   * the page wrote, without "#".
   */
  class HashState {
    constructor({ text, mayWrite, read, apply }) {
      this.text = text;
      this.mayWrite = mayWrite;
      this.timer = null;
      this.written = "";
      window.addEventListener("hashchange", () => {
        if (location.hash.replace(/^#/, "") === this.written) return;
        const state = read(location.hash);
        if (state) apply(state);
      });
    }

    saveSoon() {
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.timer = null;
        if (!this.mayWrite()) return;
        const text = this.text();
        if (text === this.written) return;
        this.written = text;
        history.replaceState(null, "", `#${text}`);
      }, 200);
    }
  }

  const SLIDER_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown"]);

  /**
   * Whether a key pressed anywhere is the page's (to step, play, zoom…) rather than the focused control's: text fields and
   * lists keep their keys (Enter and Escape hand them back), sliders keep the keys that move them, checkboxes keep Space,
   * buttons (and a details element's summary, which is one) keep Space and Enter; a key with Ctrl, Alt or Meta is the
   * browser's.
   */
  function isPageKey(event) {
    const target = event.target;
    if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return false;
    if (target instanceof HTMLInputElement) {
      if (target.type === "range") { if (SLIDER_KEYS.has(event.key)) return false; }
      else if (target.type === "checkbox") { if (event.key === " ") return false; }
      else return false;
    }
    const button = target instanceof HTMLButtonElement || (target instanceof HTMLElement && target.tagName === "SUMMARY");
    if (button && (event.key === " " || event.key === "Enter")) return false;
    return !(event.ctrlKey || event.metaKey || event.altKey);
  }

  /**
   * Calls pick(x) (x in CSS pixels from the element's left) on a press of the main button and at every move until it is let
   * go: a chart's click or drag to a step. enabled() says whether a press counts (always when absent).
   */
  function onDragPick(element, pick, enabled) {
    let dragging = false;
    const pointer = new PointerPlace(element);
    const at = (event) => pick(pointer.of(event)[0]);
    element.addEventListener("pointerdown", (event) => {
      if (event.button !== 0 || (enabled && !enabled())) return;
      dragging = true;
      element.setPointerCapture(event.pointerId);
      at(event);
    });
    element.addEventListener("pointermove", (event) => { if (dragging) at(event); });
    element.addEventListener("pointerup", () => { dragging = false; });
    element.addEventListener("pointercancel", () => { dragging = false; });
  }

  return Object.freeze({ $, on, PointerPlace, color, fitCanvas, hashItems, HashState, isPageKey, onDragPick });
})();
