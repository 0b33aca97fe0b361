namespace Micrograd.Cli;

/// <summary>
/// Reads <c>grad</c>'s <c>--direction x=1,y=0</c>: a vector with a component per variable, for the directional derivative.
/// A variable left out is 0, so <c>--direction x=1</c> gives ∂f/∂x. Components are finite numbers (an infinite or NaN one
/// would make the derivative meaningless).
/// </summary>
internal static class Direction
{
    public const string Option = "--direction";

    /// <summary>The vector, one component per name of <paramref name="variables"/>, in that order.</summary>
    /// <exception cref="UsageException">The text is empty, a component is not NAME=NUMBER, names no variable or is given
    /// twice, or its number is not a finite number.</exception>
    public static double[] Parse(string text, IReadOnlyList<string> variables)
    {
        if (text.Trim().Length == 0)
            throw new UsageException($"{Option} is empty: give a component for one or more variables, as in {Option} x=1,y=0");
        var vector = new double[variables.Count];
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split(','))
        {
            var item = raw.Trim();
            if (item.Length == 0)
                throw new UsageException($"{Option} '{text}' has an empty component: separate NAME=NUMBER components with single commas, as in x=1,y=0");
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? "" : item[..eq].Trim();
            if (name.Length == 0) throw new UsageException($"'{item}' in {Option} '{text}' is not NAME=NUMBER: write the direction as in x=1,y=0");
            var number = item[(eq + 1)..];
            var index = IndexOf(variables, name);
            if (index < 0) throw new UsageException($"{Option} names '{name}', which the expression does not use ({Expressions.Expression.KnownVariables(variables)})");
            if (!Numbers.TryParse(number, out var value, out var problem) || !double.IsFinite(value))
                throw new UsageException($"'{number.Trim()}' in {Option} '{text}' {problem ?? "is not finite"}: write a finite number such as 1, -0.5 or 2e-3");
            if (!seen.TryAdd(name, item)) throw new UsageException($"'{name}' is given twice in {Option} ('{seen[name]}' and '{item}')");
            vector[index] = value;
        }
        return vector;
    }

    /// <summary>The vector as the tool prints it: every component, the ones left out as 0, such as <c>x=1, y=0</c>.</summary>
    public static string Format(IReadOnlyList<string> variables, IReadOnlyList<double> vector) =>
        string.Join(", ", variables.Select((name, i) => $"{name}={Numbers.Format(vector[i])}"));

    private static int IndexOf(IReadOnlyList<string> variables, string name)
    {
        for (var i = 0; i < variables.Count; i++)
        {
            if (string.Equals(variables[i], name, StringComparison.Ordinal)) return i;
        }
        return -1;
    }
}
