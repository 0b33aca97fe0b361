namespace Micrograd.Cli;

/// <summary>Reads <c>NAME=VALUE</c> arguments, such as <c>x=3</c>, <c>w0=-1.5e-3</c> or <c>y=NaN</c>.</summary>
internal static class VariableAssignments
{
    /// <summary>Each name's value, in the order given.</summary>
    /// <exception cref="UsageException">An item is not NAME=VALUE, its name is not a variable name, its value is not a number, or a name is given twice.</exception>
    public static IReadOnlyDictionary<string, double> Parse(IEnumerable<string> items)
    {
        var values = new OrderedDictionary<string, double>(StringComparer.Ordinal);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var eq = item.IndexOf('=');
            if (eq < 0) throw new UsageException($"'{item}' is not NAME=VALUE: give each variable a value, as in x=1.5");
            var name = item[..eq].Trim();
            var text = item[(eq + 1)..];
            if (name.Length == 0) throw new UsageException($"'{item}' has no name before '=': write NAME=VALUE, as in x=1.5");
            if (!IsName(name))
                throw new UsageException($"'{name}' in '{item}' is not a variable name: a name starts with a letter or '_' and goes on with letters, digits or '_'");
            if (text.Trim().Length == 0) throw new UsageException($"'{item}' has no value after '=': write NAME=VALUE, as in {name}=1.5");
            if (!Numbers.TryParse(text, out var value, out var problem))
                throw new UsageException($"'{text}' in '{item}' {problem}: write a number such as 1.5, -3, 2e-4, NaN or Infinity");
            if (seen.TryGetValue(name, out var earlier)) throw new UsageException($"'{name}' is given a value twice ('{earlier}' and '{item}')");
            seen.Add(name, item);
            values.Add(name, value);
        }
        return values;
    }

    private static bool IsName(string name) =>
        (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
