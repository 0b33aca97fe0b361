// Page plumbing shared by micrograd's pages (the explorer, the training page): finding elements, buttons that leave the keys
// to the page, where the pointer is on an element without reading layout at each event, and the palette's colours as the
// style sheet defines them.
"use strict";

// eslint-disable-next-line no-unused-vars
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

  return Object.freeze({ $, on, PointerPlace });
})();
