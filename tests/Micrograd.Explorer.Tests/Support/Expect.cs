namespace Micrograd.Explorer.Tests.Support;

/// <summary>Compares everything the page shows at a step with what the engine says it must show.</summary>
public static class Expect
{
    /// <summary>
    /// At step <paramref name="s"/>: every row's data and grad (every digit), contributions received of all, and highlight;
    /// every record's "data …"/"grad …" text (4 decimals) and highlight; the chain-rule lines and their local and upstream factors.
    /// </summary>
    public static void StateAt(EngineTrace trace, int s, PageState page, string context = "")
    {
        var problems = new List<string>();
        void Check<T>(string what, T expected, T actual)
        {
            if (!EqualityComparer<T>.Default.Equals(expected, actual)) problems.Add($"{what}: expected '{expected}', page shows '{actual}'");
        }

        Check("step", s, page.Step);
        Check("steps", trace.Steps, page.Steps);
        Check("rows", trace.Count, page.Rows.Count);
        var gradients = trace.GradientsAfter(s);
        var current = trace.NodeAt(s);
        var operands = current >= 0 ? trace.Graph.EdgesInto(current).ToArray().Select(e => e.From).ToHashSet() : [];

        foreach (var row in page.Rows)
        {
            var id = row.Id;
            var leaf = trace.Graph.Nodes[id].IsLeaf;
            Check($"#{id} name", trace.Name(id), row.Name);
            Check($"#{id} data", leaf || trace.Known(id, s) ? Shown.Full(trace.Data[id]) : "", row.Data);
            Check($"#{id} grad", gradients is { } g ? Shown.Full(g.Grad[id]) : "", row.Grad);
            Check($"#{id} received", gradients is { } a && trace.Uses[id] > 0 ? $"{a.Adds[id]}/{trace.Uses[id]}" : "", row.Received);
            Check($"#{id} current", id == current, row.Current);
            Check($"#{id} operand", operands.Contains(id), row.Operand);
        }
        foreach (var record in page.Records)
        {
            var id = record.Id;
            Check($"record n{id} data", "data " + (trace.Known(id, s) ? Shown.Record(trace.Data[id]) : "?"), record.Data);
            Check($"record n{id} grad", "grad " + (gradients is { } g ? Shown.Record(g.Grad[id]) : "?"), record.Grad);
            Check($"record n{id} current", id == current, record.Current);
            Check($"record n{id} operand", operands.Contains(id), record.Operand);
        }
        var lines = trace.Lines(s);
        Check("line count", lines.Count, page.Lines.Count);
        for (var i = 0; i < Math.Min(lines.Count, page.Lines.Count); i++) Check($"line {i + 1}", lines[i], page.Lines[i]);
        var factors = trace.Factors(s);
        Check("factor count", factors.Count, page.Factors.Count);
        for (var i = 0; i < Math.Min(factors.Count, page.Factors.Count); i++) Check($"factor {i + 1}", factors[i], page.Factors[i]);

        Assert.True(problems.Count == 0,
            $"{context} step {s} of {trace.Steps} ({page.Phase}): {problems.Count} differences:\n" + string.Join("\n", problems.Take(20)));
    }
}
