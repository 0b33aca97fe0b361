// The graph picture's keys (GraphView, graph-view.js): on a focused record, ↑ ↓ move to the previous or next value drawn
// and Enter selects it; Tab reaches the picture at one value (its tab stop), which follows the focus. Other keys go on to
// the page.
"use strict";

/* exported GraphKeys */
const GraphKeys = {
  /** Listens to the keys of a GraphView's container. */
  listen(view) {
    const container = view.container;
    const recordOf = (event) => (event.target instanceof Element ? event.target.closest("g.node[data-id]") : null);
    container.addEventListener("keydown", (event) => {
      const group = recordOf(event);
      if (!group || event.ctrlKey || event.metaKey || event.altKey) return;
      const id = Number(group.dataset.id);
      if (event.key === "Enter") {
        view.onSelect(id);
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        const step = event.key === "ArrowDown" ? 1 : -1;
        let next = id + step;
        while (next >= 0 && next < view.shapes.length && !view.shapes[next]) next += step;
        if (next >= 0 && next < view.shapes.length) view.focus(next);
      } else {
        return;
      }
      event.preventDefault();
      event.stopPropagation();
    });
    container.addEventListener("focusin", (event) => {
      const group = recordOf(event);
      if (group) view.setTabStop(Number(group.dataset.id));
    });
  },
};
