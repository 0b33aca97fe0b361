// micrograd explorer: steps through a graph's forward pass (each node's data, in topological order) and backward pass (the
// chain rule, node by node in reverse order: local derivative × upstream gradient), and lets a learner change leaves: type
// a value, drag a what-if slider, check a gradient by nudging, or take a learning step.
//
// Built on the shared files: Numbers (numbers.js), PageKit (page-kit.js: the pages' plumbing), GraphPasses
// (graph-passes.js: both passes and the steps through them) and GraphView (graph-view.js: the picture); the explanation's
// texts come from Explanation (explanation.js). The op table comes from microgradOps(fma, pow), which the engine assembled
// from each op's JavaScript twin; this file holds no op formulas of its own.
"use strict";
/* global Numbers, PageKit, GraphPasses, GraphView, Player, Explanation, microgradOps */

(() => {
  const { full, short, fixed4, parse, isBad } = Numbers;
  const { $, on } = PageKit;

  // ---------------------------------------------------------------------------------------------------------------
  // The graph, its numbers, and the steps.

  const graph = GraphPasses.readModel(JSON.parse($("graph-data").textContent));
  const OPS = microgradOps(Numbers.fma, Numbers.pow);
  const nodes = graph.nodes;
  const n = nodes.length;
  const root = graph.root;
  const isLeaf = GraphPasses.isLeaf;
  // A leaf that a stored node depends on (one whose op has no JavaScript twin) cannot be changed: the page could not
  // recompute that node. Its numbers stay the engine's.
  const feedsStored = GraphPasses.feedsStored(graph);
  // Nor can any leaf while a node has a gradient hook: its hooks' input depends on the whole graph, and the page cannot
  // rerun them (C# functions). Their results are the engine's.
  const hookedNames = nodes.filter(GraphPasses.isHooked).map((node) => node.name);
  const editable = (id) => isLeaf(nodes[id]) && !nodes[id].constant && !feedsStored[id] && hookedNames.length === 0;
  const original = nodes.map((node) => (isLeaf(node) ? node.data : NaN));
  const leafValue = original.slice();

  let run = GraphPasses.compute(graph, OPS, leafValue);
  const engine = new GraphPasses.StepEngine(graph);
  engine.setRun(run);

  /** The text height, in screen pixels, at which a picture is readable; smaller and it opens zoomed in. */
  const READABLE_PIXELS = 11;
  const OPEN_PIXELS = 13;
  const speeds = [0.5, 1, 2, 4, 8, 16, 60];

  const explanation = Explanation.create(graph, OPS);
  const refName = explanation.refName;

  /** The title, with the point's values as they are now. */
  function titleText() {
    const point = (graph.point || []).map((id) => `${nodes[id].name}=${full(leafValue[id])}`);
    return point.length > 0 ? `${graph.title} at ${point.join(", ")}` : graph.title;
  }

  function renderExplanation() {
    const { heading, lines } = explanation.at(engine, run, (id) => view.drawn(id) || !view.svg);
    $("phase").textContent = heading;
    $("lines").replaceChildren(...lines.map(Explanation.item));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The picture and the table.

  const view = new GraphView($("graph"), {
    nodes,
    names: nodes.map((node) => node.name),
    tags: nodes.filter((node) => node.label === "" && !node.constant).map((node) => node.id),
    describe: (direction) => `The graph of ${graph.title}: ${n} value${n === 1 ? "" : "s"}, laid out ${direction === "TB" ? "top to bottom" : "left to right"}`,
    onSelect: (id) => select(id),
  });

  const learnBoxes = [];
  const cells = nodes.map((node) => {
    const row = document.createElement("tr");
    row.setAttribute("role", "row");
    row.id = `row-${node.id}`;
    row.dataset.id = String(node.id);
    const cell = (cls, text) => {
      const td = document.createElement("td");
      td.setAttribute("role", "cell");
      td.className = cls;
      if (text !== undefined) td.textContent = text;
      row.appendChild(td);
      return td;
    };
    // A number and its marks change inside a box of fixed size, so that the table is not laid out again (a 2,000-row
    // table takes 140 ms): the text span sits in a span with `contain: strict`.
    const number = (cls) => {
      const box = document.createElement("span");
      box.className = "v";
      const text = document.createElement("span");
      box.appendChild(text);
      cell(cls).appendChild(box);
      return text;
    };
    const name = cell("name");
    if (editable(node.id)) {
      const box = document.createElement("input");
      box.type = "checkbox";
      box.checked = true;
      box.className = "learn";
      box.title = "Change this leaf in a learning step";
      box.setAttribute("aria-label", `learn ${node.name}`);
      box.dataset.id = String(node.id);
      learnBoxes.push(box);
      name.appendChild(box);
    }
    const label = document.createElement("span");
    label.className = "label";
    label.textContent = node.name;
    name.appendChild(label);
    name.title = node.name;
    cell("op", node.op);
    let data = null;
    let input = null;
    if (!editable(node.id)) {
      data = number("data");
    } else {
      input = document.createElement("input");
      input.type = "text";
      input.spellcheck = false;
      input.inputMode = "decimal";
      input.setAttribute("aria-label", `data of ${node.name}`);
      input.value = full(leafValue[node.id]);
      listenToLeafInput(node.id, input);
      cell("data").appendChild(input);
    }
    const grad = number("grad");
    const count = number("count");
    return { row, name, data, input, grad, count, shown: {} };
  });
  $("rows").append(...cells.map((c) => c.row));

  /** The nodes a step marks as just changed: its node going forward; its receivers (and the root at its own step) going back. */
  function changedBy(step) {
    if (!step) return { data: -1, grads: new Set() };
    if (step.phase === "forward") return { data: step.id, grads: new Set() };
    const grads = new Set(engine.changesOf(step).map((e) => e.to));
    if (step.id === root) grads.add(root);
    return { data: -1, grads };
  }

  /** Draws one node's numbers in the table and the picture. */
  function renderValue(id, changed) {
    const known = engine.known(id);
    const data = run.data[id];
    const gradShown = engine.gradientsShown;
    const grad = engine.grad[id];
    const dataChanged = changed.data === id;
    const gradChanged = changed.grads.has(id);
    const cell = cells[id];
    if (cell.input) {
      cell.input.classList.toggle("bad", isBad(leafValue[id]));
      if (document.activeElement !== cell.input && cell.input.value !== full(leafValue[id])) cell.input.value = full(leafValue[id]);
    } else {
      const text = isLeaf(nodes[id]) || known ? full(data) : ""; // a leaf that cannot be edited shows its number, as a field would
      GraphView.showText(cell.shown, "data", cell.data, text, { changed: dataChanged, bad: text !== "" && isBad(data) });
    }
    GraphView.showText(cell.shown, "grad", cell.grad, gradShown ? full(grad) : "", { changed: gradChanged, bad: gradShown && isBad(grad) });
    const uses = engine.uses[id];
    const received = engine.received[id];
    GraphView.showText(cell.shown, "count", cell.count, gradShown && uses > 0 ? `${received}/${uses}` : "", { final: received === uses });

    view.setText(id, "data", `data ${known ? fixed4(data) : "?"}`, { changed: dataChanged, bad: known && isBad(data), unknown: !known });
    view.setText(id, "grad", `grad ${gradShown ? fixed4(grad) : "?"}`, { changed: gradChanged, bad: gradShown && isBad(grad), unknown: !gradShown });
  }

  const litRows = { current: -1, operands: [] };

  function highlightRows(current, operands) {
    for (const id of litRows.operands) cells[id].row.classList.remove("operand");
    if (litRows.current >= 0) cells[litRows.current].row.classList.remove("current");
    for (const id of operands) cells[id].row.classList.add("operand");
    if (current >= 0) cells[current].row.classList.add("current");
    litRows.current = current;
    litRows.operands = operands.slice();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Following the current row in the table, without reading layout at each step: the rows' positions are read once (every
  // row has the same height) and again only after the table is resized; the scroll position is kept from scroll events.

  const panel = $("values");
  const rowGeometry = { measured: false, top: 0, height: 0, header: 0, view: 0, scroll: 0 };
  panel.addEventListener("scroll", () => { rowGeometry.scroll = panel.scrollTop; }, { passive: true });
  new ResizeObserver(() => { rowGeometry.measured = false; }).observe(panel);

  function measureRows() {
    const table = $("table");
    const first = cells[0].row;
    rowGeometry.top = table.offsetTop + first.offsetTop;
    rowGeometry.height = n > 1 ? (cells[n - 1].row.offsetTop - first.offsetTop) / (n - 1) : first.offsetHeight;
    rowGeometry.header = table.tHead.offsetHeight;
    rowGeometry.view = panel.clientHeight;
    rowGeometry.scroll = panel.scrollTop;
    rowGeometry.measured = true;
  }

  function revealRow(id) {
    if (!rowGeometry.measured) measureRows();
    const g = rowGeometry;
    const top = g.top + id * g.height;
    if (top >= g.scroll + g.header && top + g.height <= g.scroll + g.view) return;
    g.scroll = Math.max(0, Math.round(top - g.view / 2));
    panel.scrollTop = g.scroll;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Drawing a step: only the nodes the move changed, and the highlight.

  let selected = -1;
  let lastStep = null;

  function render(dirty) {
    const step = engine.current;
    const changed = changedBy(step);
    if (dirty === GraphPasses.ALL) {
      for (let id = 0; id < n; id++) renderValue(id, changed);
    } else {
      const touched = new Set(dirty);
      const before = changedBy(lastStep);
      if (before.data >= 0) touched.add(before.data);
      if (changed.data >= 0) touched.add(changed.data);
      for (const id of before.grads) touched.add(id);
      for (const id of changed.grads) touched.add(id);
      for (const id of touched) renderValue(id, changed);
    }
    lastStep = step;
    const current = step ? step.id : -1;
    const operands = step ? nodes[step.id].operands : [];
    highlightRows(current, operands);
    view.highlight(current, operands, Boolean(step && step.phase === "backward"));
    renderExplanation();
    renderControls();
    if (current >= 0) {
      view.reveal(current);
      revealRow(current);
    }
    saveHashSoon();
  }

  function renderControls() {
    const end = engine.length;
    const s = engine.position;
    $("back").disabled = s === 0;
    $("reset").disabled = s === 0;
    $("step").disabled = s === end;
    $("end").disabled = s === end;
    $("play").textContent = player.playing ? "⏸ Pause" : "▶ Play";
    $("play").setAttribute("aria-pressed", String(player.playing));
    const phase = engine.phase;
    document.body.dataset.phase = phase;
    document.body.dataset.step = String(s);
    document.body.dataset.playing = String(player.playing);
    $("progress").textContent = `step ${s} / ${end} · ${phase}`;
    $("position").max = String(end);
    $("position").value = String(s);
  }

  function setStep(s) {
    const dirty = engine.goTo(s);
    if (engine.position === engine.length) pause();
    clearMessage();
    render(dirty);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Play, pause, speed. Play keeps to the clock: when drawing falls behind, the next draw catches up by several steps.

  const speed = () => speeds[Number($("speed").value)];
  const player = new Player({
    position: () => engine.position,
    atEnd: () => engine.position === engine.length,
    speed,
    goTo: (s) => setStep(s),
    begin: () => engine.goTo(0),
    draw: (dirty) => render(dirty === undefined ? new Set() : dirty),
  });
  const pause = () => player.pause();
  const togglePlay = () => { if (engine.length > 0 || player.playing) player.toggle(); };

  function showSpeed() {
    const s = speed();
    $("speed-value").textContent = `${s} step${s === 1 ? "" : "s"}/s`;
    player.restartClock();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Changing leaves: typed values, the what-if slider, a learning step, the original values. Both passes are recomputed
  // at the new point and the page shows them finished; the title and the explanation say what changed.

  function setLeaves(changes) {
    for (const [id, value] of changes) leafValue[id] = value;
    run = GraphPasses.compute(graph, OPS, leafValue);
    pause();
    engine.setRun(run);
    engine.goTo(engine.length);
    clearMessage();
    $("nudge-result").replaceChildren();
    render(GraphPasses.ALL);
    showTitle();
    showCheck();
    showLeafPanel();
  }

  function showTitle() {
    const title = titleText();
    $("title").textContent = title;
    $("title").title = title;
    document.title = `${title} · micrograd explorer`;
  }

  const editedLeaves = () => nodes.filter((node) => isLeaf(node) && !Object.is(leafValue[node.id], original[node.id])).map((node) => node.id);

  /** "w 0.8 → 2: y 0.7163 → 0.991; w.grad 0.7304 → 0.02705", for the leaves that differ from the page's first values. */
  function changeText() {
    const edited = editedLeaves();
    if (edited.length === 0) return "";
    const list = (ids, text) => ids.slice(0, 3).map(text).join(", ") + (ids.length > 3 ? ` and ${ids.length - 3} more` : "");
    const leaves = list(edited, (id) => `${nodes[id].name} ${short(original[id])} → ${short(leafValue[id])}`);
    const output = `${nodes[root].name} ${short(nodes[root].data)} → ${short(run.data[root])}`;
    const grads = list(edited, (id) => `${refName(id)}.grad ${short(nodes[id].grad)} → ${short(run.grad[id])}`);
    return `${leaves}: ${output}; ${grads}`;
  }

  function showMessage(text) {
    const message = $("message");
    message.textContent = text;
    message.hidden = false;
  }

  function clearMessage() {
    const message = $("message");
    if (message.hidden) return;
    message.hidden = true;
    message.textContent = "";
  }

  /** Reads a typed value: applies it, or refuses it, saying why, and puts the leaf's value back in the field. */
  function commit(id, input) {
    const typed = input.value;
    const result = parse(typed);
    if (result.problem !== undefined) {
      input.value = full(leafValue[id]);
      showMessage(`“${typed.trim()}” ${result.problem}: ${nodes[id].name} keeps ${full(leafValue[id])}.`);
      return;
    }
    input.value = full(result.value);
    if (!Object.is(result.value, leafValue[id])) setLeaves([[id, result.value]]);
  }

  function listenToLeafInput(id, input) {
    // Enter applies the value, Escape puts it back; both hand the keys back to the page.
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        commit(id, input);
        input.blur();
      } else if (event.key === "Escape") {
        input.value = full(leafValue[id]);
        input.blur();
      } else {
        return;
      }
      event.preventDefault();
      event.stopPropagation();
    });
    input.addEventListener("change", () => commit(id, input));
  }

  // The selected leaf's tools: a what-if slider and the nudge check.

  /** Selects a value (-1: none); only its row and the row selected before change. */
  function select(id) {
    if (id !== selected) {
      if (selected >= 0) cells[selected].row.classList.remove("selected");
      if (id >= 0) cells[id].row.classList.add("selected");
      selected = id;
    }
    view.select(id);
    view.setTabStop(id);
    if (id >= 0) revealRow(id);
    $("nudge-result").replaceChildren();
    showLeafPanel();
    saveHashSoon();
  }

  /** The ops of the stored nodes that depend on a value, each once, in order of the nodes. */
  function storedOpsFedBy(id) {
    const reached = new Set([id]);
    const ops = new Set();
    for (let j = id + 1; j < n; j++) {
      if (!nodes[j].operands.some((k) => reached.has(k))) continue;
      reached.add(j);
      if (GraphPasses.isStored(nodes[j])) ops.add(nodes[j].op);
    }
    return [...ops];
  }

  const slider = $("leaf-slider");

  /** The slider's range: the leaf's first value, give or take at least 1 (or as much as the value). */
  function sliderRange(id) {
    const center = original[id];
    if (!Number.isFinite(center)) return null;
    const half = Math.max(1, Math.abs(center));
    return { min: center - half, max: center + half };
  }

  function showLeafPanel() {
    const leaf = selected >= 0 && editable(selected);
    $("leaf-hint").hidden = leaf;
    $("leaf-panel").hidden = !leaf;
    if (selected >= 0 && !leaf) {
      const node = nodes[selected];
      $("leaf-hint").textContent = node.constant
        ? `${node.name} is a constant: it cannot be changed.`
        : isLeaf(node) && !feedsStored[selected]
          ? `the graph has gradient hooks (on ${hookedNames.join(", ")}), which the page cannot rerun (C# functions): ${node.name} cannot be changed here.`
          : isLeaf(node)
          ? `${node.name} feeds ${storedOpsFedBy(selected).join(", ")}, which the page cannot recompute (defined in C# without a JavaScript twin): ${node.name} cannot be changed here.`
          : `${node.name} is computed from its operands: select a leaf to change it.`;
    }
    if (!leaf) return;
    $("leaf-name").textContent = nodes[selected].name;
    $("leaf-value").textContent = full(leafValue[selected]);
    const range = sliderRange(selected);
    slider.disabled = range === null;
    if (range) {
      slider.min = "0";
      slider.max = "400";
      const t = Math.round(((leafValue[selected] - range.min) / (range.max - range.min)) * 400);
      slider.value = String(Math.max(0, Math.min(400, Number.isFinite(t) ? t : 200)));
      slider.setAttribute("aria-valuetext", full(leafValue[selected]));
    }
    $("leaf-grad").textContent = `${refName(selected)}.grad = ${full(run.grad[selected])}`;
  }

  let sliderFrame = 0;
  slider.addEventListener("input", () => {
    if (sliderFrame) return;
    sliderFrame = requestAnimationFrame(() => {
      sliderFrame = 0;
      const range = sliderRange(selected);
      if (!range || !editable(selected)) return;
      // Rounded to the notch's digits, so that the middle notch gives the first value back and 0 is 0.
      const t = Number(slider.value) / 400;
      const digits = Math.max(0, Math.ceil(-Math.log10((range.max - range.min) / 400)) + 1);
      const value = Number((range.min + t * (range.max - range.min)).toFixed(Math.min(digits, 20))) + 0;
      setLeaves([[selected, value]]);
    });
  });

  /** The seed's first check: nudge the leaf by h both ways and compare (f(x+h) − f(x−h)) / 2h with the backward pass's gradient. */
  function nudge() {
    if (!(selected >= 0 && editable(selected))) return;
    const id = selected;
    const x = leafValue[id];
    const h = 1e-4 * Math.max(1, Math.abs(x));
    const at = (value) => {
      const values = leafValue.slice();
      values[id] = value;
      return GraphPasses.forward(graph, OPS, values)[root];
    };
    const up = at(x + h);
    const down = at(x - h);
    const estimate = (up - down) / (2 * h);
    const grad = run.grad[id];
    const name = refName(id);
    const out = nodes[root].name;
    const difference = Math.abs(estimate - grad) / Math.max(Math.abs(grad), 1e-12);
    let verdict;
    if (!Number.isFinite(estimate) || !Number.isFinite(grad)) verdict = "NaN or ∞ involved: the nudge cannot check this point";
    else if (Math.abs(estimate - grad) <= 1e-6 + 1e-4 * Math.abs(grad)) verdict = `they agree (relative difference ${difference.toExponential(1)}): the backward pass is right`;
    else verdict = "they differ: the function may not be smooth here (a kink such as relu at 0), or h is too large for it";
    const leaf = nodes[id].name;
    const lines = [
      `f = ${out}, h = ${short(h)}: f(${leaf}+h) = ${full(up)}, f(${leaf}−h) = ${full(down)}`,
      `(f(${leaf}+h) − f(${leaf}−h)) / 2h = ${short(estimate)}`,
      `${name}.grad (backward) = ${short(grad)}: ${verdict}`,
    ];
    $("nudge-result").replaceChildren(...lines.map((text, i) => {
      const span = document.createElement("span");
      span.className = i === 1 ? "estimate" : i === 2 ? "verdict" : "detail";
      span.textContent = text;
      return span;
    }));
    $("nudge-result").dataset.estimate = String(estimate);
  }

  // One learning step: p -= lr · grad for the leaves whose box is ticked.

  let learningSteps = 0;

  function learn() {
    const parsed = parse($("lr").value);
    if (parsed.problem !== undefined || !(parsed.value > 0)) {
      $("learn-result").textContent = `the learning rate “${$("lr").value.trim()}” ${parsed.problem ?? "must be above 0"}`;
      return;
    }
    const lr = parsed.value;
    const chosen = learnBoxes.filter((box) => box.checked).map((box) => Number(box.dataset.id));
    if (chosen.length === 0) {
      $("learn-result").textContent = learnBoxes.length > 0 ? "tick the leaves to learn in the table first" : "no leaf of this graph can be changed here, so none can learn";
      return;
    }
    const before = run.data[root];
    const predicted = -lr * chosen.reduce((sum, id) => sum + run.grad[id] * run.grad[id], 0);
    setLeaves(chosen.map((id) => [id, leafValue[id] - lr * run.grad[id]]));
    learningSteps++;
    const after = run.data[root];
    $("learn-result").textContent =
      `step ${learningSteps}: ${nodes[root].name} ${short(before)} → ${short(after)} (change ${short(after - before)}; ` +
      `the gradient predicts −lr·Σgrad² = ${short(predicted)})`;
  }

  function restore() {
    learningSteps = 0;
    $("learn-result").textContent = "";
    setLeaves(nodes.filter((node) => isLeaf(node)).map((node) => [node.id, original[node.id]]));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Does the page compute what the engine computed? Compared bit for bit at the point the page was made.

  function showCheck() {
    const check = $("check");
    const change = $("change");
    const text = changeText();
    change.hidden = text === "";
    change.textContent = text;
    if (text !== "") {
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
  // The state in the URL's #hash: step=12&dir=TB&skip=1&n3=2 (n3: the leaf with id 3, as in the picture), so that a link
  // opens the same view. Written shortly after a change, and not while playing.

  function hashText() {
    const parts = [`step=${engine.position}`, `dir=${view.direction}`];
    if (engine.skipLeaves) parts.push("skip=1");
    if (selected >= 0) parts.push(`select=${selected}`);
    for (const id of editedLeaves()) parts.push(`n${id}=${encodeURIComponent(full(leafValue[id]))}`);
    return parts.join("&");
  }

  /** Reads a hash; returns null when it has nothing for this page, or is malformed (then it is ignored as a whole). */
  function readHash(text) {
    const items = PageKit.hashItems(text);
    if (items === null) return null;
    const state = { values: [] };
    let known = false;
    for (const [key, value] of items) {
      known ||= /^(n\d+|step|dir|skip|select)$/.test(key);
      const leaf = /^n(\d+)$/.exec(key);
      if (leaf && Number(leaf[1]) < n && editable(Number(leaf[1]))) {
        const parsed = parse(value);
        if (parsed.problem === undefined) state.values.push([Number(leaf[1]), parsed.value]);
      } else if (key === "step" && /^\d+$/.test(value)) {
        state.step = Number(value);
      } else if (key === "dir" && view.directions.includes(value)) {
        state.direction = value;
      } else if (key === "skip") {
        state.skip = value === "1";
      } else if (key === "select" && /^\d+$/.test(value) && Number(value) < n) {
        state.select = Number(value);
      }
    }
    return known ? state : null;
  }

  function applyHash(state) {
    pause();
    if (state.values.length > 0 || editedLeaves().length > 0) {
      const values = new Map(nodes.filter((node) => isLeaf(node)).map((node) => [node.id, original[node.id]]));
      for (const [id, value] of state.values) values.set(id, value);
      setLeaves([...values]);
    }
    if (state.skip !== undefined) {
      engine.setSkipLeaves(state.skip);
      $("skip-leaves").checked = state.skip;
    }
    if (state.direction && state.direction !== view.direction) setDirection(state.direction);
    if (state.select !== undefined) select(state.select);
    engine.goTo(state.step ?? 0);
    render(GraphPasses.ALL);
    const current = engine.current;
    if (current) view.reveal(current.id);
  }

  const hashState = new PageKit.HashState({ text: hashText, mayWrite: () => !player.playing, read: readHash, apply: applyHash });
  const saveHashSoon = () => hashState.saveSoon();

  // ---------------------------------------------------------------------------------------------------------------
  // Directions and skipping leaves.

  function setDirection(direction) {
    view.setDirection(direction);
    for (const button of document.querySelectorAll("#direction button")) {
      button.setAttribute("aria-pressed", String(button.dataset.direction === direction));
    }
    const current = engine.current;
    const first = current ? current.id : engine.at(1) ? engine.at(1).id : root;
    view.readableAround(view.drawn(first) ? first : view.shapes.findIndex(Boolean), OPEN_PIXELS);
    lastStep = null;
    render(GraphPasses.ALL);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Buttons and keys.

  on("reset", () => { pause(); setStep(0); });
  on("back", () => { pause(); setStep(engine.position - 1); });
  on("step", () => { pause(); setStep(engine.position + 1); });
  on("end", () => { pause(); setStep(engine.length); });
  on("play", togglePlay);
  on("zoom-in", () => view.zoomBy(1 / 1.25));
  on("zoom-out", () => view.zoomBy(1.25));
  on("zoom-fit", () => view.fit());
  on("nudge", nudge);
  on("learn-step", learn);
  on("restore", restore);
  for (const button of document.querySelectorAll("#direction button")) {
    on(button.id, () => setDirection(button.dataset.direction));
  }
  $("speed").addEventListener("input", showSpeed);
  $("position").addEventListener("input", () => { pause(); setStep(Number($("position").value)); });
  $("skip-leaves").addEventListener("change", (event) => {
    pause();
    lastStep = null;
    render(engine.setSkipLeaves(event.currentTarget.checked));
  });
  $("lr").addEventListener("keydown", (event) => {
    if (event.key !== "Enter" && event.key !== "Escape") return;
    event.preventDefault();
    event.stopPropagation();
    if (event.key === "Enter") learn();
    event.currentTarget.blur();
  });
  // A click on a row's name or op selects the value (the data field and the learn box keep their clicks).
  $("rows").addEventListener("click", (event) => {
    const cell = event.target instanceof Element ? event.target.closest("td.name, td.op") : null;
    if (!cell || event.target instanceof HTMLInputElement) return;
    select(Number(cell.parentElement.dataset.id));
  });

  const sliderKeys = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown"]);
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    // Text fields keep their keys (Enter and Escape hand them back); sliders keep the keys that move them; checkboxes and
    // buttons keep Space (and buttons Enter). Everything else steps the page.
    if (target instanceof HTMLTextAreaElement) return;
    if (target instanceof HTMLInputElement) {
      if (target.type === "range" && sliderKeys.has(event.key)) return;
      if (target.type === "checkbox" && event.key === " ") return;
      if (target.type !== "range" && target.type !== "checkbox") return;
    }
    if (target instanceof HTMLButtonElement && (event.key === " " || event.key === "Enter")) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const actions = {
      ArrowRight: () => { pause(); setStep(engine.position + 1); },
      ArrowLeft: () => { pause(); setStep(engine.position - 1); },
      " ": togglePlay,
      Home: () => { pause(); setStep(0); },
      End: () => { pause(); setStep(engine.length); },
      "+": () => view.zoomBy(1 / 1.25),
      "=": () => view.zoomBy(1 / 1.25),
      "-": () => view.zoomBy(1.25),
      "0": () => view.fit(),
      Escape: () => { if (document.activeElement instanceof HTMLElement) document.activeElement.blur(); select(-1); },
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });

  // ---------------------------------------------------------------------------------------------------------------
  // Start: the picture in the direction asked for (or top to bottom when left to right is too small to read), at a readable
  // scale around the first node; then the state of the #hash, if any.

  const drawn = nodes.filter((node) => node.drawn).length;
  if (drawn < n) {
    $("cut").textContent = `${(n - drawn).toLocaleString("en-US")} of ${n.toLocaleString("en-US")} values not drawn (the picture shows the ${drawn.toLocaleString("en-US")} nearest the result; the table lists every value)`;
    $("cut").hidden = false;
  }
  const storedOps = [...new Set(nodes.filter(GraphPasses.isStored).map((node) => node.op))];
  if (storedOps.length > 0) {
    const fixed = nodes.filter((node) => isLeaf(node) && !node.constant && feedsStored[node.id]).map((node) => node.name);
    const one = storedOps.length === 1;
    $("stored").textContent = `${storedOps.join(", ")} ${one ? "is a function" : "are functions"} defined in C# without a JavaScript twin: ` +
      `the page shows the engine's numbers for ${one ? "it" : "them"} and cannot recompute ${one ? "it" : "them"}` +
      (fixed.length > 0 ? `, so ${fixed.join(", ")} cannot be changed here` : "");
    $("stored").hidden = false;
  }
  if (hookedNames.length > 0) {
    const one = hookedNames.length === 1;
    $("hooked").textContent = `${hookedNames.join(", ")} ${one ? "has a gradient hook, a C# function that replaces" : "have gradient hooks, C# functions that replace"} ` +
      `a gradient in the backward pass: the page shows the engine's gradients for ${one ? "it" : "them"} and cannot rerun the hook${one ? "" : "s"}, so no leaf can be changed here`;
    $("hooked").hidden = false;
  }
  showSpeed();
  showTitle();
  showCheck();
  showLeafPanel();
  const initial = location.hash.length > 1 ? readHash(location.hash) : null;
  setDirection(initial && initial.direction ? initial.direction : view.chooseDirection(graph.rankdir, READABLE_PIXELS));
  if (initial) applyHash(initial);

  // For scripts and tests: the op table and helpers the page computes with, and its state.
  window.explorer = {
    ops: OPS,
    fma: Numbers.fma,
    pow: Numbers.pow,
    format: { full, short, fixed4 },
    get step() { return engine.position; },
    get steps() { return engine.length; },
    get playing() { return player.playing; },
    get direction() { return view.direction; },
    get selected() { return selected; },
    get textPixels() { return view.textPixels; },
    get scale() { return view.scale; },
    get view() { const v = view.visible(); return [v.x, v.y, v.w, v.h]; },
    get hash() { return hashState.written; },
  };
})();
