// The explorer's explanation of a step, as text: what a forward step computes; each contribution of a backward step as
// its chain-rule line, split into the local derivative (and how it was evaluated) and the upstream gradient; how many
// contributions a value has received; and why a NaN, an infinity or a vanishing gradient appears. It writes no DOM: item()
// makes the list item that shows a line, for the page (the explorer's, the training page's) to put where it shows them.
"use strict";
/* global Numbers, GraphPasses */

/* exported Explanation */
const Explanation = (() => {
  const { short, operandNumber, spoken, isBad } = Numbers;
  const isLeaf = GraphPasses.isLeaf;

  // Explanations of what some functions do to a gradient. Words for learners, not formulas: the formulas are the ops' own.
  const FLATTENS = {
    tanh: "tanh is saturated",
    sigmoid: "sigmoid is saturated",
  };

  /** The texts for a graph model and its op table (microgradOps). */
  function create(graph, ops) {
    const nodes = graph.nodes;
    const root = graph.root;
    const OPS = ops;
    const isStored = GraphPasses.isStored;
    const feedsStored = GraphPasses.feedsStored(graph);
    const hooked = nodes.some(GraphPasses.isHooked);

    // ---------------------------------------------------------------------------------------------------------------
    // Names and formulas as a person reads them.

    const refName = (id) => {
      const name = nodes[id].name;
      return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `(${name})`;
    };

    /** An operand in a formula: a constant as its number, any other value as name.data. */
    const symbol = (id) => (nodes[id].constant ? (nodes[id].name.startsWith("-") ? `(${nodes[id].name})` : nodes[id].name) : `${refName(id)}.data`);

    /**
     * Fills {x}, {a}, {b}, {y}, {xs} in an op's text with each operand's and the result's text. A negative number put in
     * parentheses of its own ("(-2)") loses them where the text already has them: log(-2), not log((-2)).
     */
    function fill(text, node, show) {
      const op = OPS[node.op];
      return text.replace(/\{(x|a|b|y|xs)\}/g, (_, key) => {
        if (key === "y") return show(node.id);
        if (key === "xs") return node.operands.map(show).join(", ");
        const k = op.operands.indexOf(key);
        return k >= 0 ? show(node.operands[k]) : `{${key}}`;
      }).replace(/\(\((-[^()]+)\)\)/g, "($1)");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Why a NaN or an infinity appears: said where one first appears, from the numbers (and, for a few functions, their name).

    function forwardAnomaly(node, data) {
      const y = data[node.id];
      if (isLeaf(node) || !isBad(y)) return null;
      const xs = node.operands.map((k) => data[k]);
      const nanIn = xs.findIndex(Number.isNaN);
      const infIn = xs.findIndex((x) => x === Infinity || x === -Infinity);
      if (Number.isNaN(y) && nanIn >= 0) return { first: false, text: `NaN in, NaN out: ${refName(node.operands[nanIn])} is NaN` };
      if (!Number.isNaN(y) && infIn >= 0) return { first: false, text: `${spoken(y)} comes from ${refName(node.operands[infIn])}, which is ${spoken(xs[infIn])}` };
      const numeric = fill(OPS[node.op].forwardText, node, (id) => (isBad(data[id]) ? spoken(data[id]) : operandNumber(data[id])));
      let reason;
      const op = node.op;
      if (Number.isNaN(y)) {
        if (infIn >= 0) reason = "an infinity cancelled by another (∞ − ∞) or multiplied by 0 has no value";
        else if (op === "/" && xs[0] === 0 && xs[1] === 0) reason = "0 / 0 has no value";
        else if (xs.some((x) => x < 0)) reason = `${op === "log" ? "the logarithm" : op === "sqrt" ? "the square root" : op.startsWith("**") ? "a fractional power" : op} of a negative number is not a real number`;
        else reason = "this input is outside the function's domain";
      } else if (op === "/" && xs[1] === 0) {
        reason = "division by zero";
      } else if (op === "log" && xs[0] === 0) {
        reason = "the logarithm of 0 is −∞";
      } else if (op.startsWith("**") && xs[0] === 0) {
        reason = "0 to a negative power is infinite";
      } else {
        reason = "overflow: the result is beyond the largest double, about 1.8e308";
      }
      return { first: true, text: `${numeric} = ${spoken(y)}: ${reason}. ${Number.isNaN(y) ? "A NaN" : "An infinity"} first appears here and spreads to every value that uses this one.` };
    }

    function backwardAnomaly(event, derivative, to) {
      if (!isBad(event.contribution) && !isBad(event.after)) return null;
      if (isBad(event.g)) return { first: false, text: `the upstream gradient is already ${spoken(event.g)}, and passes on` };
      if (isBad(event.local)) {
        if (event.g === 0 && !Number.isNaN(event.local)) {
          return { first: true, text: `0 × ${spoken(event.local)} = NaN: a zero upstream gradient times an infinite local derivative has no value` };
        }
        return { first: true, text: `the local derivative ${derivative} is ${spoken(event.local)} here, so ${to}.grad receives ${spoken(event.contribution)}` };
      }
      if (isBad(event.contribution)) return { first: true, text: "overflow: local × upstream is beyond the largest double" };
      if (Number.isNaN(event.after) && !Number.isNaN(event.before)) {
        return { first: true, text: `${spoken(event.before)} + ${spoken(event.contribution)} = NaN: contributions of opposite infinite signs have no sum` };
      }
      return null;
    }

    function saturation(node, event, data) {
      const name = FLATTENS[node.op];
      if (name && Number.isFinite(event.local) && Math.abs(event.local) < 0.01) {
        const plain = OPS[node.op].derivativeText[0].replace(/\{(\w+)\}/g, "$1").replace(/^\((.*)\)$/, "$1");
        return `${name}: ${plain} = ${short(event.local)} ≈ 0, the gradient vanishes`;
      }
      if (node.op === "relu" && event.local === 0) {
        return `relu is off (its input ${short(data[node.operands[0]])} is not above 0): it passes no gradient back`;
      }
      return null;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The explanation of a step. A line is { parts: [[text, class]], factors: [[label, text, class]], notes: [[text, class]] }.

    const plainLine = (formula, ...notes) => ({ parts: [[formula, ""]], factors: [], notes: notes.filter(Boolean).map((t) => [t, "note"]) });

    function forwardLines(id, run) {
      const node = nodes[id];
      const data = run.data;
      if (node.constant) return [plainLine(`${node.name} (a constant)`, "a number of the expression: it is not an input, so it cannot be changed")];
      if (isLeaf(node)) {
        return [plainLine(`${refName(id)}.data = ${short(data[id])}`, feedsStored[id]
          ? "a leaf: an input or a parameter; it feeds a function the page cannot recompute, so it cannot be changed here"
          : hooked
          ? "a leaf: an input or a parameter; the graph has gradient hooks the page cannot rerun, so it cannot be changed here"
          : "a leaf: an input or a parameter; type a new value in the table, or select it to drag it")];
      }
      const text = OPS[node.op].forwardText;
      const symbolic = fill(text, node, symbol);
      const numeric = fill(text, node, (k) => operandNumber(data[k]));
      const line = plainLine(`${refName(id)}.data = ${symbolic} = ${numeric} = ${short(data[id])}`,
        isStored(node) && `${node.op} is defined in C# without a JavaScript twin: this is the engine's number, which the page cannot recompute`);
      const anomaly = forwardAnomaly(node, data);
      if (anomaly) line.notes.push([anomaly.text, anomaly.first ? "note error" : "note"]);
      return [line];
    }

    /** How many of a node's contributions it has received up to and including one event of the current step. */
    function receivedUpTo(events, index, engine) {
      const to = events[index].to;
      let later = 0;
      for (let i = index + 1; i < events.length; i++) if (events[i].to === to) later++;
      return engine.received[to] - later;
    }

    /** What a node's hooks did to its gradient, in words. */
    function hookNote(id) {
      const name = refName(id);
      return `a C# hook replaced ${name}'s gradient, ${id === root ? "1" : "the sum of its contributions"}: this is the hook's result, ` +
        `as the engine computed it${isLeaf(nodes[id]) ? "" : `, and what ${name} passes back`}`;
    }

    function backwardLines(id, run, engine) {
      const node = nodes[id];
      const lines = [];
      if (id === root) lines.push(plainLine(`${refName(root)}.grad = 1`, "the output: its gradient with respect to itself is 1"));
      const hook = run.hooks[id];
      if (hook) {
        lines.push(plainLine(`${refName(id)}.grad = ${short(hook.before)} → ${short(hook.after)}`, hookNote(id),
          isLeaf(node) && id !== root && `a leaf: nothing to pass back; its gradient is complete (${engine.received[id]} of ${engine.uses[id]} contribution${engine.uses[id] === 1 ? "" : "s"} received)`));
      }
      if (isLeaf(node)) {
        if (id !== root && !hook) {
          const k = engine.received[id];
          lines.push(plainLine(`${refName(id)}.grad = ${short(engine.grad[id])}`,
            `a leaf: nothing to pass back; its gradient is complete (${k} of ${engine.uses[id]} contribution${engine.uses[id] === 1 ? "" : "s"} received)`));
        }
        return lines;
      }
      const op = OPS[node.op];
      const events = run.events[id];
      events.forEach((event, index) => {
        const text = op.derivativeText[op.operands === "xs" ? 0 : event.k];
        const derivative = fill(text, node, symbol);
        const numbers = fill(text, node, (k) => operandNumber(run.data[k]));
        const to = refName(event.to);
        const upstream = `${refName(id)}.grad`;
        const parts = [
          [`${to}.grad += `, ""], [derivative, "local"], [" × ", ""], [upstream, "upstream"],
          [" = ", ""], [operandNumber(event.local), "local"], [" × ", ""], [operandNumber(event.g), "upstream"],
          [` = ${short(event.contribution)}`, ""],
        ];
        let local = `∂${refName(id)}/∂${to} = ${derivative}`;
        if (numbers !== derivative && numbers !== short(event.local)) local += ` = ${numbers}`;
        if (derivative !== short(event.local)) local += ` = ${short(event.local)}`;
        const factors = [["local", local, "local"], ["upstream", `${upstream} = ${short(event.g)}`, "upstream"]];
        const uses = engine.uses[event.to];
        const k = receivedUpTo(events, index, engine);
        const count = uses > 1 ? ` · ${k} of ${uses} contributions received${k === uses ? ": final" : ""}` : "";
        const notes = [[`${to}.grad: ${short(event.before)} → ${short(event.after)}${count}`, "note total"]];
        const completed = run.hooks[event.to];
        if (completed && k === uses && engine.skipLeaves && isLeaf(nodes[event.to])) {
          notes.push([`${to}.grad = ${short(completed.before)} → ${short(completed.after)}: ${hookNote(event.to)}`, "note"]);
        }
        if (isStored(node)) notes.push([`the local derivative is the engine's: ${node.op} has no JavaScript twin`, "note"]);
        const anomaly = backwardAnomaly(event, derivative, to);
        if (anomaly) notes.push([anomaly.text, anomaly.first ? "note error" : "note"]);
        const flat = saturation(node, event, run.data);
        if (flat) notes.push([flat, "note warn"]);
        lines.push({ parts, factors, notes });
      });
      return lines;
    }

    /**
     * The heading and the lines of the engine's current step. A line is { parts: [[text, class]], factors: [[label, text,
     * class]], notes: [[text, class]] }; drawn(id) says whether a value is in the picture.
     */
    function at(engine, run, drawn) {
      const step = engine.current;
      if (!step) {
        return {
          heading: engine.length === 0 ? "Nothing to step through" : "Ready",
          lines: [
            plainLine("Step → runs the forward pass: each node's data, in topological order.",
              "Then the backward pass applies the chain rule, node by node in reverse order: each gradient is local derivative × upstream gradient."),
            plainLine("Or start as the seed does: select a leaf and press “Nudge check” to estimate its gradient numerically."),
          ],
        };
      }
      const forward = step.phase === "forward";
      const index = forward ? engine.position : engine.position - engine.forwardCount;
      const count = forward ? engine.forwardCount : engine.length - engine.forwardCount;
      const cut = drawn(step.id) ? "" : " (not drawn)";
      return {
        heading: `${forward ? "Forward" : "Backward"} · step ${index} of ${count} · ${nodes[step.id].name}${cut}`,
        lines: forward ? forwardLines(step.id, run) : backwardLines(step.id, run, engine),
      };
    }

    return Object.freeze({ refName, at });
  }

  /** A line as a list item: its formula (local and upstream parts marked), its two factors, and its notes (textContent only). */
  function item(line) {
    const li = document.createElement("li");
    li.className = "line";
    const formula = document.createElement("span");
    formula.className = "formula";
    for (const [text, cls] of line.parts) {
      if (!cls) {
        formula.append(text);
        continue;
      }
      const span = document.createElement("span");
      span.className = cls;
      span.textContent = text;
      formula.appendChild(span);
    }
    li.appendChild(formula);
    for (const [label, text, cls] of line.factors) {
      const factor = document.createElement("span");
      factor.className = `factor ${cls}`;
      const tag = document.createElement("span");
      tag.className = "label";
      tag.textContent = label;
      factor.append(tag, " ", text);
      li.appendChild(factor);
    }
    for (const [text, cls] of line.notes) {
      const note = document.createElement("span");
      note.className = cls;
      note.textContent = text;
      li.appendChild(note);
    }
    return li;
  }

  return Object.freeze({ create, item });
})();
