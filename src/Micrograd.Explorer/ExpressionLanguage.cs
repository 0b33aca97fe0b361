using System.Text;
using Micrograd.Ops;

namespace Micrograd.Explorer;

/// <summary>
/// What the explorer's expression box needs to parse and build an expression as <see cref="Expressions.Expression"/> does:
/// the functions by name with their number of arguments (as JSON, for the page's parser), and every op an expression can
/// make (for the page's op table; a constant power of another exponent comes from <see cref="PowerTwin"/>).
/// </summary>
internal static class ExpressionLanguage
{
    /// <summary>The ops an expression can make: the arithmetic, the functions, and the constant powers whose twin is not the
    /// general one.</summary>
    public static IEnumerable<Op> Ops =>
        OpCatalog.All.Where(op => Arithmetic.Contains(op.Name)).Concat(OpCatalog.Functions)
            .Concat(PowerTwin.ShortcutExponents.Select(e => new Value(1).Pow(e).Operation!));

    /// <summary>The ops of the operators: + - * / ** and unary minus.</summary>
    private static readonly string[] Arithmetic = ["+", "-", "*", "/", "**", "neg"];

    /// <summary><c>{"functions": [["abs", 1], …, ["max", 2], …]}</c>, in the engine's order.</summary>
    public static string Json
    {
        get
        {
            var sb = new StringBuilder("{\"functions\": [");
            sb.AppendJoin(", ", OpCatalog.Functions.Select(op => $"[\"{op.Name}\", {(op.Arity == OpArity.Binary ? 2 : 1)}]"));
            return sb.Append("]}").ToString();
        }
    }
}
