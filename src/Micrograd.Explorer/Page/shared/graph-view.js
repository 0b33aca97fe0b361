// The graph picture, shared by micrograd's pages: Graphviz's SVG of a graph (laid out left to right and top to bottom when
// the page was made), with each value's data and grad text, the highlight of a step, pan and zoom, following a node, and
// selecting nodes by click or keyboard.
//
// Speed: the picture can hold thousands of nodes, so nothing here reads layout while stepping. Every node's box is read
// once from Graphviz's own coordinates, and each call touches only the elements whose text or classes change; pan and
// zoom are PictureView's (picture-view.js), which moves the picture with a CSS transform.
"use strict";
/* global GraphKeys, Minimap, PictureView */

/* exported GraphView */
class GraphView extends PictureView {
  /**
   * @param {HTMLElement} container  The element the picture fills; it holds the layouts as <template> elements.
   * @param {object} options
   *   nodes: the graph model's nodes (ids, operands), in topological order;
   *   names: each node's name; tags: ids whose name is written next to their record (values without a label);
   *   describe: (direction) => the picture's accessible label;
   *   onSelect: (id) => called when a value (or the op that made it) is clicked, or chosen with Enter;
   *   aliasOf: (id) => a tagged value's short alias (v2), written before its name in its tag, or null;
   *   groups: the neurons the neuron-level picture (layout "N") draws as one box each ({ output, members, inputs }).
   */
  constructor(container, options) {
    super(container);
    this.nodes = options.nodes;
    this.names = options.names;
    this.tags = new Set(options.tags || []);
    this.describe = options.describe || (() => "The graph");
    this.onSelect = options.onSelect || (() => {});
    this.aliasOf = options.aliasOf || (() => null);
    this.groups = options.groups || [];
    this.groupOf = new Map(this.groups.flatMap((group) => group.members.map((id) => [id, group.output])));
    this.layouts = {};
    for (const template of container.querySelectorAll("template[data-direction]")) this.layouts[template.dataset.direction] = template;
    this.firstEdge = [];
    this.nodes.reduce((k, node) => {
      this.firstEdge.push(k);
      return k + node.operands.length;
    }, 0);
    this.shapes = [];
    this.direction = null;
    this.lit = { current: -1, operands: [], flowing: false };
    this.selected = -1;
    this.tabStop = -1;
    this.minimap = new Minimap(this);
    GraphKeys.listen(this);
  }

  moved() {
    this.minimap?.update();
  }

  /** The directions this picture was laid out in ("LR", "TB"). */
  get directions() {
    return Object.keys(this.layouts);
  }

