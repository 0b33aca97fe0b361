using Micrograd.Ops;

namespace Micrograd.Expressions;

internal enum InstructionKind
{
    Constant,
    Variable,
    Negate,
    Function,
    Add,
    Subtract,
    Multiply,
    Divide,
    Power,
}

/// <summary>One step of an expression in postfix order. A function (a <see cref="UnaryOp"/> or a <see cref="BinaryOp"/>)
/// takes its arguments from the stack, the last on top.</summary>
internal readonly record struct Instruction(InstructionKind Kind, double Constant = 0, int Variable = -1, Op? Function = null);

/// <summary>
/// Turns tokens into postfix instructions with an operator-precedence (shunting-yard) parser. It uses no recursion,
/// so input nested to any depth parses (and builds, and runs backward) without exhausting the call stack.
/// Precedence is Python's: <c>+ -</c> &lt; <c>* /</c> &lt; unary minus &lt; <c>**</c> (right-associative, and its
/// exponent may carry a unary minus). A function call's arguments are separated by commas, and their number is checked
/// when its parenthesis closes.
/// </summary>
internal sealed class Parser
{
    private const string OperandExpected = "expected a number, a variable, a function call or '('";

    private enum Pending { Open, FunctionOpen, Negate, Add, Subtract, Multiply, Divide, Power }

    /// <summary>A pending operator or parenthesis; a function's open parenthesis counts the commas seen in it.</summary>
    private readonly record struct StackEntry(Pending Kind, int Position, Op? Function = null, int Commas = 0);

    private readonly List<Instruction> _output = [];
    private readonly List<string> _variables = [];
    private readonly Stack<StackEntry> _stack = new();

    public static (List<Instruction> Program, List<string> Variables) Parse(string text)
    {
        var parser = new Parser();
        parser.Run(Lexer.Tokenize(text));
        return (parser._output, parser._variables);
    }

