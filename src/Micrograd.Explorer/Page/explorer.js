// micrograd explorer: steps through a graph's forward pass (each node's data, in topological order) and backward pass
// (the chain rule, node by node in reverse order), and recomputes both when a leaf is edited.
//
// The graph comes from the JSON in #graph-data; the op table from microgradOps(fma, pow), which the engine assembled from
// each op's JavaScript twin (declared next to the op's C# formulas). This file holds no op formulas of its own.
"use strict";

(() => {
  // ---------------------------------------------------------------------------------------------------------------
  // Exact arithmetic helpers that the op twins use: .NET's Math.FusedMultiplyAdd and Math.Pow.

  const bits = new DataView(new ArrayBuffer(8));

  /** A finite, non-zero double as [m, e] with x = m · 2^e exactly (m a signed BigInt). */
  function decompose(x) {
    bits.setFloat64(0, x);
    const hi = bits.getUint32(0);
    const lo = bits.getUint32(4);
    const biased = (hi >>> 20) & 0x7ff;
    let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
    let e = -1074;
    if (biased !== 0) {
      m |= 1n << 52n;
      e = biased - 1075;
    }
    return [hi >>> 31 ? -m : m, e];
  }

  /** 2^n for -1022 <= n <= 1023, built from its bits (exact). */
  function pow2(n) {
    bits.setUint32(0, (n + 1023) << 20);
    bits.setUint32(4, 0);
    return bits.getFloat64(0);
  }

  /** m · 2^e for 0 <= m <= 2^53 and e >= -1074, where the result is representable or overflows: exact. */
  function scale(m, e) {
    if (m === 0) return 0;
    if (e > 1023) return m * pow2(1023) * pow2(Math.min(e - 1023, 1023));
    if (e >= -1022) return m * pow2(e);
    return m * pow2(e + 64) * pow2(-64); // the first product is normal and exact; the second lands exactly on the result
  }

  /** The exact value n · 2^e (n a non-zero BigInt) rounded once to the nearest double, ties to even. */
  function round(n, e) {
    const negative = n < 0n;
    let m = negative ? -n : n;
    const shift = Math.max(m.toString(2).length - 53, -1074 - e);
    if (shift > 0) {
      const s = BigInt(shift);
      let q = m >> s;
      const rest = m - (q << s);
      const half = 1n << (s - 1n);
      if (rest > half || (rest === half && (q & 1n) === 1n)) q += 1n;
      m = q;
      e += shift;
    }
    const value = scale(Number(m), e);
    return negative ? -value : value;
  }

  /** a · b + c rounded once, as .NET's Math.FusedMultiplyAdd (and IEEE 754 fusedMultiplyAdd) computes it. */
  function fma(a, b, c) {
    if (!Number.isFinite(a) || !Number.isFinite(b)) return a * b + c; // an infinite or NaN product: no rounding involved
    if (!Number.isFinite(c)) return c; // the exact product is finite (even where a * b would overflow)
    if (a === 0 || b === 0) return a * b + c; // the product is an exact (signed) zero
    if (c === 0) return a * b; // one rounding of the exact product; its sign survives even if it underflows to zero
    const [ma, ea] = decompose(a);
    const [mb, eb] = decompose(b);
    const [mc, ec] = decompose(c);
    const ep = ea + eb;
    const e = Math.min(ep, ec);
    const n = ((ma * mb) << BigInt(ep - e)) + (mc << BigInt(ec - e));
    return n === 0n ? 0 : round(n, e);
  }

  /** x ** y as .NET's Math.Pow (IEEE 754 pow): like Math.pow except pow(1, y) = 1 for every y and pow(-1, ±∞) = 1. */
  function pow(x, y) {
    if (x === 1 || (x === -1 && (y === Infinity || y === -Infinity))) return 1;
    return Math.pow(x, y);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // How numbers are shown. The table shows every digit (the shortest text that reads back as the same double, as .NET's
  // "R"); the picture shows 4 decimals as the seed does (scientific below 1e-4 and from 1e9); formulas show 4 significant digits.

  /** Every digit: the shortest round-trip text; "-0" for negative zero; NaN, Infinity, -Infinity. */
  function full(x) {
    return Object.is(x, -0) ? "-0" : String(x);
  }

  /** 4 significant digits, without trailing zeros. */
  function short(x) {
    return Number.isFinite(x) && x !== 0 ? full(Number(x.toPrecision(4))) : full(x);
  }

  /** The picture's format: 4 decimals, or 4 decimals of scientific notation for magnitudes below 1e-4 or from 1e9. */
  function fixed4(x) {
    if (Number.isNaN(x)) return "NaN";
    if (x === Infinity) return "Infinity";
    if (x === -Infinity) return "-Infinity";
    if (Object.is(x, -0)) return "-0.0000";
    const a = Math.abs(x);
    return a === 0 || (a >= 1e-4 && a < 1e9) ? x.toFixed(4) : x.toExponential(4);
  }

  /** A number inside a formula: short, in parentheses when negative so that "(-3) ** 2" reads right. */
  function operandNumber(x) {
    const text = short(x);
    return text.startsWith("-") ? `(${text})` : text;
  }

  /** Reads a number as the command line does: 1.5, -3, 2e-4, NaN, Infinity, -Infinity, inf, -inf. */
  function parseNumber(text) {
    const t = text.trim().toLowerCase();
    if (t === "nan") return NaN;
    if (["inf", "+inf", "infinity", "+infinity"].includes(t)) return Infinity;
    if (t === "-inf" || t === "-infinity") return -Infinity;
    return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t) ? Number(t) : null;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The graph and the computation.

  const graph = JSON.parse(document.getElementById("graph-data").textContent, (key, value) =>
    (key === "data" || key === "grad" || key === "exponent") && typeof value === "string" ? Number(value) : value);
  const OPS = microgradOps(fma, pow);
  const nodes = graph.nodes;
  const n = nodes.length;
  const root = graph.root;
  const isLeaf = (node) => node.op === "";
  const leafValue = nodes.map((node) => (isLeaf(node) ? node.data : NaN));

  // Operand edges are numbered as in the picture (e0, e1, ...): by the user's id, then by operand position.
  const firstEdge = [];
  nodes.reduce((k, node) => {
    firstEdge.push(k);
    return k + node.operands.length;
  }, 0);

  /**
   * Both passes at the current leaf values, as the engine runs them: forward in topological order; backward with every
   * gradient at 0 and the root's at 1, then each node in reverse order adding g · ∂node/∂operand into each operand, in
   * operand order. Returns the data, and for each node the contributions it passes back (events).
   */
  function compute() {
    const data = new Array(n);
    for (const node of nodes) {
      data[node.id] = isLeaf(node) ? leafValue[node.id] : OPS[node.op].forward(node.operands.map((k) => data[k]));
    }
    const grad = new Array(n).fill(0);
    grad[root] = 1;
    const events = new Array(n);
    for (let id = n - 1; id >= 0; id--) {
      const node = nodes[id];
      const list = [];
      if (!isLeaf(node)) {
        const op = OPS[node.op];
        const values = node.operands.map((k) => data[k]);
        const y = data[id];
        const g = grad[id];
        node.operands.forEach((to, k) => {
          const contribution = op.backward(k, values, y, g);
          const local = op.backward(k, values, y, 1);
          const before = grad[to];
          grad[to] = before + contribution;
          list.push({ k, to, g, local, contribution, before, after: grad[to] });
        });
      }
      events[id] = list;
    }
    return { data, grad, events };
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Formulas as a person reads them.

  const refName = (id) => {
    const name = nodes[id].name;
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `(${name})`;
  };

  /** Fills {x}, {a}, {b}, {y}, {xs} in an op's text with each operand's and the result's "name.data" or number. */
  function fill(text, node, show) {
    const op = OPS[node.op];
    return text.replace(/\{(x|a|b|y|xs)\}/g, (_, key) => {
      if (key === "y") return show(node.id);
      if (key === "xs") return node.operands.map(show).join(", ");
      const k = op.operands.indexOf(key);
      return k >= 0 ? show(node.operands[k]) : `{${key}}`;
    });
  }

  function forwardLine(node, data) {
    if (isLeaf(node)) {
      return { formula: `${refName(node.id)}.data = ${short(data[node.id])}`, note: "a leaf: an input, a parameter or a constant; edit it in the table" };
    }
    const text = OPS[node.op].forwardText;
    const symbolic = fill(text, node, (id) => `${refName(id)}.data`);
    const numeric = fill(text, node, (id) => operandNumber(data[id]));
    return { formula: `${refName(node.id)}.data = ${symbolic} = ${numeric} = ${short(data[node.id])}` };
  }

  function backwardLines(node, run) {
    const lines = [];
    if (node.id === root) {
      lines.push({ formula: `${refName(root)}.grad = 1`, note: "the output: its gradient with respect to itself is 1" });
    }
    if (isLeaf(node)) {
      if (node.id !== root) {
        lines.push({ formula: `${refName(node.id)}.grad = ${short(run.grad[node.id])}`, note: "a leaf: nothing to pass back; its gradient is complete" });
      }
      return lines;
    }
    const op = OPS[node.op];
    for (const event of run.events[node.id]) {
      const text = op.derivativeText[op.operands === "xs" ? 0 : event.k];
      const derivative = fill(text, node, (id) => `${refName(id)}.data`);
      lines.push({
        formula: `${refName(event.to)}.grad += ${derivative} × ${refName(node.id)}.grad = ${operandNumber(event.local)} × ${operandNumber(event.g)} = ${short(event.contribution)}`,
        note: `${refName(event.to)}.grad: ${short(event.before)} → ${short(event.after)}`,
        total: true,
      });
    }
    return lines;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // State: step 0 is the start; steps 1..n are the forward pass; steps n+1..2n the backward pass.

  const totalSteps = 2 * n;
  let run = compute();
  let step = 0;
  let playing = false;
  let timer = null;
  let edited = false;
  let selected = -1;
  const speeds = [0.5, 1, 2, 4, 8, 16, 60];

  /** The node a step works on: node s-1 going forward, then the nodes in reverse order going backward. */
  const nodeAt = (s) => (s <= 0 ? -1 : s <= n ? s - 1 : totalSteps - s);

  /** Each node's gradient and number of contributions received after `s` steps, or null before the backward pass. */
  function gradientsAt(s) {
    if (s <= n) return null;
    const grad = new Array(n).fill(0);
    const count = new Array(n).fill(0);
    grad[root] = 1;
    for (let t = n + 1; t <= s; t++) {
      for (const event of run.events[nodeAt(t)]) {
        grad[event.to] = event.after;
        count[event.to]++;
      }
    }
    return { grad, count };
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The page's elements.

  const $ = (id) => document.getElementById(id);
  const svg = document.querySelector("#graph svg");
  const rows = $("rows");
  const lineList = $("lines");

  const shapes = nodes.map((node) => {
    const value = svg ? svg.getElementById(`n${node.id}`) : null;
    if (!value) return null;
    const texts = value.querySelectorAll("text");
    const data = texts[texts.length - 2];
    const grad = texts[texts.length - 1];
    data.classList.add("data");
    grad.classList.add("grad");
    const edges = node.operands.map((_, k) => svg.getElementById(`e${firstEdge[node.id] + k}`)).filter(Boolean);
    return { value, op: svg.getElementById(`n${node.id}_op`), data, grad, edges, shown: {} };
  });

  const cells = nodes.map((node) => {
    const row = document.createElement("tr");
    row.id = `row-${node.id}`;
    row.dataset.id = String(node.id);
    const cell = (cls, text) => {
      const td = document.createElement("td");
      td.className = cls;
      if (text !== undefined) td.textContent = text;
      row.appendChild(td);
      return td;
    };
    const name = cell("name", node.name);
    name.title = node.name;
    cell("op", node.op);
    const data = cell("data");
    let input = null;
    if (isLeaf(node)) {
      input = document.createElement("input");
      input.type = "text";
      input.spellcheck = false;
      input.inputMode = "decimal";
      input.setAttribute("aria-label", `data of ${node.name}`);
      input.value = full(leafValue[node.id]);
      input.addEventListener("change", () => editLeaf(node.id, input));
      data.appendChild(input);
    }
    const grad = cell("grad");
    const count = cell("count");
    rows.appendChild(row);
    return { row, data, input, grad, count, shown: {} };
  });

  /** Sets an element's text and class only when they change (a few hundred nodes are redrawn at every step). */
  function show(cache, key, element, text, changed) {
    const state = `${text}\u0000${changed}`;
    if (cache[key] === state) return;
    cache[key] = state;
    element.textContent = text;
    element.classList.toggle("changed", changed);
  }

  /** Sets an element's classes only when they change: most nodes keep theirs from one step to the next. */
  function mark(holder, element, classes) {
    const state = Object.entries(classes).map(([name, on]) => (on ? name : "")).join(" ");
    if (holder.marked === state) return;
    holder.marked = state;
    for (const [name, on] of Object.entries(classes)) element.classList.toggle(name, on);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Drawing a step.

  function render() {
    const current = nodeAt(step);
    const currentNode = current >= 0 ? nodes[current] : null;
    const operands = new Set(currentNode ? currentNode.operands : []);
    const forwardDone = Math.min(step, n);
    const gradients = gradientsAt(step);
    const receivers = new Set(step > n ? run.events[current].map((e) => e.to) : []);

    for (const node of nodes) {
      const id = node.id;
      const known = id < forwardDone;
      const dataText = known ? full(run.data[id]) : "";
      const gradText = gradients ? full(gradients.grad[id]) : "";
      const gradChanged = receivers.has(id) || (gradients !== null && id === root && current === root);

      const cell = cells[id];
      if (!cell.input) show(cell.shown, "data", cell.data, dataText, step <= n && id === current);
      show(cell.shown, "grad", cell.grad, gradText, gradChanged);
      show(cell.shown, "count", cell.count, gradients && gradients.count[id] > 0 ? `×${gradients.count[id]}` : "", false);
      mark(cell, cell.row, { current: id === current, operand: operands.has(id), selected: id === selected });

      const shape = shapes[id];
      if (shape) {
        show(shape.shown, "data", shape.data, `data ${known ? fixed4(run.data[id]) : "?"}`, step <= n && id === current);
        show(shape.shown, "grad", shape.grad, `grad ${gradients ? fixed4(gradients.grad[id]) : "?"}`, gradChanged);
        mark(shape, shape.value, { current: id === current, operand: operands.has(id), selected: id === selected, unknown: !known });
        if (shape.op) mark(shape.op, shape.op, { current: id === current });
        for (const edge of shape.edges) mark(edge, edge, { active: id === current });
      }
    }

    renderExplanation(currentNode);
    renderControls();
    if (current >= 0) reveal(current);
  }

  function renderExplanation(node) {
    let heading;
    let lines;
    if (!node) {
      heading = "Ready";
      lines = [{ formula: "Step → runs the forward pass: each node's data, in topological order.", note: "Then the backward pass applies the chain rule, node by node in reverse order." }];
    } else if (step <= n) {
      heading = `Forward · step ${step} of ${n} · ${node.name}`;
      lines = [forwardLine(node, run.data)];
    } else {
      heading = `Backward · step ${step - n} of ${n} · ${node.name}`;
      lines = backwardLines(node, { grad: gradientsAt(step).grad, events: run.events });
    }
    $("phase").textContent = heading;
    lineList.replaceChildren(...lines.map((line) => {
      const li = document.createElement("li");
      li.className = "line";
      const formula = document.createElement("span");
      formula.className = "formula";
      formula.textContent = line.formula;
      li.appendChild(formula);
      if (line.note) {
        const note = document.createElement("span");
        note.className = line.total ? "note total" : "note";
        note.textContent = line.note;
        li.appendChild(note);
      }
      return li;
    }));
  }

  function renderControls() {
    $("back").disabled = step === 0;
    $("reset").disabled = step === 0;
    $("step").disabled = step === totalSteps;
    $("end").disabled = step === totalSteps;
    $("play").textContent = playing ? "⏸ Pause" : "▶ Play";
    $("play").setAttribute("aria-pressed", String(playing));
    const phase = step === 0 ? "start" : step <= n ? "forward" : step < totalSteps ? "backward" : "done";
    document.body.dataset.phase = phase;
    document.body.dataset.step = String(step);
    document.body.dataset.playing = String(playing);
    $("progress").textContent = `step ${step} / ${totalSteps} · ${phase}`;
    $("position").max = String(totalSteps);
    $("position").value = String(step);
  }

  function setStep(s) {
    step = Math.max(0, Math.min(totalSteps, s));
    if (step === totalSteps) pause();
    render();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Play, pause, speed.

  function speed() {
    return speeds[Number($("speed").value)];
  }

  function showSpeed() {
    const s = speed();
    $("speed-value").textContent = `${s} step${s === 1 ? "" : "s"}/s`;
  }

  function tick() {
    timer = null;
    if (!playing) return;
    setStep(step + 1);
    if (playing) timer = setTimeout(tick, 1000 / speed());
  }

  function play() {
    if (playing) return;
    if (step === totalSteps) step = 0;
    playing = true;
    render();
    timer = setTimeout(tick, 1000 / speed());
  }

  function pause() {
    playing = false;
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  function togglePlay() {
    if (playing) {
      pause();
      render();
    } else {
      play();
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Editing a leaf: both passes are recomputed at the new point, and the page shows the finished passes.

  function editLeaf(id, input) {
    const value = parseNumber(input.value);
    if (value === null) {
      input.classList.add("invalid");
      input.setAttribute("aria-invalid", "true");
      $("phase").textContent = `“${input.value}” is not a number`;
      lineList.replaceChildren();
      const li = document.createElement("li");
      li.className = "line";
      li.innerHTML = '<span class="note error"></span>';
      li.firstChild.textContent = "Write a number such as 1.5, -3, 2e-4, NaN, Infinity or -Infinity.";
      lineList.appendChild(li);
      return;
    }
    input.classList.remove("invalid");
    input.removeAttribute("aria-invalid");
    input.value = full(value);
    leafValue[id] = value;
    run = compute();
    edited = true;
    showCheck();
    pause();
    setStep(totalSteps);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Does the page compute what the engine computed? Compared bit for bit at the point the page was made.

  function showCheck() {
    const check = $("check");
    if (edited) {
      check.className = "edited";
      check.textContent = "edited: both passes recomputed in the page";
      return;
    }
    let differ = 0;
    for (const node of nodes) {
      if (!Object.is(run.data[node.id], node.data)) differ++;
      if (!Object.is(run.grad[node.id], node.grad)) differ++;
    }
    check.className = differ === 0 ? "agree" : "differ";
    check.textContent = differ === 0
      ? `✓ all ${2 * n} numbers equal the engine's, bit for bit`
      : `⚠ ${differ} of ${2 * n} numbers differ from the engine's in the last digits (this browser's Math library)`;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Pan and zoom: the picture's viewBox follows the wheel, drags and the zoom buttons; the current node is kept in view.

  const view = { x: 0, y: 0, w: 1, h: 1 };
  const whole = { x: 0, y: 0, w: 1, h: 1 };
  let toPicture = null; // from a node's coordinates to the picture's (Graphviz translates its top group)

  function applyView() {
    svg.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
  }

  function fit() {
    Object.assign(view, whole);
    applyView();
  }

  function clientToPicture(clientX, clientY) {
    const point = svg.createSVGPoint();
    point.x = clientX;
    point.y = clientY;
    return point.matrixTransform(svg.getScreenCTM().inverse());
  }

  function zoomAt(center, factor) {
    const limit = Math.max(whole.w, whole.h);
    const w = Math.min(Math.max(view.w * factor, limit / 200), limit * 4);
    const f = w / view.w;
    view.x = center.x - (center.x - view.x) * f;
    view.y = center.y - (center.y - view.y) * f;
    view.w *= f;
    view.h *= f;
    applyView();
  }

  function zoomCentered(factor) {
    zoomAt({ x: view.x + view.w / 2, y: view.y + view.h / 2 }, factor);
  }

  /** A node's box in the picture's coordinates. */
  function boxOf(id) {
    const shape = shapes[id];
    if (!shape) return null;
    const b = shape.value.getBBox();
    const p = new DOMPoint(b.x, b.y).matrixTransform(toPicture);
    const q = new DOMPoint(b.x + b.width, b.y + b.height).matrixTransform(toPicture);
    return { x: Math.min(p.x, q.x), y: Math.min(p.y, q.y), w: Math.abs(q.x - p.x), h: Math.abs(q.y - p.y) };
  }

  /** Pans (keeping the zoom) so that the node is in view, if it is not already; scrolls its table row into view too. */
  function reveal(id) {
    const panel = $("values");
    const r = cells[id].row.getBoundingClientRect();
    const p = panel.getBoundingClientRect();
    const header = panel.querySelector("thead").getBoundingClientRect().height;
    if (r.top < p.top + header || r.bottom > p.bottom) panel.scrollTop += r.top - p.top - p.height / 2;
    const box = svg && toPicture ? boxOf(id) : null;
    if (!box) return;
    // Inside what is visible (with "meet", more than the viewBox in one direction), with a margin that need not reach past
    // the picture's own edges: then the whole picture, fitted, never moves.
    const rect = svg.getBoundingClientRect();
    const a = clientToPicture(rect.left, rect.top);
    const b = clientToPicture(rect.right, rect.bottom);
    const margin = Math.min(b.x - a.x, b.y - a.y) * 0.04;
    const inside = Math.max(box.x - margin, whole.x) >= a.x && Math.max(box.y - margin, whole.y) >= a.y &&
      Math.min(box.x + box.w + margin, whole.x + whole.w) <= b.x && Math.min(box.y + box.h + margin, whole.y + whole.h) <= b.y;
    if (inside) return;
    const clamp = (start, size, wholeStart, wholeSize) =>
      size >= wholeSize ? wholeStart + (wholeSize - size) / 2 : Math.min(Math.max(start, wholeStart), wholeStart + wholeSize - size);
    view.x = clamp(box.x + box.w / 2 - view.w / 2, view.w, whole.x, whole.w);
    view.y = clamp(box.y + box.h / 2 - view.h / 2, view.h, whole.y, whole.h);
    applyView();
  }

  function setUpPicture() {
    if (!svg) return;
    const box = svg.viewBox.baseVal;
    Object.assign(whole, { x: box.x, y: box.y, w: box.width, h: box.height });
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
    const top = svg.querySelector("g.graph");
    toPicture = top ? top.transform.baseVal.consolidate()?.matrix ?? new DOMMatrix() : new DOMMatrix();
    toPicture = DOMMatrix.fromMatrix(toPicture);
    fit();

    // Unlabelled values get their id written next to them, so that "tanh#5" can be found in the picture.
    for (const node of nodes) {
      const shape = shapes[node.id];
      if (!shape || node.label !== "") continue;
      const b = shape.value.getBBox();
      const tag = document.createElementNS("http://www.w3.org/2000/svg", "text");
      tag.setAttribute("class", "tag");
      tag.setAttribute("x", String(b.x + 2));
      tag.setAttribute("y", String(b.y - 2));
      tag.textContent = `#${node.id}`;
      shape.value.appendChild(tag);
    }

    svg.addEventListener("wheel", (event) => {
      event.preventDefault();
      zoomAt(clientToPicture(event.clientX, event.clientY), Math.exp(event.deltaY * 0.0015));
    }, { passive: false });

    let drag = null;
    svg.addEventListener("pointerdown", (event) => {
      if (event.button !== 0) return;
      drag = { x: event.clientX, y: event.clientY, moved: false, target: event.target };
      svg.setPointerCapture(event.pointerId);
    });
    svg.addEventListener("pointermove", (event) => {
      if (!drag) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 3) return;
      drag.moved = true;
      svg.classList.add("dragging");
      const unit = 1 / svg.getScreenCTM().a;
      view.x -= dx * unit;
      view.y -= dy * unit;
      drag.x = event.clientX;
      drag.y = event.clientY;
      applyView();
    });
    const endDrag = (event) => {
      if (!drag) return;
      if (!drag.moved && event.type === "pointerup") select(drag.target);
      drag = null;
      svg.classList.remove("dragging");
    };
    svg.addEventListener("pointerup", endDrag);
    svg.addEventListener("pointercancel", endDrag);
  }

  /** A click on a node selects it: its table row is marked and scrolled to, and a leaf's input gets the focus. */
  function select(target) {
    const group = target instanceof Element ? target.closest("g.node") : null;
    const match = group ? /^n(\d+)(_op)?$/.exec(group.id) : null;
    selected = match ? Number(match[1]) : -1;
    render();
    if (selected >= 0) {
      cells[selected].row.scrollIntoView({ block: "nearest" });
      if (cells[selected].input) cells[selected].input.focus();
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Buttons and keys.

  function on(id, action) {
    $(id).addEventListener("click", (event) => {
      action();
      if (event.detail > 0) event.currentTarget.blur(); // a mouse click leaves the keys to the page
    });
  }

  on("reset", () => { pause(); setStep(0); });
  on("back", () => { pause(); setStep(step - 1); });
  on("step", () => { pause(); setStep(step + 1); });
  on("end", () => { pause(); setStep(totalSteps); });
  on("play", togglePlay);
  on("zoom-in", () => zoomCentered(1 / 1.25));
  on("zoom-out", () => zoomCentered(1.25));
  on("zoom-fit", fit);
  $("speed").addEventListener("input", showSpeed);
  $("position").addEventListener("input", () => { pause(); setStep(Number($("position").value)); });

  const sliderKeys = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown"]);
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    // Text fields keep their keys; sliders keep the keys that move them and leave the others to the page.
    if (target instanceof HTMLTextAreaElement) return;
    if (target instanceof HTMLInputElement && (target.type !== "range" || sliderKeys.has(event.key))) return;
    if (target instanceof HTMLButtonElement && (event.key === " " || event.key === "Enter")) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const actions = {
      ArrowRight: () => { pause(); setStep(step + 1); },
      ArrowLeft: () => { pause(); setStep(step - 1); },
      " ": togglePlay,
      Home: () => { pause(); setStep(0); },
      End: () => { pause(); setStep(totalSteps); },
      "+": () => zoomCentered(1 / 1.25),
      "=": () => zoomCentered(1 / 1.25),
      "-": () => zoomCentered(1.25),
      "0": fit,
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });

  // ---------------------------------------------------------------------------------------------------------------

  setUpPicture();
  showSpeed();
  showCheck();
  render();

  // For scripts and tests: the op table and helpers the page computes with, and its state.
  window.explorer = {
    ops: OPS,
    fma,
    pow,
    format: { full, short, fixed4 },
    get step() { return step; },
    get steps() { return totalSteps; },
    get playing() { return playing; },
  };
})();
