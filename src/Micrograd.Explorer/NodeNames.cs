using System.Globalization;
using Micrograd.Graphs;
using Micrograd.Ops;

namespace Micrograd.Explorer;

/// <summary>
/// The names the page gives values in its formulas, table and picture: a value's label when it has one; a constant (an
/// unlabelled leaf) as its number (as the page writes numbers, <see cref="PageNumbers.Full"/>); any other value as the sub-expression that made it, written from its operands' names
/// as a person writes it (<c>w*x</c>, <c>w*x + b</c>, <c>1/y</c>, <c>tanh(z)</c>, <c>-x**2</c>), with parentheses only where
/// precedence needs them and cut with an ellipsis when longer than <see cref="MaxLength"/> characters. Labels are kept whole.
/// </summary>
/// <remarks>
/// The operators follow the expression language's precedence (Python's): <c>+ -</c>, then <c>* /</c>, then unary minus, then
/// <c>**</c> (right-associative); functions and n-ary ops are written as calls. An op this does not know as an operator is
/// written as a call of its name. A label that is neither a name nor a number is put in parentheses inside an operator.
/// </remarks>
internal static class NodeNames
{
    /// <summary>The longest name, in characters, ellipsis included.</summary>
    public const int MaxLength = 32;

    private const int Sum = 1;       // + -
    private const int Product = 2;   // * /
    private const int Negation = 3;  // unary minus
    private const int Power = 4;     // ** (right-associative)
    private const int Atom = 5;      // a name, a positive number, a call, a parenthesized text

    /// <summary>Every node's name, by id.</summary>
    public static string[] Of(ComputationGraph graph)
    {
        var nodes = graph.Nodes;
        var names = new string[nodes.Count];
        var precedence = new int[nodes.Count];
        for (var id = 0; id < nodes.Count; id++)
        {
            var node = nodes[id];
            (names[id], precedence[id]) = node switch
            {
                { Label.Length: > 0 } => (node.Label, LabelPrecedence(node.Label)),
                { IsLeaf: true } => Constant(node.Data),
                _ => Compose(node.Operation!, graph.EdgesInto(id), names, precedence),
            };
            if (node.Label.Length == 0) names[id] = Cut(names[id]);
        }
        return names;
    }

    /// <summary>Whether a value is a constant: a leaf without a label (a number of an expression), shown as its number and not editable.</summary>
    public static bool IsConstant(Value node) => node.IsLeaf && node.Label.Length == 0;

    private static (string, int) Constant(double x)
    {
        var text = PageNumbers.Full(x);
        return (text, text.StartsWith('-') ? Negation : Atom);
    }

    private static (string, int) Compose(Op op, ReadOnlySpan<GraphEdge> edges, string[] names, int[] precedence)
    {
        var operands = new int[edges.Length];
        for (var k = 0; k < edges.Length; k++) operands[k] = edges[k].From;
        string Operand(int k, int context, bool parenthesizeEqual)
        {
            var p = precedence[operands[k]];
            var name = names[operands[k]];
            return p < context || (parenthesizeEqual && p == context) ? $"({name})" : name;
        }

        // a constant power is the one unary op whose name starts with "**" (it carries its exponent: "**2")
        switch (op)
        {
            case { Arity: OpArity.Binary, Name: "+" or "-" }:
                return ($"{Operand(0, Sum, false)} {op.Name} {Operand(1, Sum, true)}", Sum);
            case { Arity: OpArity.Binary, Name: "*" or "/" }:
                return ($"{Operand(0, Product, false)}{op.Name}{Operand(1, Product, true)}", Product);
            case { Arity: OpArity.Binary, Name: "**" }:
                return ($"{Operand(0, Power, true)}**{Operand(1, Negation, false)}", Power);
            case { Arity: OpArity.Unary, Name: "neg" }:
                return ($"-{Operand(0, Negation, true)}", Negation);
            case { Arity: OpArity.Unary } when op.Name.StartsWith("**", StringComparison.Ordinal):
                return ($"{Operand(0, Power, true)}{op.Name}", Power);
            default:
                return ($"{op.Name}({string.Join(", ", operands.Select(k => names[k]))})", Atom);
        }
    }

    private static int LabelPrecedence(string label)
    {
        if (label.Length > 0 && (char.IsLetter(label[0]) || label[0] == '_') && label.All(c => char.IsLetterOrDigit(c) || c == '_')) return Atom;
        if (double.TryParse(label, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)) return x < 0 || label.StartsWith('-') ? Negation : Atom;
        return 0;
    }

    private static string Cut(string text)
    {
        if (text.Length <= MaxLength) return text;
        var end = MaxLength - 1;
        if (char.IsHighSurrogate(text[end - 1])) end--;
        return text[..end] + "…";
    }
}
