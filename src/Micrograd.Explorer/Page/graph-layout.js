// A graph's picture laid out in the page, for a graph the page built itself (an expression typed in the explorer), where no
// Graphviz layout was made: the same SVG structure as Graphviz's of the engine's DOT (DotWriter), which GraphView
// (graph-view.js) reads: a record per value (group n7: a polygon, then its label, data and grad texts, the last two those
// GraphView writes), an ellipse per op (group n7_op), the edge from an op to its value (titled n7_op->n7) and the edges into
// an op (ids e0, e1, …: the graph's edges numbered in node order, operands in order).
//
// The layout is layered: each value and op gets the longest path from a leaf as its layer (an op one layer after its
// operands, a value one after its op; a leaf one layer before its first use), then each layer is ordered by the barycentre of its neighbours' places, a few sweeps
// down and up; layers are placed along the direction (left to right or top to bottom) and centred across it. Sizes come
// from the number of characters: nothing is measured.
"use strict";

/* exported GraphLayout */
const GraphLayout = (() => {
  const SVG = "http://www.w3.org/2000/svg";
  const FONT = 14;
  const CHAR = 7.6; // about the width of a character of the font, in picture units
  const FIELD = 22 + 16 * CHAR; // a data or grad field: "data -1.2346e-05"
  const LINE = 24; // a record's field height when fields are stacked (top to bottom)
  const ROW = 36; // a record's height when its fields are side by side (left to right)
  const LAYER_GAP = { LR: 48, TB: 40 };
  const GAP = 26; // between neighbours in a layer (room for a value's name tag above its record)
  const MARGIN = 8;
  const SWEEPS = 4;

  function element(parent, name, attributes, text) {
    const e = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) e.setAttribute(key, String(value));
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }

  const round = (x) => Math.round(x * 100) / 100;

  /** The items to place: each drawn value's record and each drawn op's ellipse, with their layers and sizes. */
  function items(graph, direction) {
    const nodes = graph.nodes;
    const drawn = (id) => nodes[id].drawn !== false;
    const list = [];
    const record = new Array(nodes.length).fill(null);
    for (const node of nodes) {
      if (!drawn(node.id)) continue;
      const operands = node.operands.filter(drawn);
      const fields = (node.label === "" ? 0 : 1) + 2;
      const labelWidth = 16 + CHAR * node.label.length;
      const w = direction === "LR" ? FIELD * 2 + (node.label === "" ? 0 : labelWidth) : Math.max(FIELD, labelWidth);
      const h = direction === "LR" ? ROW : LINE * fields;
      if (node.op !== "") {
        const layer = Math.max(-1, ...operands.map((k) => record[k].layer)) + 1;
        const op = { kind: "op", id: node.id, layer, w: Math.max(54, 20 + CHAR * node.op.length), h: 36, in: operands.map((k) => record[k]), out: [] };
        for (const k of operands) record[k].out.push(op);
        list.push(op);
        record[node.id] = { kind: "record", id: node.id, layer: layer + 1, w, h, in: [op], out: [] };
        op.out.push(record[node.id]);
      } else {
        record[node.id] = { kind: "record", id: node.id, layer: 0, w, h, in: [], out: [] };
      }
      list.push(record[node.id]);
    }
    // a leaf one layer before its first use, rather than with every leaf in the first layer, far from a late use
    for (const item of list) if (item.kind === "record" && item.in.length === 0 && item.out.length > 0) item.layer = Math.min(...item.out.map((op) => op.layer)) - 1;
    return { list, record };
  }

  /** Orders each layer by barycentres, sweeping down (by the items before) and up (by the items after). */
  function order(list) {
    const layers = [];
    for (const item of list) (layers[item.layer] ||= []).push(item);
    const place = () => layers.forEach((layer) => layer.forEach((item, k) => { item.place = k; }));
    place();
    const centre = (item, side) => (item[side].length === 0 ? item.place : item[side].reduce((sum, other) => sum + other.place, 0) / item[side].length);
    for (let sweep = 0; sweep < SWEEPS; sweep++) {
      const down = sweep % 2 === 0;
      const sequence = down ? layers.slice(1) : layers.slice(0, -1).reverse();
      for (const layer of sequence) {
        const keys = new Map(layer.map((item) => [item, centre(item, down ? "in" : "out")]));
        layer.sort((a, b) => keys.get(a) - keys.get(b) || a.place - b.place);
        layer.forEach((item, k) => { item.place = k; });
      }
    }
    return layers;
  }

  /** Places the layers along the direction and each layer's items across it, centred; returns the picture's size. */
  function position(layers, direction) {
    const lr = direction === "LR";
    let along = MARGIN;
    let across = 0;
    for (const layer of layers) {
      const thickness = Math.max(...layer.map((item) => (lr ? item.w : item.h)));
      let at = 0;
      for (const item of layer) {
        item.along = along + thickness / 2;
        item.across = at + GAP + (lr ? item.h : item.w) / 2;
        at += GAP + (lr ? item.h : item.w);
      }
      layer.extent = at;
      across = Math.max(across, at);
      along += thickness + LAYER_GAP[direction];
    }
    for (const layer of layers) {
      for (const item of layer) {
        item.across += (across - layer.extent) / 2;
        [item.x, item.y] = lr ? [item.along, item.across] : [item.across, item.along];
      }
    }
    const length = along - LAYER_GAP[direction] + MARGIN;
    const breadth = across + MARGIN;
    return lr ? { w: length, h: breadth } : { w: breadth, h: length };
  }

  const text = (parent, x, y, content) =>
    element(parent, "text", { "text-anchor": "middle", x: round(x), y: round(y + FONT * 0.35), "font-family": "Times,serif", "font-size": "14.00" }, content);

  function drawRecord(parent, item, node, direction) {
    const group = element(parent, "g", { id: `n${item.id}`, class: "node" });
    element(group, "title", {}, `n${item.id}`);
    const [x0, y0, x1, y1] = [item.x - item.w / 2, item.y - item.h / 2, item.x + item.w / 2, item.y + item.h / 2].map(round);
    element(group, "polygon", { fill: "none", stroke: "black", points: `${x0},${y0} ${x0},${y1} ${x1},${y1} ${x1},${y0} ${x0},${y0}` });
    const fields = [...(node.label === "" ? [] : [node.label]), "data", "grad"];
    if (direction === "LR") {
      let x = x0;
      fields.forEach((field, k) => {
        const w = k < fields.length - 2 ? item.w - 2 * FIELD : FIELD;
        if (k > 0) element(group, "polyline", { fill: "none", stroke: "black", points: `${round(x)},${y0} ${round(x)},${y1} ` });
        text(group, x + w / 2, item.y, field);
        x += w;
      });
    } else {
      fields.forEach((field, k) => {
        const y = y0 + k * LINE;
        if (k > 0) element(group, "polyline", { fill: "none", stroke: "black", points: `${x0},${round(y)} ${x1},${round(y)} ` });
        text(group, item.x, y + LINE / 2, field);
      });
    }
  }

  function drawOp(parent, item, node) {
    const group = element(parent, "g", { id: `n${item.id}_op`, class: "node" });
    element(group, "title", {}, `n${item.id}_op`);
    element(group, "ellipse", { fill: "none", stroke: "black", cx: round(item.x), cy: round(item.y), rx: round(item.w / 2), ry: round(item.h / 2) });
    text(group, item.x, item.y, node.op);
  }

  /** An edge from one item to the next: a curve from the side facing it, and an arrowhead at the other's. */
  function drawEdge(parent, id, title, from, to, direction) {
    const group = element(parent, "g", { id, class: "edge" });
    element(group, "title", {}, title);
    const lr = direction === "LR";
    const start = lr ? [from.x + from.w / 2, from.y] : [from.x, from.y + from.h / 2];
    const tip = lr ? [to.x - to.w / 2, to.y] : [to.x, to.y - to.h / 2];
    const end = lr ? [tip[0] - 10, tip[1]] : [tip[0], tip[1] - 10];
    const middle = lr ? (start[0] + end[0]) / 2 : (start[1] + end[1]) / 2;
    const c1 = lr ? [middle, start[1]] : [start[0], middle];
    const c2 = lr ? [middle, end[1]] : [end[0], middle];
    const p = (point) => `${round(point[0])},${round(point[1])}`;
    element(group, "path", { fill: "none", stroke: "black", d: `M${p(start)}C${p(c1)} ${p(c2)} ${p(end)}` });
    const wings = lr ? [[end[0], end[1] - 3.5], [end[0], end[1] + 3.5]] : [[end[0] - 3.5, end[1]], [end[0] + 3.5, end[1]]];
    element(group, "polygon", { fill: "black", stroke: "black", points: `${p(wings[0])} ${p(tip)} ${p(wings[1])} ${p(wings[0])}` });
  }

  /** The picture of a graph model laid out in a direction ("LR" or "TB"), as the <template data-direction> GraphView reads. */
  function template(graph, direction) {
    const { list, record } = items(graph, direction);
    const size = position(order(list), direction);
    const svg = element(null, "svg", { width: `${round(size.w)}pt`, height: `${round(size.h)}pt`, viewBox: `0 0 ${round(size.w)} ${round(size.h)}` });
    const top = element(svg, "g", { id: "graph0", class: "graph" });
    element(top, "title", {}, "micrograd");
    let edge = 0;
    for (const node of graph.nodes) {
      const first = edge;
      edge += node.operands.length;
      const item = record[node.id];
      if (!item) continue;
      drawRecord(top, item, node, direction);
      if (node.op === "") continue;
      const op = item.in[0];
      drawOp(top, op, node);
      drawEdge(top, `edge${node.id}`, `n${node.id}_op->n${node.id}`, op, item, direction);
      node.operands.forEach((k, j) => {
        if (record[k]) drawEdge(top, `e${first + j}`, `n${k}->n${node.id}_op`, record[k], op, direction);
      });
    }
    const result = document.createElement("template");
    result.dataset.direction = direction;
    result.content.appendChild(svg);
    return result;
  }

  return Object.freeze({ template });
})();