  /** Whether a value is drawn. */
  drawn(id) {
    return Boolean(this.shapes[id]);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Layouts.

  /** The scale (screen pixels per picture unit) at which a layout fits the picture's area whole. */
  fitScale(direction) {
    const svg = this.layouts[direction]?.content.querySelector("svg");
    const box = svg ? (svg.getAttribute("viewBox") || "").trim().split(/[\s,]+/).map(Number) : [];
    const size = this.measure();
    if (box.length !== 4 || !(box[2] > 0) || !(box[3] > 0) || size.w === 0) return 0;
    return Math.min(size.w / box[2], size.h / box[3]);
  }

  /**
   * The direction to open in: the one asked for, unless it is left to right and would be too small to read fitted while
   * top to bottom would not (or would at least be larger).
   */
  chooseDirection(preferred, readablePixels) {
    if (!this.layouts[preferred]) preferred = this.directions[0];
    if (preferred !== "LR" || !this.layouts.TB) return preferred;
    const lr = this.fitScale("LR") * this.fontSize;
    const tb = this.fitScale("TB") * this.fontSize;
    return lr < readablePixels && tb > lr * 1.25 ? "TB" : preferred;
  }

  /** Shows the picture laid out in a direction. Texts and highlights are drawn afresh by the caller. */
  setDirection(direction) {
    if (!this.layouts[direction] || direction === this.direction) return;
    const svg = this.layouts[direction].content.querySelector("svg").cloneNode(true);
    if (this.svg) this.svg.remove();
    this.svg = svg;
    this.direction = direction;
    this.container.appendChild(svg);

    const box = svg.viewBox.baseVal;
    Object.assign(this.whole, { x: box.x, y: box.y, w: box.width, h: box.height });
    // One picture unit is one CSS pixel; the transform places and scales it (apply()).
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    svg.style.width = `${box.width}px`;
    svg.style.height = `${box.height}px`;
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", this.describe(direction));
    const top = svg.querySelector("g.graph");
    const matrix = top && top.transform.baseVal.consolidate() ? top.transform.baseVal.consolidate().matrix : new DOMMatrix();
    this.toPicture = DOMMatrix.fromMatrix(matrix);
    const text = svg.querySelector("g.node text");
    this.fontSize = text ? Number(text.getAttribute("font-size")) || 14 : 14;

    this.shapes = this.nodes.map(() => null);
    const ops = new Map();
    const copies = [];
    for (const group of svg.querySelectorAll("g.node")) {
      // a value's record n7, the op that made it n7_op, and a copy n7_e12 drawn next to a far use (DotWriter)
      const match = /^n(\d+)(_op|_e\d+)?$/.exec(group.id);
      if (!match) continue;
      const id = Number(match[1]);
      group.dataset.id = String(id);
      if (match[2] === "_op") ops.set(id, group);
      else if (match[2]) copies.push([id, GraphView.record(group)]);
      else this.shapes[id] = { ...GraphView.record(group), op: null, edges: [], out: null, box: this.boxOf(group), copies: [] };
      if (match[2]) continue;
      group.setAttribute("tabindex", "-1");
      group.setAttribute("aria-label", this.names[id]);
    }
    for (const [id, group] of ops) if (this.shapes[id]) this.shapes[id].op = group;
    for (const [id, copy] of copies) this.shapes[id]?.copies.push(copy);
    for (const edge of svg.querySelectorAll("g.edge")) {
      const title = edge.querySelector("title");
      const match = title ? /^n(\d+)_op->n(\d+)$/.exec(title.textContent.trim()) : null;
      if (match && this.shapes[Number(match[2])]) this.shapes[Number(match[2])].out = edge;
    }
    this.nodes.forEach((node, id) => {
      const shape = this.shapes[id];
      if (!shape) return;
      node.operands.forEach((_, k) => {
        const edge = svg.getElementById(`e${this.firstEdge[id] + k}`);
        if (edge) shape.edges.push(edge);
      });
    });
    for (const group of this.groups) {
      const edges = this.shapes[group.output] ? group.inputs.map((_, k) => svg.getElementById(`n${group.output}_in${k}`)) : [];
      for (const edge of edges) if (edge) this.shapes[group.output].edges.push(edge);
    }
    for (const id of this.tags) this.addTag(id);

    this.lit = { current: -1, operands: [], flowing: false };
    const selected = this.selected;
    this.selected = -1;
    this.select(selected);
    const stop = this.tabStop;
    this.tabStop = -1;
    this.setTabStop(stop >= 0 ? stop : this.shapes.findIndex(Boolean));
    this.measure(true);
    this.minimap.layout();
    this.apply();
  }

  /** A value record's group and its data and grad texts (the last two). */
  static record(group) {
    const texts = group.querySelectorAll("text");
    texts[texts.length - 2].classList.add("data");
    texts[texts.length - 1].classList.add("grad");
    return { group, data: texts[texts.length - 2], grad: texts[texts.length - 1], shown: {} };
  }

  /** A value record's box in its group's coordinates, from Graphviz's polygon (no layout is read). */
  boxOf(group) {
    const polygon = group.querySelector("polygon");
    const points = polygon ? polygon.getAttribute("points").trim().split(/[\s,]+/).map(Number) : [0, 0];
    const xs = points.filter((_, i) => i % 2 === 0);
    const ys = points.filter((_, i) => i % 2 === 1);
    const raw = { x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) };
    const p = new DOMPoint(raw.x, raw.y).matrixTransform(this.toPicture);
    const q = new DOMPoint(raw.x + raw.w, raw.y + raw.h).matrixTransform(this.toPicture);
    return { raw, x: Math.min(p.x, q.x), y: Math.min(p.y, q.y), w: Math.abs(q.x - p.x), h: Math.abs(q.y - p.y) };
  }