    private void Run(List<Token> tokens)
    {
        var expectOperand = true;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (expectOperand)
            {
                switch (token.Kind)
                {
                    case TokenKind.Number:
                        _output.Add(new Instruction(InstructionKind.Constant, Constant: token.Number));
                        expectOperand = false;
                        break;
                    case TokenKind.Name when tokens[i + 1].Kind == TokenKind.Open:
                        _stack.Push(new StackEntry(Pending.FunctionOpen, token.Position, LookUpFunction(token)));
                        i++;
                        break;
                    case TokenKind.Name:
                        _output.Add(new Instruction(InstructionKind.Variable, Variable: VariableIndex(token)));
                        expectOperand = false;
                        break;
                    case TokenKind.Open:
                        _stack.Push(new StackEntry(Pending.Open, token.Position));
                        break;
                    case TokenKind.Minus:
                        _stack.Push(new StackEntry(Pending.Negate, token.Position));
                        break;
                    case TokenKind.Plus:
                        break; // unary plus changes nothing
                    case TokenKind.Close when i > 0 && tokens[i - 1].Kind == TokenKind.Open && _stack.Peek().Kind == Pending.FunctionOpen:
                        throw ArgumentCountError(_stack.Peek(), 0);
                    default:
                        throw Error(token, OperandExpected);
                }
                continue;
            }

            switch (token.Kind)
            {
                case TokenKind.Plus: PushBinary(Pending.Add, token); break;
                case TokenKind.Minus: PushBinary(Pending.Subtract, token); break;
                case TokenKind.Star: PushBinary(Pending.Multiply, token); break;
                case TokenKind.Slash: PushBinary(Pending.Divide, token); break;
                case TokenKind.Power: PushBinary(Pending.Power, token); break;
                case TokenKind.Close:
                    CloseParenthesis(token);
                    continue;
                case TokenKind.Comma:
                    Comma(token);
                    break;
                case TokenKind.End:
                    Finish();
                    return;
                default:
                    throw Error(token, InCall() ? "expected an operator (+ - * / **), ',' or ')'" : "expected an operator (+ - * / **) or ')'");
            }
            expectOperand = true;
        }
        throw Error(tokens[^1], OperandExpected);
    }

    private static int Precedence(Pending kind) => kind switch
    {
        Pending.Add or Pending.Subtract => 1,
        Pending.Multiply or Pending.Divide => 2,
        Pending.Negate => 3,
        Pending.Power => 4,
        _ => 0, // parentheses are never popped by an operator
    };

    private void PushBinary(Pending kind, Token token)
    {
        var precedence = Precedence(kind);
        var rightAssociative = kind == Pending.Power;
        while (_stack.Count > 0)
        {
            var top = Precedence(_stack.Peek().Kind);
            if (top > precedence || (top == precedence && !rightAssociative)) Emit(_stack.Pop());
            else break;
        }
        _stack.Push(new StackEntry(kind, token.Position));
    }

    private void CloseParenthesis(Token token)
    {
        while (_stack.Count > 0)
        {
            var entry = _stack.Pop();
            if (entry.Kind == Pending.Open) return;
            if (entry.Kind == Pending.FunctionOpen)
            {
                var arguments = entry.Commas + 1;
                if (arguments != ArgumentCount(entry.Function!)) throw ArgumentCountError(entry, arguments);
                _output.Add(new Instruction(InstructionKind.Function, Function: entry.Function));
                return;
            }
            Emit(entry);
        }
        throw Error(token, "this ')' has no matching '('", describeFound: false);
    }

    /// <summary>Ends a function's argument: emits what is pending back to the function's parenthesis and counts the comma.</summary>
    private void Comma(Token token)
    {
        while (_stack.Count > 0 && _stack.Peek().Kind is not (Pending.Open or Pending.FunctionOpen)) Emit(_stack.Pop());
        if (_stack.Count == 0 || _stack.Peek().Kind != Pending.FunctionOpen)
        {
            throw new ExpressionException(
                $"',' at position {token.Position + 1} is not between a function's arguments: only a call takes commas, as in max(x, y)",
                token.Position);
        }
        var call = _stack.Pop();
        _stack.Push(call with { Commas = call.Commas + 1 });
    }

    /// <summary>Whether the innermost open parenthesis is a function call's.</summary>
    private bool InCall()
    {
        foreach (var entry in _stack)
        {
            if (entry.Kind is Pending.Open or Pending.FunctionOpen) return entry.Kind == Pending.FunctionOpen;
        }
        return false;
    }

    private static int ArgumentCount(Op function) => function is BinaryOp ? 2 : 1;

    private static ExpressionException ArgumentCountError(StackEntry call, int found)
    {
        var function = call.Function!;
        var expected = ArgumentCount(function);
        var example = expected == 2 ? $": separate them with a comma, as in {function.Name}(x, y)" : "";
        return new ExpressionException(
            $"{function.Name} takes {expected} argument{(expected == 1 ? "" : "s")}, found {(found == 0 ? "none" : found)} (the call at position {call.Position + 1}){example}",
            call.Position);
    }

    private void Finish()
    {
        while (_stack.Count > 0)
        {
            var entry = _stack.Pop();
            if (entry.Kind is Pending.Open or Pending.FunctionOpen)
            {
                var opened = entry.Kind == Pending.Open ? "the '('" : $"the call {entry.Function!.Name}(";
                throw new ExpressionException(
                    $"missing ')' at the end of the expression: {opened} at position {entry.Position + 1} is never closed", entry.Position);
            }
            Emit(entry);
        }
    }

    private void Emit(StackEntry entry) => _output.Add(new Instruction(entry.Kind switch
    {
        Pending.Negate => InstructionKind.Negate,
        Pending.Add => InstructionKind.Add,
        Pending.Subtract => InstructionKind.Subtract,
        Pending.Multiply => InstructionKind.Multiply,
        Pending.Divide => InstructionKind.Divide,
        Pending.Power => InstructionKind.Power,
        _ => throw new InvalidOperationException($"cannot emit {entry.Kind}"),
    }));

    private static Op LookUpFunction(Token token) =>
        OpCatalog.FunctionsByName.TryGetValue(token.Text, out var op)
            ? op
            : throw new ExpressionException(
                $"unknown function '{token.Text}' at position {token.Position + 1}: expected one of {string.Join(", ", OpCatalog.Functions.Select(f => f.Name))}",
                token.Position);

    private int VariableIndex(Token token)
    {
        if (OpCatalog.FunctionsByName.ContainsKey(token.Text))
        {
            throw new ExpressionException(
                $"'{token.Text}' at position {token.Position + 1} is a function: expected '(' after it, as in {token.Text}(x)", token.Position);
        }
        var index = _variables.IndexOf(token.Text);
        if (index >= 0) return index;
        _variables.Add(token.Text);
        return _variables.Count - 1;
    }

    private static ExpressionException Error(Token token, string expected, bool describeFound = true)
    {
        var where = token.Kind == TokenKind.End ? "at the end of the expression" : $"at position {token.Position + 1}";
        var found = describeFound ? $", found {token.Describe()}" : "";
        var message = token.Kind == TokenKind.End && describeFound
            ? $"unexpected end of the expression: {expected}"
            : $"{expected} {where}{found}";
        if (!describeFound) message = $"{expected} ({where})";
        return new ExpressionException(message, token.Position);
    }
}
