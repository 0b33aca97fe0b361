// The expression language's parser, the twin of the engine's (src/Micrograd/Expressions/Parser.cs): an operator-precedence
// (shunting-yard) parser with no recursion, Python's precedence (+ - < * / < unary minus < **, right-associative, whose
// exponent may carry a unary minus), function calls checked for their number of arguments when their parenthesis closes,
// and the same error messages. The functions are the engine's, read from the page (the #expression-language element).
//
// parse(text, functions) gives { program, variables }: the program is postfix instructions { kind, constant, variable,
// fn } (kind Constant, Variable, Negate, Function, Add, Subtract, Multiply, Divide or Power; fn: { name, arity }), the
// variables each name once, in order of first appearance.
"use strict";
/* global ExpressionLexer */
/* exported ExpressionParser */

const ExpressionParser = (() => {
  const { tokenize, describe, ExpressionError } = ExpressionLexer;
  const OPERAND_EXPECTED = "expected a number, a variable, a function call or '('";
  const BINARY = { Plus: "Add", Minus: "Subtract", Star: "Multiply", Slash: "Divide", Power: "Power" };
  const PRECEDENCE = { Add: 1, Subtract: 1, Multiply: 2, Divide: 2, Negate: 3, Power: 4 };
  const precedence = (kind) => PRECEDENCE[kind] || 0; // parentheses are never popped by an operator

  function error(token, expected, describeFound = true) {
    const end = token.kind === "End";
    const where = end ? "at the end of the expression" : `at position ${token.position + 1}`;
    const found = describeFound ? `, found ${describe(token)}` : "";
    let message = end && describeFound ? `unexpected end of the expression: ${expected}` : `${expected} ${where}${found}`;
    if (!describeFound) message = `${expected} (${where})`;
    return new ExpressionError(message, token.position);
  }

  function argumentCountError(call, found) {
    const fn = call.fn;
    const example = fn.arity === 2 ? `: separate them with a comma, as in ${fn.name}(x, y)` : "";
    return new ExpressionError(
      `${fn.name} takes ${fn.arity} argument${fn.arity === 1 ? "" : "s"}, found ${found === 0 ? "none" : found} (the call at position ${call.position + 1})${example}`,
      call.position);
  }

  /** Parses a text with the given functions ([[name, arity], …], in the engine's order); throws an ExpressionError. */
  function parse(text, functions) {
    const byName = new Map(functions.map(([name, arity]) => [name, { name, arity }]));
    const tokens = tokenize(text);
    const output = [];
    const variables = [];
    const stack = []; // { kind: Open, FunctionOpen or an operator, position, fn, commas }
    const top = () => stack[stack.length - 1];
    const emit = (entry) => output.push({ kind: entry.kind });

    function lookUpFunction(token) {
      const fn = byName.get(token.text);
      if (fn) return fn;
      throw new ExpressionError(
        `unknown function '${token.text}' at position ${token.position + 1}: expected one of ${functions.map(([name]) => name).join(", ")}`, token.position);
    }

    function variableIndex(token) {
      if (byName.has(token.text)) {
        throw new ExpressionError(`'${token.text}' at position ${token.position + 1} is a function: expected '(' after it, as in ${token.text}(x)`, token.position);
      }
      const index = variables.indexOf(token.text);
      if (index >= 0) return index;
      variables.push(token.text);
      return variables.length - 1;
    }

    function pushBinary(kind, token) {
      const p = precedence(kind);
      while (stack.length > 0) {
        const q = precedence(top().kind);
        if (q > p || (q === p && kind !== "Power")) emit(stack.pop());
        else break;
      }
      stack.push({ kind, position: token.position });
    }

    function closeParenthesis(token) {
      while (stack.length > 0) {
        const entry = stack.pop();
        if (entry.kind === "Open") return;
        if (entry.kind === "FunctionOpen") {
          const count = entry.commas + 1;
          if (count !== entry.fn.arity) throw argumentCountError(entry, count);
          output.push({ kind: "Function", fn: entry.fn });
          return;
        }
        emit(entry);
      }
      throw error(token, "this ')' has no matching '('", false);
    }

    function comma(token) {
      while (stack.length > 0 && top().kind !== "Open" && top().kind !== "FunctionOpen") emit(stack.pop());
      if (stack.length === 0 || top().kind !== "FunctionOpen") {
        throw new ExpressionError(
          `',' at position ${token.position + 1} is not between a function's arguments: only a call takes commas, as in max(x, y)`, token.position);
      }
      top().commas++;
    }

    /** Whether the innermost open parenthesis is a function call's. */
    function inCall() {
      for (let k = stack.length - 1; k >= 0; k--) {
        if (stack[k].kind === "Open" || stack[k].kind === "FunctionOpen") return stack[k].kind === "FunctionOpen";
      }
      return false;
    }

    function finish() {
      while (stack.length > 0) {
        const entry = stack.pop();
        if (entry.kind === "Open" || entry.kind === "FunctionOpen") {
          const opened = entry.kind === "Open" ? "the '('" : `the call ${entry.fn.name}(`;
          throw new ExpressionError(`missing ')' at the end of the expression: ${opened} at position ${entry.position + 1} is never closed`, entry.position);
        }
        emit(entry);
      }
    }

    let expectOperand = true;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (expectOperand) {
        if (token.kind === "Number") {
          output.push({ kind: "Constant", constant: token.number });
          expectOperand = false;
        } else if (token.kind === "Name" && tokens[i + 1].kind === "Open") {
          stack.push({ kind: "FunctionOpen", position: token.position, fn: lookUpFunction(token), commas: 0 });
          i++;
        } else if (token.kind === "Name") {
          output.push({ kind: "Variable", variable: variableIndex(token) });
          expectOperand = false;
        } else if (token.kind === "Open") {
          stack.push({ kind: "Open", position: token.position });
        } else if (token.kind === "Minus") {
          stack.push({ kind: "Negate", position: token.position });
        } else if (token.kind === "Close" && i > 0 && tokens[i - 1].kind === "Open" && top().kind === "FunctionOpen") {
          throw argumentCountError(top(), 0);
        } else if (token.kind !== "Plus") { // unary plus changes nothing
          throw error(token, OPERAND_EXPECTED);
        }
        continue;
      }
      if (BINARY[token.kind]) {
        pushBinary(BINARY[token.kind], token);
      } else if (token.kind === "Close") {
        closeParenthesis(token);
        continue;
      } else if (token.kind === "Comma") {
        comma(token);
      } else if (token.kind === "End") {
        finish();
        return { program: output, variables };
      } else {
        throw error(token, inCall() ? "expected an operator (+ - * / **), ',' or ')'" : "expected an operator (+ - * / **) or ')'");
      }
      expectOperand = true;
    }
    throw error(tokens[tokens.length - 1], OPERAND_EXPECTED);
  }

  return Object.freeze({ parse });
})();
