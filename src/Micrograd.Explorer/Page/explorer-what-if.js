// The explorer's what-if plot: for the selected leaf, the output as a function of that leaf over the what-if slider's range
// (the other leaves as they are now), at 101 points computed with the page's forward pass, so each equals the engine's
// value there; the point now; the tangent there, whose slope is the leaf's gradient from the backward pass; and the nudge
// check's secant through f(x − h) and f(x + h). A small SVG, drawn only when the leaf or a value changes: an idle page
// does no work. ← → (Home, End) on the plot, or a click on it, move the leaf to a plotted point.
"use strict";
/* global Numbers, PageKit */
/* exported ExplorerWhatIf */

const ExplorerWhatIf = Object.freeze({
  /** The number of points plotted: the slider's every 4th notch. */
  POINTS: 101,

  /** Adds to the page: drawWhatIf() (after a selection or a change of values) and whatIf (what the plot shows, or null). */
  attach(page) {
    const { short } = Numbers;
    const { $ } = PageKit;
    const { nodes, root, leafValue, editable, refName } = page;
    const POINTS = ExplorerWhatIf.POINTS;
    const SVG = "http://www.w3.org/2000/svg";
    // The plot's frame, in the SVG's units (its viewBox): the curve's box and the room for the axes' numbers and labels.
    const W = 260;
    const H = 170;
    const box = { left: 60, right: 252, top: 22, bottom: 132 };

    const plot = $("what-if-plot");
    const figure = $("what-if");
    /** The curve last computed: for a leaf, with the other leaves at given values (dragging the leaf keeps it). */
    let curve = null;
    page.whatIf = null;

    function element(name, attributes, text) {
      const e = document.createElementNS(SVG, name);
      for (const [key, value] of Object.entries(attributes)) e.setAttribute(key, String(value));
      if (text !== undefined) e.textContent = text;
      return e;
    }

    // A forward pass per point: on a big graph (up to 200,000 values) the points are computed a slice a frame, about this many
    // op evaluations each, the curve drawn as it grows; then nothing runs until the next change.
    const BUDGET = 400000;
    let fillFrame = 0;

    /**
     * The 101 points over the slider's range (as many as are computed yet), with this leaf's value left out of the key: the
     * curve does not depend on it, so dragging the leaf keeps it.
     */
    function curveFor(id, range) {
      const key = `${id}|${range.min}|${range.max}|${leafValue.map((v, k) => (k === id ? "" : String(v))).join(",")}`;
      if (curve && curve.key === key) return curve;
      curve = { key, id, range, xs: [], ys: [], slices: 0 };
      return curve;
    }

    /** Computes up to a frame's share of the curve's points; true when it has all of them. */
    function fill(c) {
      const share = Math.max(1, Math.floor(BUDGET / Math.max(1, nodes.length)));
      const end = Math.min(POINTS, c.xs.length + share);
      if (end > c.xs.length) c.slices++;
      for (let i = c.xs.length; i < end; i++) {
        const x = page.sliderValue(c.range, i / (POINTS - 1));
        c.xs.push(x);
        c.ys.push(page.outputAt(c.id, x));
      }
      return c.xs.length === POINTS;
    }

    function drawWhatIf() {
      const id = page.selected;
      const range = id >= 0 && editable(id) ? page.sliderRange(id) : null;
      figure.hidden = range === null;
      if (range === null) {
        page.whatIf = null;
        plot.replaceChildren();
        return;
      }
      const c = curveFor(id, range);
      const complete = fill(c);
      if (!complete && !fillFrame) {
        fillFrame = requestAnimationFrame(() => {
          fillFrame = 0;
          if (curve === c) drawWhatIf();
        });
      }
      const { xs, ys } = c;
      const x0 = leafValue[id];
      const y0 = page.run.data[root];
      const slope = page.run.grad[id];
      const secant = page.nudgePoints(id);
      page.whatIf = { leaf: id, xs, ys, complete, slices: c.slices, x: x0, y: y0, slope, secant };

      // The y range: the finite points and the point now, with a little room; a flat curve gets ±1.
      const finite = ys.filter(Number.isFinite);
      if (Number.isFinite(y0)) finite.push(y0);
      let low = finite.length > 0 ? Math.min(...finite) : -1;
      let high = finite.length > 0 ? Math.max(...finite) : 1;
      if (!(high > low)) {
        const pad = Math.max(1, Math.abs(low) * 0.1);
        low -= pad;
        high += pad;
      } else {
        const pad = (high - low) * 0.06;
        low -= pad;
        high += pad;
      }
      const sx = (x) => box.left + ((x - range.min) / (range.max - range.min)) * (box.right - box.left);
      const sy = (y) => box.bottom - ((y - low) / (high - low)) * (box.bottom - box.top);
      const point = (x, y) => `${sx(x).toFixed(2)},${sy(y).toFixed(2)}`;

      // The curve, broken where the output is NaN or infinite.
      let path = "";
      let open = false;
      for (let i = 0; i < xs.length; i++) {
        if (!Number.isFinite(ys[i])) {
          open = false;
          continue;
        }
        path += `${open ? "L" : "M"}${point(xs[i], ys[i])}`;
        open = true;
      }
      /**
       * A line through (x, y) with a slope, across the plot's width, cut where it leaves the plot's box (computed, not an SVG
       * clip path, which the page would have to refer to by a URL); null when it misses the box.
       */
      const line = (x, y, k, className) => {
        let from = range.min;
        let to = range.max;
        if (k !== 0) {
          const [a, b] = [x + (low - y) / k, x + (high - y) / k];
          from = Math.max(from, Math.min(a, b));
          to = Math.min(to, Math.max(a, b));
        } else if (y < low || y > high) return null;
        if (!(from <= to)) return null;
        return element("line", {
          class: className,
          x1: sx(from).toFixed(2), y1: sy(y + k * (from - x)).toFixed(2),
          x2: sx(to).toFixed(2), y2: sy(y + k * (to - x)).toFixed(2),
          "data-slope": String(k),
        });
      };

      const leaf = nodes[id].name;
      const output = nodes[root].name;
      const parts = [
        element("rect", { class: "frame", x: box.left, y: box.top, width: box.right - box.left, height: box.bottom - box.top }),
      ];
      // The axes' numbers: the range's ends, and the output's low and high.
      parts.push(
        element("text", { class: "tick", x: box.left, y: box.bottom + 14, "text-anchor": "start" }, short(range.min)),
        element("text", { class: "tick", x: box.right, y: box.bottom + 14, "text-anchor": "end" }, short(range.max)),
        element("text", { class: "tick", x: box.left - 4, y: box.top + 9, "text-anchor": "end" }, short(high)),
        element("text", { class: "tick", x: box.left - 4, y: box.bottom, "text-anchor": "end" }, short(low)),
        element("text", { class: "axis", x: (box.left + box.right) / 2, y: box.bottom + 30, "text-anchor": "middle" }, leaf),
        element("text", { class: "axis", x: 2, y: box.top - 8, "text-anchor": "start" }, `↑ ${output.length > 30 ? `${output.slice(0, 29)}…` : output}`),
      );
      const lines = [
        Number.isFinite(y0) && Number.isFinite(slope) ? line(x0, y0, slope, "tangent") : null,
        Number.isFinite(secant.estimate) && Number.isFinite(secant.down) ? line(secant.x - secant.h, secant.down, secant.estimate, "secant") : null,
      ];
      parts.push(...lines.filter((l) => l !== null));
      // the curve stays inside the box: its low and high are the finite outputs' least and greatest, padded
      parts.push(element("path", { class: "curve", d: path, "data-points": xs.length }));
      if (Number.isFinite(y0) && x0 >= range.min && x0 <= range.max) {
        parts.push(element("circle", { class: "now", cx: sx(x0).toFixed(2), cy: sy(y0).toFixed(2), r: 4 }));
      }
      plot.replaceChildren(...parts);

      const name = refName(id);
      plot.setAttribute("aria-label",
        `${output} as a function of ${leaf} from ${short(range.min)} to ${short(range.max)}, the other values as they are: ` +
        `now ${leaf} = ${short(x0)}, ${output} = ${short(y0)}; the tangent's slope is ${name}.grad = ${short(slope)}, ` +
        `the nudge check's secant's ${short(secant.estimate)}. ← → move ${leaf} to the plotted points.`);
      $("what-if-legend").replaceChildren(
        legend("curve", `${output} over ${leaf}'s range (${complete ? POINTS : `${xs.length} of ${POINTS}`} points, each the engine's value)`),
        legend("now", `now: ${leaf} = ${short(x0)}, ${output} = ${short(y0)}`),
        legend("tangent", `tangent: slope ${name}.grad = ${short(slope)}`),
        legend("secant", `secant of the nudge check (h = ${short(secant.h)}): slope ${short(secant.estimate)}`),
      );
    }

    function legend(className, text) {
      const span = document.createElement("span");
      span.className = className;
      span.textContent = text;
      return span;
    }

    /** Moves the leaf to the plotted point i (kept in range). */
    function moveTo(i) {
      const what = page.whatIf;
      if (!what || !what.complete) return;
      const index = Math.max(0, Math.min(POINTS - 1, i));
      page.setLeaves([[what.leaf, what.xs[index]]], true);
    }

    /** The plotted point nearest the leaf's value now (or below it, or above it). */
    function nearest(x, xs) {
      let best = 0;
      for (let i = 1; i < xs.length; i++) if (Math.abs(xs[i] - x) < Math.abs(xs[best] - x)) best = i;
      return best;
    }

    plot.addEventListener("keydown", (event) => {
      const what = page.whatIf;
      if (!what || !what.complete || event.ctrlKey || event.metaKey || event.altKey) return;
      const here = nearest(what.x, what.xs);
      const exact = what.xs[here] === what.x;
      const moves = {
        ArrowRight: () => moveTo(exact || what.xs[here] < what.x ? here + 1 : here),
        ArrowUp: () => moveTo(exact || what.xs[here] < what.x ? here + 1 : here),
        ArrowLeft: () => moveTo(exact || what.xs[here] > what.x ? here - 1 : here),
        ArrowDown: () => moveTo(exact || what.xs[here] > what.x ? here - 1 : here),
        Home: () => moveTo(0),
        End: () => moveTo(POINTS - 1),
      };
      const move = moves[event.key];
      if (!move) return;
      // The plot keeps these keys: the page's own (step, reset, end) would move through the passes instead.
      event.preventDefault();
      event.stopPropagation();
      move();
    });
    plot.addEventListener("click", (event) => {
      const what = page.whatIf;
      if (!what || !what.complete) return;
      const rect = plot.getBoundingClientRect();
      const x = ((event.clientX - rect.left) / rect.width) * W;
      const t = (x - box.left) / (box.right - box.left);
      moveTo(Math.round(t * (POINTS - 1)));
    });

    Object.assign(page, { drawWhatIf });
    plot.setAttribute("viewBox", `0 0 ${W} ${H}`);
  },
});
