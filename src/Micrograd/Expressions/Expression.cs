using Micrograd.Ops;

namespace Micrograd.Expressions;

/// <summary>
/// A parsed expression of the expression language: numbers, variables, <c>+ - * /</c>, <c>**</c> (right-associative,
/// binding tighter than unary minus, as in Python: <c>-x ** 2</c> is <c>-(x ** 2)</c>), unary minus, parentheses and
/// the functions of <see cref="OpCatalog.Functions"/>: abs, atan, cos, elu, exp, expm1, gelu, hardtanh, leaky_relu, log,
/// log1p, relu, sigmoid, sin, softplus, sqrt and tanh of one argument, and max and min of two, separated by a comma
/// (<c>max(x, y)</c>). Parsing and building use no recursion,
/// so nesting depth is limited only by memory.
/// </summary>
/// <example><code>
/// var graph = Expression.Parse("tanh(w * x + b)").Build(new Dictionary&lt;string, double&gt; { ["w"] = 0.5, ["x"] = 2, ["b"] = -1 });
/// graph.Root.Backward();
/// double dw = graph.Variables["w"].Grad;
/// </code></example>
public sealed class Expression
{
    private readonly List<Instruction> _program;
    private readonly List<string> _variables;

    private Expression(string text, List<Instruction> program, List<string> variables)
    {
        Text = text;
        _program = program;
        _variables = variables;
    }

    /// <summary>The text this expression was parsed from.</summary>
    public string Text { get; }

    /// <summary>The variable names, each once, in order of first appearance.</summary>
    public IReadOnlyList<string> Variables => _variables;

    /// <summary>Parses expression text.</summary>
    /// <param name="text">The expression, such as <c>x ** 2 + sin(y)</c>.</param>
    /// <returns>The parsed expression.</returns>
    /// <exception cref="ExpressionException">The text is not an expression; the message gives the 1-based position and what was expected.</exception>
    public static Expression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (program, variables) = Parser.Parse(text);
        return new Expression(text, program, variables);
    }

    /// <summary>
    /// Builds the expression's graph at a point. Each variable becomes one leaf labelled with its name, however often it is
    /// used; each number becomes an unlabelled constant leaf, except a constant exponent, which becomes <see cref="Value.Pow(double)"/>.
    /// </summary>
    /// <param name="values">A value for every variable, and for nothing else.</param>
    /// <returns>The root and the variable leaves.</returns>
    /// <exception cref="ExpressionException">A variable has no value, or a value names no variable of the expression.</exception>
    public ExpressionGraph Build(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var missing = _variables.Where(v => !values.ContainsKey(v)).ToList();
        if (missing.Count > 0)
            throw new ExpressionException($"no value given for {Names(missing)}: give each variable a value, as in {missing[0]}=1.5");
        var unused = values.Keys.Where(k => !_variables.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unused.Count > 0)
        {
            throw new ExpressionException($"a value was given for {Names(unused)}, which the expression does not use ({KnownVariables(_variables)})");
        }

        var leaves = _variables.Select(name => new Value(values[name], name)).ToArray();
        var stack = new Stack<Operand>();
        foreach (var instruction in _program)
        {
            switch (instruction.Kind)
            {
                case InstructionKind.Constant:
                    stack.Push(Operand.Of(instruction.Constant));
                    break;
                case InstructionKind.Variable:
                    stack.Push(new Operand(leaves[instruction.Variable], 0));
                    break;
                case InstructionKind.Negate:
                    var x = stack.Pop();
                    stack.Push(x.IsConstant ? Operand.Of(-x.Constant) : new Operand(-x.Value!, 0));
                    break;
                case InstructionKind.Function when instruction.Function is BinaryOp binary:
                    var second = stack.Pop().AsValue();
                    stack.Push(new Operand(Value.Binary(binary, stack.Pop().AsValue(), second), 0));
                    break;
                case InstructionKind.Function:
                    stack.Push(new Operand(Value.Unary((UnaryOp)instruction.Function!, stack.Pop().AsValue()), 0));
                    break;
                default:
                    var right = stack.Pop();
                    var left = stack.Pop().AsValue();
                    stack.Push(new Operand(instruction.Kind switch
                    {
                        InstructionKind.Add => left + right.AsValue(),
                        InstructionKind.Subtract => left - right.AsValue(),
                        InstructionKind.Multiply => left * right.AsValue(),
                        InstructionKind.Divide => left / right.AsValue(),
                        _ => right.IsConstant ? left.Pow(right.Constant) : left.Pow(right.Value!),
                    }, 0));
                    break;
            }
        }
        var root = stack.Pop().AsValue();
        return new ExpressionGraph(root, _variables.Zip(leaves).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));
    }

    /// <inheritdoc/>
    public override string ToString() => Text;

    /// <summary>An expression's variables as a message names them, for a message about a name it does not use: <c>its
    /// variables are x, y</c>, or <c>it has no variables</c> (the library's and the tool's wording).</summary>
    /// <param name="variables">The variables, in the order to name them (<see cref="Variables"/>).</param>
    public static string KnownVariables(IReadOnlyCollection<string> variables) =>
        variables.Count == 0 ? "it has no variables" : $"its variables are {string.Join(", ", variables)}";

    private static string Names(List<string> names) =>
        (names.Count == 1 ? "variable " : "variables ") + string.Join(", ", names.Select(n => $"'{n}'"));

    /// <summary>An operand during building: a graph node, or a number not yet turned into a leaf.</summary>
    private readonly record struct Operand(Value? Value, double Constant)
    {
        public bool IsConstant => Value is null;

        public static Operand Of(double constant) => new(null, constant);

        public Value AsValue() => Value ?? new Value(Constant);
    }
}

/// <summary>The graph of an <see cref="Expression"/> at one point.</summary>
public sealed class ExpressionGraph
{
    internal ExpressionGraph(Value root, IReadOnlyDictionary<string, Value> variables)
    {
        Root = root;
        Variables = variables;
    }

    /// <summary>The node whose value is the expression's value.</summary>
    public Value Root { get; }

    /// <summary>Each variable's leaf, by name.</summary>
    public IReadOnlyDictionary<string, Value> Variables { get; }

    /// <summary>
    /// Zeroes the variables' gradients, runs <see cref="Value.Backward"/> on the root and returns each variable's gradient,
    /// by name. Non-finite gradients are returned as they are (NaN, ±∞).
    /// </summary>
    /// <returns>d(root)/d(variable) for each variable.</returns>
    public IReadOnlyDictionary<string, double> Gradients()
    {
        Variables.Values.ZeroGrad();
        Root.Backward();
        return Variables.ToDictionary(p => p.Key, p => p.Value.Grad, StringComparer.Ordinal);
    }
}
