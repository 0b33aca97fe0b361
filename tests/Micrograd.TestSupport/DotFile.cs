using System.Text;

namespace Micrograd.Tests.Support;

/// <summary>A DOT statement: a node (To is null) or an edge, with its attributes.</summary>
public sealed record DotStatement(string From, string? To, IReadOnlyDictionary<string, string> Attributes)
{
    public string? this[string name] => Attributes.GetValueOrDefault(name);
}

/// <summary>
/// Reads the DOT that DotWriter writes (one statement a line) back into nodes and edges, for structural checks.
/// Quoted values are returned as the DOT lexer sees them: only <c>\"</c> is unescaped.
/// </summary>
public sealed class DotFile
{
    private DotFile(IReadOnlyList<DotStatement> nodes, IReadOnlyList<DotStatement> edges, IReadOnlyList<DotStatement> defaults)
    {
        Nodes = nodes;
        Edges = edges;
        Defaults = defaults;
    }

    public IReadOnlyList<DotStatement> Nodes { get; }

    public IReadOnlyList<DotStatement> Edges { get; }

    /// <summary>The <c>graph [...]</c> and <c>node [...]</c> statements.</summary>
    public IReadOnlyList<DotStatement> Defaults { get; }

    public IEnumerable<DotStatement> Records => Nodes.Where(n => n["shape"] is null);

    public IEnumerable<DotStatement> OpNodes => Nodes.Where(n => n.From.EndsWith("_op", StringComparison.Ordinal));

    public DotStatement Node(string id) => Nodes.Single(n => n.From == id);

    public static DotFile Parse(string text)
    {
        var lines = text.Split('\n');
        if (!lines[0].StartsWith("digraph ", StringComparison.Ordinal) || !lines[0].EndsWith('{')) throw new FormatException($"not a digraph: {lines[0]}");
        if (lines[^1] != "" || lines[^2] != "}") throw new FormatException("the DOT text does not end with '}' and a newline");
        var nodes = new List<DotStatement>();
        var edges = new List<DotStatement>();
        var defaults = new List<DotStatement>();
        foreach (var raw in lines[1..^2])
        {
            var line = raw.Trim();
            if (!line.EndsWith(';')) throw new FormatException($"statement without ';': {line}");
            line = line[..^1];
            var bracket = line.IndexOf(" [", StringComparison.Ordinal);
            var head = bracket < 0 ? line : line[..bracket];
            var attributes = bracket < 0 ? new Dictionary<string, string>() : Attributes(line[(bracket + 2)..^1]);
            var parts = head.Split(" -> ");
            if (parts.Length == 2) edges.Add(new DotStatement(parts[0], parts[1], attributes));
            else if (head is "graph" or "node" or "edge") defaults.Add(new DotStatement(head, null, attributes));
            else nodes.Add(new DotStatement(head, null, attributes));
        }
        return new DotFile(nodes, edges, defaults);
    }

    /// <summary>Splits a record label into its fields and unescapes them as Graphviz does (backslash escapes, then &amp;amp;).</summary>
    public static IReadOnlyList<string> RecordFields(string label)
    {
        if (!label.StartsWith("{ ", StringComparison.Ordinal) || !label.EndsWith(" }", StringComparison.Ordinal)) throw new FormatException($"not a record label: {label}");
        var body = label[2..^2];
        var fields = new List<string>();
        var field = new StringBuilder();
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '\\' && i + 1 < body.Length)
            {
                var next = body[++i];
                field.Append(next == 'n' ? '\n' : next);
            }
            else if (c == '|')
            {
                fields.Add(field.ToString().Trim(' ').Replace("&amp;", "&", StringComparison.Ordinal));
                field.Clear();
            }
            else if (c is '{' or '}' or '<' or '>')
            {
                throw new FormatException($"unescaped '{c}' at {i} in record label {label}");
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString().Trim(' ').Replace("&amp;", "&", StringComparison.Ordinal));
        return fields;
    }

    private static Dictionary<string, string> Attributes(string text)
    {
        var result = new Dictionary<string, string>();
        var i = 0;
        while (i < text.Length)
        {
            var eq = text.IndexOf('=', i);
            var name = text[i..eq].Trim();
            i = eq + 1;
            string value;
            if (text[i] == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (text[i] != '"')
                {
                    if (text[i] == '\\' && text[i + 1] == '"')
                    {
                        sb.Append('"');
                        i += 2;
                    }
                    else if (text[i] == '\\')
                    {
                        sb.Append(text, i, 2);
                        i += 2;
                    }
                    else
                    {
                        sb.Append(text[i++]);
                    }
                }
                i++;
                value = sb.ToString();
            }
            else
            {
                var end = text.IndexOf(',', i);
                if (end < 0) end = text.Length;
                value = text[i..end].Trim();
                i = end;
            }
            result.Add(name, value);
            while (i < text.Length && (text[i] == ',' || text[i] == ' ')) i++;
        }
        return result;
    }
}
