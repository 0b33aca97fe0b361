// The GPT page's backpropagation of one position: the graph of one position's loss (gpt-position.js) in the explorer's
// graph view, with the numbers of the step shown: each dot product drawn as one box (E or a double click lays out its
// products and sum below, in the page), the backward pass node by node with the explorer's explanation and the chain rule
// on the edges, and a parameter's gradient as the sum of its contributions, in the engine's order. It computes only while
// its panel is open and in view.
"use strict";
/* global Numbers, PageKit, GraphPasses, GraphView, GraphLayout, Explanation, ChainPicture, GptPosition */
/* exported GptBackprop */

const GptBackprop = Object.freeze({
  /** Adds page.showBackprop() (called when the weights shown change), page.backprop (its state, for tests) and the panel's keys. */
  attach(page, data) {
    const { $, on } = PageKit;
    const { full, short, fixed4, isBad } = Numbers;
    const n = (x) => x.toLocaleString("en-US");
    const panel = $("backprop");
    if (!data.position || data.position.missing) {
      $("backprop-about").textContent = data.position ? data.position.missing : "This page has no graph of one position.";
      $("backprop-body").hidden = true;
      page.showBackprop = () => {};
      return;
    }
    const position = new GptPosition(data.position, data.model);
    const { graph, nodes } = position;
    const ROLE = GptPosition.ROLE;
    const engine = new GraphPasses.StepEngine(graph);
    engine.setSkipLeaves(true);
    const explanation = Explanation.create(graph, position.ops);
    const chain = ChainPicture.names(graph);
    const groupOf = new Map(graph.groups.flatMap((g) => [[g.output, g], ...g.members.map((id) => [id, g])]));
    const state = { position, result: null, step: -1, visible: true, stale: false, view: null, leaf: -1, expanded: null, dotView: null, dotIds: [] };
    let edgeLabels = null;
    const characters = data.model.characters;
    const tokenText = (t) => (t === characters.length ? "BOS" : `“${characters[t]}”`);
    const doc = data.position.document;
    const p = data.position.position;
    const before = p === 0 ? "BOS" : `“${[...doc].slice(0, p).join("")}”`;
    const preferred = Math.min(3, Math.min(data.model.context, [...doc].length + 1) - 1);
    const parameters = nodes.filter((node) => position.roles[node.id] === ROLE.parameter).length;

    function ensureView() {
      if (state.view) return;
      const view = new GraphView($("graph"), {
        nodes,
        names: nodes.map((node) => chain.full(node.id)),
        tags: nodes.filter((node) => node.label === "" && !node.constant && node.op !== "").map((node) => node.id),
        aliasOf: (id) => chain.aliasOf(id),
        describe: (direction) => `The graph of one position's loss: ${n(nodes.length)} values, ` +
          (direction === "N" ? `each of its ${n(graph.groups.length)} dot products drawn as one box (E or a double click expands one)` : "the nearest to the loss, top to bottom"),
        groups: graph.groups,
        onSelect: select,
      });
      state.view = view;
      edgeLabels = new ChainPicture.EdgeLabels(view);
      view.setDirection("N");
      $("graph").addEventListener("dblclick", (event) => {
        const box = event.target instanceof Element ? event.target.closest("g.node.neuron[data-id]") : null;
        if (box) expand(Number(box.dataset.id));
      });
      engine.setRun(position.compute(page.weights));
      engine.goTo(engine.forwardCount + 1);
      view.readableAround(graph.root, 13);
    }

    /**
     * A value chosen (click or Enter): its backward step; a leaf has none of its own (leaves are skipped), so it goes to the
     * step that completes its gradient (its last contribution, from its user of the smallest id), and lists its contributions.
     */
    function select(id) {
      const uses = position.usesOf.get(id);
      const s = nodes[id].op === "" ? (uses ? engine.stepOf.backward[uses[uses.length - 1].user] : -1) : engine.stepOf.backward[id];
      if (s > 0) engine.goTo(s);
      state.leaf = nodes[id].op === "" && !nodes[id].constant ? id : -1;
      state.view.select(id);
      renderStep();
      renderUses();
    }

    function render() {
      if (!panel.open || page.weights === null) return;
      // Open but scrolled out of view (the learner at the chart, playing): drawn when it comes back into view.
      if (!state.visible && state.view) {
        state.stale = true;
        return;
      }
      state.stale = false;
      ensureView();
      const view = state.view;
      const started = performance.now();
      state.result = position.compute(page.weights);
      state.step = page.shown;
      engine.setRun(state.result);
      const { data: values, grad } = state.result;
      for (const node of nodes) {
        view.setText(node.id, "data", `data ${fixed4(values[node.id])}`, { bad: isBad(values[node.id]) });
        view.setText(node.id, "grad", `grad ${fixed4(grad[node.id])}`, { bad: isBad(grad[node.id]) });
      }
      const loss = values[graph.root];
      $("backprop-about").textContent = `The loss at position ${p} of “${doc}” (after ${before}, the model should say ${tokenText(data.position.target)}) ` +
        `${page.shown === 0 ? "with the initial weights" : `after step ${n(page.shown)}`}: −log p = ${short(loss)}. Its graph has ${n(nodes.length)} values ` +
        `(by causality, ${p === 0 ? "position 0" : `positions 0 to ${p}`} only${p < preferred ? `; position ${p}, not ${preferred}, keeps it small` : ""}); its gradient, 1 at the loss, reaches ${n(parameters)} parameters. Every number is the engine's, bit for bit.`;
      $("backprop-about").title = `loss ${full(loss)}`;
      renderStep();
      renderUses();
      renderDot();
      state.milliseconds = performance.now() - started;
    }

    function renderStep() {
      const view = state.view;
      const step = engine.current;
      const current = step ? step.id : -1;
      const operands = step ? nodes[step.id].operands : [];
      const backward = Boolean(step && step.phase === "backward");
      view.highlight(current, operands, backward);
      if (current >= 0) view.frame(current, operands);
      const count = engine.length - engine.forwardCount;
      const index = engine.position - engine.forwardCount;
      $("bp-progress").textContent = `backward ${n(Math.max(0, index))} of ${n(count)}`;
      $("bp-back").disabled = index <= 1;
      $("bp-step").disabled = index >= count;
      const { heading, lines } = explanation.at(engine, state.result, (id) => view.drawn(id));
      $("phase").textContent = heading;
      $("lines").replaceChildren(...lines.map(Explanation.item));
      edgeLabels.show(backward ? step.id : -1, backward ? engine.changesOf(step).filter((e) => !e.hook) : null);
      const said = ChainPicture.sentence(graph, state.result, engine, chain);
      $("sentence").textContent = said.text;
      $("sentence").title = said.aliases.join("\n");
    }

    /** The chosen leaf's gradient as the sum of its contributions, one row a use, in the engine's order. */
    function renderUses() {
      const leaf = state.leaf;
      $("uses").hidden = leaf < 0;
      if (leaf < 0) {
        $("uses-heading").textContent = "";
        $("use-rows").replaceChildren();
        return;
      }
      const rows = position.contributions(leaf, state.result);
      const grad = state.result.grad[leaf];
      $("uses-heading").textContent = `${nodes[leaf].name}.grad = ${full(grad)}: the sum of its ${rows.length} contribution${rows.length === 1 ? "" : "s"}, one from each use, added in the engine's order`;
      $("use-rows").replaceChildren(...rows.map((row) => {
        const tr = document.createElement("tr");
        tr.dataset.user = String(row.user);
        // The use's name is a button: it goes to the backward step that passes this contribution.
        const go = document.createElement("button");
        go.type = "button";
        go.textContent = chain.short(row.user);
        go.title = `Go to the backward step of ${chain.short(row.user)}, which passes this contribution`;
        go.addEventListener("click", () => {
          engine.goTo(engine.stepOf.backward[row.user]);
          renderStep();
        });
        const first = document.createElement("td");
        first.appendChild(go);
        tr.appendChild(first);
        for (const text of [full(row.local), full(row.upstream), full(row.contribution), full(row.sum)]) {
          const td = document.createElement("td");
          td.textContent = text;
          tr.appendChild(td);
        }
        return tr;
      }));
    }

    /** Lays out a dot product's products and sum in the page (any dot product, drawn or not), with the step's numbers. */
    function expand(id) {
      const group = groupOf.get(id);
      if (!group) return false;
      state.expanded = group;
      const inside = new Set([group.output, ...group.members]);
      const ids = new Set(inside);
      for (const k of inside) for (const o of nodes[k].operands) ids.add(o);
      state.dotIds = [...ids].sort((a, b) => a - b);
      const local = new Map(state.dotIds.map((k, i) => [k, i]));
      const sub = state.dotIds.map((k, i) => {
        const node = nodes[k];
        const own = inside.has(k);
        return { id: i, op: own ? node.op : "", operands: own ? node.operands.map((o) => local.get(o)) : [], label: node.label || (own ? "" : chain.short(k)),
          name: chain.short(k), constant: node.constant, drawn: true };
      });
      const old = $("dot-graph");
      const container = document.createElement("div");
      container.id = "dot-graph";
      container.className = "graph-view";
      container.appendChild(GraphLayout.template({ nodes: sub }, "TB"));
      old.replaceWith(container);
      $("bp-dot").hidden = false;
      state.dotView = new GraphView(container, { nodes: sub, names: sub.map((node) => node.name), tags: sub.filter((node) => node.label === "" && node.op !== "").map((node) => node.id),
        describe: () => `The dot product ${chain.short(group.output)}: ${group.text}, each product and the sum` });
      state.dotView.setDirection("TB");
      $("bp-dot-heading").textContent = `The dot product ${chain.short(group.output)} expanded: ${group.text} (${sub.length} values)`;
      renderDot();
      state.dotView.readableAround(local.get(group.output), 13);
      return true;
    }

    function renderDot() {
      if (!state.dotView || !state.result) return;
      state.dotIds.forEach((k, i) => {
        state.dotView.setText(i, "data", `data ${fixed4(state.result.data[k])}`, { bad: isBad(state.result.data[k]) });
        state.dotView.setText(i, "grad", `grad ${fixed4(state.result.grad[k])}`, { bad: isBad(state.result.grad[k]) });
      });
    }

    function move(by) {
      const s = engine.position + by;
      if (!state.result || s <= engine.forwardCount || s > engine.length) return;
      engine.goTo(s);
      renderStep();
    }

    function toggleBoxes() {
      const view = state.view;
      if (!view) return;
      if (!view.layouts.TB) {
        // The full picture of the values nearest the loss, laid out in the page the first time it is asked for.
        const template = GraphLayout.template(graph, "TB");
        $("graph").appendChild(template);
        view.layouts.TB = template;
      }
      const next = view.direction === "N" ? "TB" : "N";
      view.setDirection(next);
      $("bp-neurons").setAttribute("aria-pressed", String(next === "N"));
      // Said while the full picture is shown: how many values it leaves out (the steps and the sums still cover every one).
      const drawn = nodes.filter((node) => node.drawn).length;
      $("backprop-cut").hidden = next === "N";
      $("backprop-cut").textContent = `${n(nodes.length - drawn)} of ${n(nodes.length)} values are not drawn: the picture shows the ${n(drawn)} nearest the loss; ` +
        "the steps cover every value, and each dot product (dot products: D) expands whole.";
      view.readableAround(graph.root, 13);
      render();
    }

    /** What E expands: the value selected, else the current step's node (or the box it is in). */
    const expandChosen = () => expand(state.view && state.view.selected >= 0 ? state.view.selected : engine.current ? engine.current.id : -1);

    on("bp-back", () => move(-1));
    on("bp-step", () => move(1));
    on("bp-neurons", toggleBoxes);
    on("bp-expand", expandChosen);
    on("zoom-in", () => state.view && state.view.zoomBy(1 / 1.25));
    on("zoom-out", () => state.view && state.view.zoomBy(1.25));
    on("zoom-fit", () => state.view && state.view.fit());
    panel.addEventListener("toggle", render);
    new IntersectionObserver((entries) => {
      state.visible = entries[entries.length - 1].isIntersecting;
      if (state.visible && state.stale) render();
    }).observe($("backprop-body"));
    // The panel's keys, while the focus is in it (the page's own [ ] move between positions elsewhere).
    $("backprop-body").addEventListener("keydown", (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.target instanceof HTMLInputElement) return;
      if (event.target instanceof HTMLButtonElement && (event.key === " " || event.key === "Enter")) return;
      const actions = {
        "]": () => move(1), "[": () => move(-1), d: toggleBoxes, D: toggleBoxes, e: expandChosen, E: expandChosen,
        "+": () => state.view.zoomBy(1 / 1.25), "=": () => state.view.zoomBy(1 / 1.25), "-": () => state.view.zoomBy(1.25), 0: () => state.view.fit(),
      };
      const action = actions[event.key];
      if (!action || !state.view) return;
      event.preventDefault();
      event.stopPropagation();
      action();
    });
    $("backprop-about").textContent = `Open to see the graph of one position's loss, ${n(nodes.length)} values, at the step shown.`;
    Object.assign(page, { showBackprop: render, backprop: Object.assign(state, { expand, select, move, toggleBoxes, engine }) });
  },
});
