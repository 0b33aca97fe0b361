// The engine's names of values (NodeNames.cs), made in the page for a graph the page builds itself (a typed expression, a
// sample graph of another network, one position of a GPT): a label, a constant's number as .NET writes it, or the op
// written over its operands' names, with parentheses where precedence needs them; an unlabelled name longer than 32
// characters is cut and ends with "…".
"use strict";
/* global Numbers */
/* exported NodeNames */

const NodeNames = (() => {
  const SUM = 1, PRODUCT = 2, NEGATION = 3, POWER = 4, ATOM = 5; // + -, * /, unary minus, ** (right-associative), the rest
  const MAX_LENGTH = 32;

  /** A label's precedence: a name is an atom, a number one too (a negation when negative), anything else binds least. */
  function labelPrecedence(label) {
    if (/^[\p{L}_][\p{L}\p{Nd}_]*$/u.test(label)) return ATOM;
    if (/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$|^[-+]?(Infinity|∞)$|^NaN$/.test(label)) return label.trim().startsWith("-") ? NEGATION : ATOM;
    return 0;
  }

  /** A name cut to 32 characters (ending with "…"), never between the two halves of a surrogate pair. */
  function cut(text) {
    if (text.length <= MAX_LENGTH) return text;
    let end = MAX_LENGTH - 1;
    const c = text.charCodeAt(end - 1);
    if (c >= 0xd800 && c <= 0xdbff) end--;
    return `${text.slice(0, end)}…`;
  }

  /**
   * A value's name and its precedence: [name, precedence]. node: { label, op, data }; operands: its operands' ids; names and
   * precedence: those of the values before it, by id.
   */
  function of(node, operands, names, precedence) {
    if (node.label !== "") return [node.label, labelPrecedence(node.label)];
    if (node.op === "") {
      const text = Numbers.full(node.data);
      return [text, text.startsWith("-") ? NEGATION : ATOM];
    }
    const operand = (k, context, parenthesizeEqual) => {
      const p = precedence[operands[k]];
      const name = names[operands[k]];
      return p < context || (parenthesizeEqual && p === context) ? `(${name})` : name;
    };
    const op = node.op;
    let named;
    if (op === "+" || op === "-") named = [`${operand(0, SUM, false)} ${op} ${operand(1, SUM, true)}`, SUM];
    else if (op === "*" || op === "/") named = [`${operand(0, PRODUCT, false)}${op}${operand(1, PRODUCT, true)}`, PRODUCT];
    else if (op === "**") named = [`${operand(0, POWER, true)}**${operand(1, NEGATION, false)}`, POWER];
    else if (op === "neg") named = [`-${operand(0, NEGATION, true)}`, NEGATION];
    else if (op.startsWith("**")) named = [`${operand(0, POWER, true)}${op}`, POWER];
    else named = [`${op}(${operands.map((k) => names[k]).join(", ")})`, ATOM];
    return [cut(named[0]), named[1]];
  }

  return Object.freeze({ of });
})();