  /** Writes a value's name just above its record. */
  addTag(id) {
    const shape = this.shapes[id];
    if (!shape) return;
    const tag = document.createElementNS("http://www.w3.org/2000/svg", "text");
    tag.setAttribute("class", "tag");
    tag.setAttribute("x", String(shape.box.raw.x + 2));
    // Its descenders (an underscore) clear the record's top line, which would hide them.
    tag.setAttribute("y", String(shape.box.raw.y - 6));
    // As long as the record is wide (11 px monospace: about 6.6 units a character), so that tags never run into each other.
    const alias = this.aliasOf(id);
    const name = alias ? `${alias} = ${this.names[id]}` : this.names[id];
    const room = Math.max(4, Math.floor(shape.box.raw.w / 6.6));
    tag.textContent = name.length > room ? `${name.slice(0, room - 1)}…` : name;
    if (tag.textContent !== name) tag.appendChild(document.createElementNS("http://www.w3.org/2000/svg", "title")).textContent = name;
    shape.group.appendChild(tag);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // What a step changes.

  /**
   * Sets a value's "data …" or "grad …" text (kind "data" or "grad") and its marks: changed (just computed), bad (NaN or
   * infinite), unknown (not computed yet). Does nothing when the value is not drawn or nothing changed.
   */
  setText(id, kind, text, marks) {
    for (const record of this.records(id)) {
      GraphView.showText(record.shown, kind, record[kind], text, { changed: marks.changed, bad: marks.bad, unknown: marks.unknown });
    }
  }

  /**
   * Sets an element's text and its marks (class name → on or off), touching the element only when they differ from what
   * `shown[key]` remembers being shown last. The pages' tables use it too.
   */
  static showText(shown, key, element, text, marks) {
    let state = `${text}\u0000`;
    for (const mark in marks) state += marks[mark] ? "1" : "0";
    if (shown[key] === state) return;
    shown[key] = state;
    element.textContent = text;
    for (const mark in marks) element.classList.toggle(mark, Boolean(marks[mark]));
  }

  /**
   * Highlights a step: the current node (its record, op and the edges into it), its operands, and, going backward, the
   * gradient flowing from the node back along those edges; a value in a neuron's box lights the box (shownAs). -1
   * highlights nothing. Only elements that change are touched.
   */
  highlight(value, inputs, flowing) {
    const current = this.shownAs(value);
    const operands = [...new Set(inputs.map((id) => this.shownAs(id)))].filter((id) => id >= 0 && id !== current);
    const old = this.lit;
    if (old.current === current && old.flowing === flowing && old.operands.length === operands.length &&
        old.operands.every((id, i) => id === operands[i])) return;
    this.mark(old.current, old.operands, false, false);
    this.lit = { current, operands: operands.slice(), flowing };
    this.mark(current, operands, true, flowing);
    this.minimap.update();
  }

  /** The id of the record that shows a value: its own, or its neuron's box (layout "N"); -1 when neither is drawn. */
  shownAs(id) {
    if (this.shapes[id] || this.direction !== "N") return this.shapes[id] ? id : -1;
    const box = this.groupOf.get(id);
    return box !== undefined && this.shapes[box] ? box : -1;
  }

  /** A value's record and its copies; none when it is not drawn. */
  records(id) {
    const shape = this.shapes[id];
    return shape ? [shape, ...shape.copies] : [];
  }

  mark(current, operands, on, flowing) {
    for (const id of operands) for (const record of this.records(id)) record.group.classList.toggle("operand", on);
    const shape = this.shapes[current];
    if (!shape) return;
    shape.group.classList.toggle("current", on);
    if (shape.op) shape.op.classList.toggle("current", on);
    for (const edge of shape.out ? [...shape.edges, shape.out] : shape.edges) {
      edge.classList.toggle("active", on);
      edge.classList.toggle("flow", on && flowing);
    }
  }

  /** Marks the selected value (-1 for none). */
  select(id) {
    if (id === this.selected) return;
    for (const record of this.records(this.selected)) record.group.classList.remove("selected");
    this.selected = id;
    for (const record of this.records(id)) record.group.classList.add("selected");
  }

  /** The value that Tab reaches in the picture (one tab stop; ↑ ↓ move between values from there). */
  setTabStop(id) {
    if (id === this.tabStop || !this.shapes[id]) return;
    this.shapes[this.tabStop]?.group.setAttribute("tabindex", "-1");
    this.tabStop = id;
    this.shapes[id].group.setAttribute("tabindex", "0");
  }

  /** Moves the keyboard focus to a value's record. */
  focus(id) {
    const shape = this.shapes[id];
    if (!shape) return;
    this.setTabStop(id);
    this.reveal(id);
    shape.group.focus({ preventScroll: true });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Following a value.

  /**
   * Shows the picture at a scale where its text is `pixels` high around a value (the whole picture when it is readable
   * fitted): how a big graph opens.
   */
  readableAround(id, pixels) {
    const shape = this.shapes[id];
    this.readableAroundBox(shape ? shape.box : null, pixels);
  }

  /** Pans (keeping the zoom) so that a value is on screen, if it is not already. Reads no layout. */
  reveal(id) {
    const shape = this.shapes[id];
    if (shape) this.revealBox(shape.box);
  }

  /** Pans so that a step's value and its operands are on screen together where they fit at this zoom (else the value). */
  frame(id, operands) {
    const shown = [id, ...operands].map((k) => this.shownAs(k));
    if (shown[0] >= 0) this.revealBoxes(shown.filter((k) => k >= 0).map((k) => this.shapes[k].box));
  }

  /** A click on a value (or the op that made it) selects it. */
  clicked(target) {
    const group = target instanceof Element ? target.closest("g.node[data-id]") : null;
    if (group) this.onSelect(Number(group.dataset.id));
  }
}
