// Both passes over a graph model, and the steps through them, shared by micrograd's pages.
//
// A graph model is the JSON the engine writes (GraphModel.cs): { root, nodes: [{ id, op, operands, ... }] } with the nodes
// in topological order (a node's id is its index). The ops come from microgradOps(fma, pow), which the engine assembles from
// each op's JavaScript twin (declared next to the op's C# formulas); this file holds no op formulas of its own.
"use strict";

/* exported GraphPasses */
const GraphPasses = (() => {
  const isLeaf = (node) => node.op === "";

  /**
   * Whether a node is stored: its op has no JavaScript twin (a function defined in C# only), so the model carries the
   * engine's numbers for it (its data and, in `locals`, its local derivatives) and the page cannot recompute it.
   */
  const isStored = (node) => Array.isArray(node.locals);

  /**
   * Whether a node has gradient hooks: C# functions that replace its gradient once it is complete in the backward pass.
   * The model's grad is their result, which the page cannot recompute: it takes it in place of the node's sum.
   */
  const isHooked = (node) => node.hooked === true;

  /**
   * A graph model as JSON.parse read it, with its numbers made numbers (NaN and the infinities, which JSON lacks, are the
   * strings "NaN", "Infinity" and "-Infinity" there): data, grad, a constant power's exponent and a stored node's locals.
   * Converts in place; returns the model.
   */
  function readModel(model) {
    const number = (x) => (typeof x === "string" ? Number(x) : x);
    for (const node of model.nodes) {
      node.data = number(node.data);
      node.grad = number(node.grad);
      if (node.exponent !== undefined) node.exponent = number(node.exponent);
      if (node.locals) node.locals = node.locals.map(number);
    }
    return model;
  }

  /** For each node, whether a stored node depends on it: changing such a leaf would need the stored nodes recomputed. */
  function feedsStored(graph) {
    const feeds = new Array(graph.nodes.length).fill(false);
    for (let id = graph.nodes.length - 1; id >= 0; id--) {
      const node = graph.nodes[id];
      if (isStored(node) || feeds[id]) for (const k of node.operands) feeds[k] = true;
    }
    return feeds;
  }

  /**
   * Every node's data at the given leaf values, in topological order, as the engine's forward pass computes it. A stored
   * node keeps the engine's data (the leaves it depends on are never changed).
   */
  function forward(graph, ops, leafValue) {
    const data = new Array(graph.nodes.length);
    for (const node of graph.nodes) {
      data[node.id] = isLeaf(node) ? leafValue[node.id]
        : isStored(node) ? node.data
        : ops[node.op].forward(node.operands.map((k) => data[k]));
    }
    return data;
  }

  /**
   * Both passes at the given leaf values, as the engine runs them: forward in topological order; backward with every
   * gradient at -0 (the start of its sum) and the root's at 1, then each node in reverse order adding g · ∂node/∂operand into each operand, in
   * operand order. Returns the data, the final gradients, and for each node the contributions it passes back (events):
   * { k, to, g, local, contribution, before, after }, where local is the op's own contribution formula evaluated with g = 1
   * (∂node/∂operand) and contribution is the formula with the node's gradient g, which is what the engine adds. A stored
   * node's local is the engine's, and its contribution g × local, the engine's own product. A hooked node's gradient, once
   * complete, becomes the engine's (its hooks' result), and that is what it passes back: hooks[id] is then
   * { to: id, hook: true, before: the sum, after: the engine's }, else null.
   */
  function compute(graph, ops, leafValue) {
    const n = graph.nodes.length;
    const data = forward(graph, ops, leafValue);
    // Every sum starts from -0, as the engine's (one contribution keeps its sign); before a node's first contribution the
    // page shows its gradient as 0, the empty sum.
    const grad = new Array(n).fill(-0);
    const received = new Array(n).fill(false);
    grad[graph.root] = 1;
    const events = new Array(n);
    const hooks = new Array(n).fill(null);
    for (let id = n - 1; id >= 0; id--) {
      const node = graph.nodes[id];
      if (isHooked(node)) {
        hooks[id] = { to: id, hook: true, before: grad[id], after: node.grad };
        grad[id] = node.grad;
      }
      const list = [];
      if (!isLeaf(node)) {
        const op = ops[node.op];
        const values = node.operands.map((k) => data[k]);
        const y = data[id];
        const g = grad[id];
        node.operands.forEach((to, k) => {
          const stored = isStored(node);
          const contribution = stored ? g * node.locals[k] : op.backward(k, values, y, g);
          const local = stored ? node.locals[k] : op.backward(k, values, y, 1);
          const before = received[to] ? grad[to] : 0;
          grad[to] += contribution;
          received[to] = true;
          list.push({ k, to, g, local, contribution, before, after: grad[to] });
        });
      }
      events[id] = list;
    }
    return { data, grad, events, hooks };
  }

  /** Returned by StepEngine.goTo when every node may have changed. */
  const ALL = null;

  /**
   * The steps through both passes: the forward pass (each node's data, in topological order), then the backward pass (each
   * node passes its gradient back to its operands, in reverse order). Step 0 is the start. Optionally leaves are skipped:
   * they compute nothing and have nothing to pass back, so their data is known from the start.
   *
   * The engine keeps, at its position, which data are known, every gradient and how many contributions each node has
   * received, and moves one step at a time, so that a page redraws only what a step changes.
   *
   * A hooked node's gradient becomes its hooks' result at its own backward step, before it passes it back; a hooked leaf
   * whose step is skipped takes it in the step that gives it its last contribution.
   */
  class StepEngine {
    constructor(graph) {
      this.graph = graph;
      this.n = graph.nodes.length;
      this.uses = new Array(this.n).fill(0);
      for (const node of graph.nodes) for (const k of node.operands) this.uses[k]++;
      this.run = null;
      this.hooked = graph.nodes.some(isHooked);
      this.skipLeaves = false;
      this.position = 0;
      this.grad = new Array(this.n).fill(0);
      this.received = new Array(this.n).fill(0);
      this.build();
    }

    /** Lays out the steps: order[s - 1] is step s, { id, phase }. */
    build() {
      const keep = (node) => !(this.skipLeaves && isLeaf(node));
      const nodes = this.graph.nodes;
      const forwardSteps = nodes.filter(keep).map((node) => ({ id: node.id, phase: "forward" }));
      const backwardSteps = nodes.filter(keep).reverse().map((node) => ({ id: node.id, phase: "backward" }));
      this.order = forwardSteps.concat(backwardSteps);
      this.forwardCount = forwardSteps.length;
      this.knownAt = new Array(this.n).fill(0);
      forwardSteps.forEach((step, i) => { this.knownAt[step.id] = i + 1; });
      this.stepOf = { forward: new Array(this.n).fill(-1), backward: new Array(this.n).fill(-1) };
      this.order.forEach((step, i) => { this.stepOf[step.phase][step.id] = i + 1; });
      // completes[id]: the skipped hooked leaves whose last contribution comes from node id (their user with the lowest id).
      this.completes = new Array(this.n).fill(null);
      if (!this.skipLeaves || !this.hooked) return;
      for (const node of nodes) {
        if (!isLeaf(node) || !isHooked(node) || this.uses[node.id] === 0) continue;
        const last = nodes.find((user) => user.operands.includes(node.id)).id;
        (this.completes[last] ??= []).push(node.id);
      }
    }

    /** The number of steps. */
    get length() {
      return this.order.length;
    }

    /** Step s (1 … length) as { id, phase }, or null for the start and beyond the end. */
    at(s) {
      return s >= 1 && s <= this.order.length ? this.order[s - 1] : null;
    }

    /** The step at the current position, or null at the start. */
    get current() {
      return this.at(this.position);
    }

    /** "start", "forward", "backward" or "done". */
    get phase() {
      if (this.position === 0) return "start";
      if (this.position === this.order.length) return "done";
      return this.current.phase;
    }

    /** Whether a node's data is known at the current position. */
    known(id) {
      return this.position >= this.knownAt[id];
    }

    /** Whether gradients are shown: from the first backward step on. */
    get gradientsShown() {
      return this.position > this.forwardCount;
    }

    /**
     * The gradients that a step changes, in order: the contributions it passes back (none for a forward step or a leaf),
     * with, for a hooked node, its hooks' result first, and after them that of a skipped hooked leaf they complete (the
     * hooks are the changes with hook: true; they are not contributions).
     */
    changesOf(step) {
      if (!step || step.phase !== "backward") return [];
      const events = this.run.events[step.id];
      if (!this.hooked) return events;
      const own = this.run.hooks[step.id];
      const completed = (this.completes[step.id] ?? []).map((id) => this.run.hooks[id]);
      return own || completed.length > 0 ? [...(own ? [own] : []), ...events, ...completed] : events;
    }

    /** New numbers (after an edit): the position is kept and the state recomputed. Returns ALL. */
    setRun(run) {
      this.run = run;
      this.recompute();
      return ALL;
    }

    /** Skips leaves or not. The position moves to the same node and phase, or to the step before it. Returns ALL. */
    setSkipLeaves(skip) {
      if (skip === this.skipLeaves) return new Set();
      const step = this.current;
      const done = this.position === this.order.length && this.order.length > 0;
      this.skipLeaves = skip;
      this.build();
      let position = 0;
      if (done) {
        position = this.order.length;
      } else if (step) {
        // The last step in the new order at or before the old step: steps are ordered by (phase, id), forward ascending then backward descending.
        const rank = (s) => (s.phase === "forward" ? s.id : 2 * this.n - s.id);
        const target = rank(step);
        for (let s = 1; s <= this.order.length && rank(this.order[s - 1]) <= target; s++) position = s;
      }
      this.position = position;
      this.recompute();
      return ALL;
    }

    /**
     * Moves to step s (clamped to 0 … length). Returns the ids whose shown numbers may have changed, or ALL. A move of a
     * few steps is applied one step at a time, touching only the nodes those steps change.
     */
    goTo(s) {
      s = Math.max(0, Math.min(this.order.length, s));
      if (s === this.position) return new Set();
      if (Math.abs(s - this.position) > 64) {
        this.position = s;
        this.recompute();
        return ALL;
      }
      const dirty = new Set();
      let all = false;
      while (this.position !== s) all = !this.move(s > this.position ? 1 : -1, dirty) || all;
      return all ? ALL : dirty;
    }

    /**
     * One step forward (by = 1) or back (by = -1), adding the nodes it changes to dirty; false when every node changed
     * (the backward pass begins, or is undone).
     */
    move(by, dirty) {
      const s = by > 0 ? this.position + 1 : this.position; // the step taken or undone
      const step = this.at(s);
      this.position += by;
      if (step.phase === "forward") {
        dirty.add(step.id);
        return true;
      }
      if (s === this.forwardCount + 1) {
        this.recompute();
        return false;
      }
      const changes = this.changesOf(step);
      for (let i = 0; i < changes.length; i++) {
        const change = changes[by > 0 ? i : changes.length - 1 - i];
        this.grad[change.to] = by > 0 ? change.after : change.before;
        if (!change.hook) this.received[change.to] += by;
        dirty.add(change.to);
      }
      return true;
    }

    /** The gradients and counts at the current position, from scratch. */
    recompute() {
      this.grad.fill(0);
      this.received.fill(0);
      if (!this.gradientsShown) return;
      this.grad[this.graph.root] = 1;
      for (let s = this.forwardCount + 1; s <= this.position; s++) {
        for (const change of this.changesOf(this.at(s))) {
          this.grad[change.to] = change.after;
          if (!change.hook) this.received[change.to]++;
        }
      }
    }
  }

  return Object.freeze({ readModel, isLeaf, isStored, isHooked, feedsStored, forward, compute, StepEngine, ALL });
})();
