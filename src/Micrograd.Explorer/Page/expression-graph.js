// An expression's graph, built in the page as the engine builds it (Expression.Build, ComputationGraph.Trace, NodeNames):
// each variable one leaf labelled with its name, each number an unlabelled constant leaf, except a constant exponent,
// which makes a constant power (x ** 2: the op "**2"); the nodes in the engine's topological order (depth first from the
// root, operands in order, each node after its operands), named as the engine names them. The result is a graph model as
// the engine writes it (GraphModel.cs), with the data and gradients the page's own passes compute, so that the rest of the
// page cannot tell it from one the engine wrote.
"use strict";
/* global GraphPasses, NodeNames */
/* exported ExpressionGraph */

const ExpressionGraph = (() => {
  /** A number as .NET's "R" writes it (the engine's op names: "**0.25", "**1E-05"): shortest digits, scientific below 1e-4 and from 1e17. */
  function dotnet(x) {
    if (x === 0) return Object.is(x, -0) ? "-0" : "0";
    const [mantissa, exponent] = Math.abs(x).toExponential().split("e");
    const digits = mantissa.replace(".", "");
    const d = Number(exponent);
    let text;
    if (d < -4 || d >= 17) text = `${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ""}E${d < 0 ? "-" : "+"}${String(Math.abs(d)).padStart(2, "0")}`;
    else if (d < 0) text = `0.${"0".repeat(-d - 1)}${digits}`;
    else text = digits.length > d + 1 ? `${digits.slice(0, d + 1)}.${digits.slice(d + 1)}` : digits + "0".repeat(d + 1 - digits.length);
    return (x < 0 ? "-" : "") + text;
  }

  /** A number as the ops' texts write it (OpText.Number): "R", a negative one in parentheses. */
  const textNumber = (x) => (Number.isNaN(x) ? "NaN" : x === Infinity ? "Infinity" : x === -Infinity ? "(-Infinity)" : x < 0 || Object.is(x, -0) ? `(${dotnet(x)})` : dotnet(x));

  const ARITHMETIC = { Add: "+", Subtract: "-", Multiply: "*", Divide: "/" };

  /**
   * The nodes of a parsed expression at the variables' values (an array, in variable order): { op, operands (nodes),
   * label, constant, data (leaves only), exponent (constant powers) }; returns the root.
   */
  function build(parsed, values) {
    const leaves = parsed.variables.map((name, k) => ({ op: "", operands: [], label: name, constant: false, data: values[k] }));
    const asValue = (operand) => operand.node || { op: "", operands: [], label: "", constant: true, data: operand.constant };
    const node = (op, operands, exponent) => ({ node: { op, operands, label: "", constant: false, exponent } });
    const stack = [];
    for (const instruction of parsed.program) {
      switch (instruction.kind) {
        case "Constant":
          stack.push({ node: null, constant: instruction.constant });
          break;
        case "Variable":
          stack.push({ node: leaves[instruction.variable] });
          break;
        case "Negate": {
          const x = stack.pop();
          stack.push(x.node ? node("neg", [x.node]) : { node: null, constant: -x.constant });
          break;
        }
        case "Function": {
          const operands = instruction.fn.arity === 2 ? [stack.pop()] : [];
          operands.unshift(stack.pop());
          stack.push(node(instruction.fn.name, operands.map(asValue)));
          break;
        }
        default: {
          const right = stack.pop();
          const left = asValue(stack.pop());
          if (instruction.kind !== "Power") stack.push(node(ARITHMETIC[instruction.kind], [left, asValue(right)]));
          else if (right.node) stack.push(node("**", [left, right.node]));
          else {
            const e = right.constant === 0 ? 0 : right.constant; // the engine's constant power of -0 is its power of 0
            stack.push(node(`**${dotnet(e)}`, [left], e));
          }
        }
      }
    }
    return asValue(stack.pop());
  }

  /** The nodes in the engine's topological order: depth first from the root, operands in order, each after its operands. */
  function order(root) {
    const seen = new Set([root]);
    const list = [];
    const path = [{ node: root, next: 0 }];
    while (path.length > 0) {
      const at = path[path.length - 1];
      if (at.next < at.node.operands.length) {
        const child = at.node.operands[at.next++];
        if (!seen.has(child)) {
          seen.add(child);
          path.push({ node: child, next: 0 });
        }
      } else {
        list.push(path.pop().node);
      }
    }
    return list;
  }

  /**
   * The graph model of a parsed expression at the variables' values (an array, in variable order), every op's twin found
   * in ops (a constant power of an exponent not there yet is added, made by power(e)). Its title is the text, its point
   * the variables; its data and gradients are the page's passes at those values.
   */
  function model(text, parsed, values, ops, power) {
    const list = order(build(parsed, values));
    const id = new Map(list.map((node, k) => [node, k]));
    const names = [];
    const precedence = [];
    const nodes = list.map((node, k) => {
      const operands = node.operands.map((operand) => id.get(operand));
      const [name, p] = NodeNames.of(node, operands, names, precedence);
      names.push(name);
      precedence.push(p);
      if (node.exponent !== undefined && !ops[node.op]) ops[node.op] = power(node.exponent);
      const entry = { id: k, name: names[k], label: node.label, op: node.op, operands, data: node.data, grad: 0, constant: node.constant, drawn: true };
      if (node.exponent !== undefined) entry.exponent = node.exponent;
      return entry;
    });
    const point = parsed.variables.map((name) => nodes.findIndex((node) => node.label === name));
    const graph = { title: text, point, rankdir: "LR", root: nodes.length - 1, nodes, typed: true };
    const leafValue = nodes.map((node) => (node.op === "" ? node.data : NaN));
    const run = GraphPasses.compute(graph, ops, leafValue);
    for (const node of nodes) {
      node.data = run.data[node.id];
      node.grad = run.grad[node.id];
    }
    return graph;
  }

  return Object.freeze({ model, dotnet, textNumber });
})();
