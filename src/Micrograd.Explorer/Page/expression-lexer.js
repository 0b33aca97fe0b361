// The expression language's lexer, the twin of the engine's (src/Micrograd/Expressions/Lexer.cs): the same tokens, the
// same numbers (read as double.Parse reads them: correctly rounded) and the same error messages, positions 1-based in
// UTF-16 code units as in C#. A token is { kind, position (0-based), text, number }.
"use strict";

/* exported ExpressionLexer */
const ExpressionLexer = (() => {
  const isDigit = (c) => c >= "0" && c <= "9";
  const isLetter = (c) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z");
  // .NET's char.IsWhiteSpace: JavaScript's \s, with U+0085 and without U+FEFF
  const isWhiteSpace = (c) => c === "\u0085" || (c !== "\ufeff" && /^\s$/.test(c));

  /** An error of the expression language: its message and the 0-based position it is about (-1: none). */
  class ExpressionError extends Error {
    constructor(message, position = -1) {
      super(message);
      this.name = "ExpressionError";
      this.position = position;
    }
  }

  const SYMBOLS = { "+": "Plus", "-": "Minus", "*": "Star", "/": "Slash", "(": "Open", ")": "Close", ",": "Comma" };

  /** The tokens of a text, ending with an End token; throws an ExpressionError. */
  function tokenize(text) {
    const tokens = [];
    let i = 0;
    while (i < text.length) {
      const c = text[i];
      if (isWhiteSpace(c)) {
        i++;
        continue;
      }
      const start = i;
      if (isDigit(c) || (c === "." && i + 1 < text.length && isDigit(text[i + 1]))) {
        const token = readNumber(text, i);
        tokens.push(token);
        i += token.text.length;
      } else if (isLetter(c) || c === "_") {
        while (i < text.length && (isLetter(text[i]) || isDigit(text[i]) || text[i] === "_")) i++;
        tokens.push({ kind: "Name", position: start, text: text.slice(start, i), number: 0 });
      } else {
        const power = c === "*" && i + 1 < text.length && text[i + 1] === "*";
        const kind = power ? "Power" : SYMBOLS[c];
        if (kind === undefined) {
          throw new ExpressionError(
            `unexpected character '${c}' at position ${start + 1}: expected a number, a name, an operator (+ - * / **) or a parenthesis`, start);
        }
        const length = power ? 2 : 1;
        tokens.push({ kind, position: start, text: text.slice(start, start + length), number: 0 });
        i += length;
      }
    }
    tokens.push({ kind: "End", position: text.length, text: "", number: 0 });
    return tokens;
  }

  function readNumber(text, start) {
    let i = start;
    while (i < text.length && isDigit(text[i])) i++;
    if (i < text.length && text[i] === ".") {
      i++;
      while (i < text.length && isDigit(text[i])) i++;
    }
    if (i < text.length && (text[i] === "e" || text[i] === "E")) {
      let j = i + 1;
      if (j < text.length && (text[j] === "+" || text[j] === "-")) j++;
      if (j < text.length && isDigit(text[j])) {
        while (j < text.length && isDigit(text[j])) j++;
        i = j;
      } else {
        throw new ExpressionError(
          `malformed number '${text.slice(start, Math.min(j, text.length))}' at position ${start + 1}: expected digits after the exponent 'e'`, start);
      }
    }
    const literal = text.slice(start, i);
    const value = Number(literal);
    if (!Number.isFinite(value)) {
      // as everywhere else in the tool: an out-of-range number is an error, not silently an infinity
      const shown = literal.length <= 40 ? literal : `${literal.slice(0, 40)}…`;
      throw new ExpressionError(`the number '${shown}' at position ${start + 1} is too large for a double (at most about 1.8e308)`, start);
    }
    return { kind: "Number", position: start, text: literal, number: value };
  }

  /** How an error message names a token (Token.Describe). */
  function describe(token) {
    switch (token.kind) {
      case "End": return "the end of the expression";
      case "Number": return `the number ${token.text}`;
      case "Name": return `the name '${token.text}'`;
      default: return `'${token.text}'`;
    }
  }

  return Object.freeze({ tokenize, describe, ExpressionError });
})();
