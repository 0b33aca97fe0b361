using System.Globalization;
using Micrograd.NN.Gpt;

namespace Micrograd.Explorer;

/// <summary>
/// Names a learner reads for the dot products of one position's graph (<see cref="GptPositionGraph.DotProducts"/>), in the
/// terms of the transformer: a linear row's output by what it makes and where (<c>q₃[5]</c>: row 5 of the query at position
/// 3, its box <c>Σ16 wq[5]·x</c>, a hidden row's <c>Σ16 fc1[7]·x → relu</c>; <c>k</c>, <c>v</c>, <c>o</c> for the attention's output, <c>h</c> for the MLP's hidden
/// layer, <c>f</c> for its output, <c>logit</c>), an attention score by its head and positions (<c>h1 q₃·k₀</c>, its box
/// <c>Σ4 q·k</c>), and a head's weighted sum of values by its channel and position (<c>a·v₃[5]</c>, its box <c>Σ4 a·v</c>).
/// With more than one layer a name starts with its layer (<c>L1 q₃[5]</c>). A value's position is the latest position
/// whose embedding it depends on.
/// </summary>
internal static class GptDotNames
{
    /// <summary>The groups with their captions, and the name of each group's output, by id.</summary>
    public static (IReadOnlyList<NeuronGroup> Groups, IReadOnlyDictionary<int, string> Names) Of(GptPositionGraph position, Gpt model, IReadOnlyList<NeuronGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(position);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(groups);
        var graph = position.Graph;
        var nodes = graph.Nodes;

        // Each parameter's matrix and row, from the weights' layout (the matrices in order, each row after row).
        var starts = new List<(int Start, GptMatrix Matrix)>();
        var at = 0;
        foreach (var m in model.Matrices)
        {
            starts.Add((at, m));
            at += m.Rows * m.Columns;
        }
        (GptMatrix Matrix, int Row)? Weight(int id)
        {
            if (position.Roles[id] != GptPositionGraph.Role.Parameter) return null;
            var j = position.Indices[id];
            var (start, matrix) = starts.Last(s => s.Start <= j);
            return (matrix, (j - start) / matrix.Columns);
        }

        // A value's position: the latest position embedding (wpe row) among what it depends on.
        var positions = new int[nodes.Count];
        for (var id = 0; id < nodes.Count; id++)
        {
            var p = -1;
            if (Weight(id) is { } w && w.Matrix.Name == "wpe") p = w.Row;
            foreach (var edge in graph.EdgesInto(id)) p = Math.Max(p, positions[edge.From]);
            positions[id] = p;
        }

        var layered = model.Config.Layers > 1;
        string Layer(GptMatrix m) => layered && m.Name.StartsWith("layer", StringComparison.Ordinal) ? "L" + m.Name[5..m.Name.IndexOf('.', StringComparison.Ordinal)] + " " : "";
        static string Short(GptMatrix m) => m.Name[(m.Name.IndexOf('.', StringComparison.Ordinal) + 1)..] switch
        {
            "attn_wq" => "q",
            "attn_wk" => "k",
            "attn_wv" => "v",
            "attn_wo" => "o",
            "mlp_fc1" => "h",
            "mlp_fc2" => "f",
            "lm_head" => "logit",
            var other => other,
        };

        // A matrix as the box names it: wq, wk, wv, wo, fc1, fc2, lm_head.
        static string Matrix(GptMatrix m) => m.Name[(m.Name.IndexOf('.', StringComparison.Ordinal) + 1)..].Replace("attn_", "", StringComparison.Ordinal).Replace("mlp_", "", StringComparison.Ordinal);

        // Each linear row's output: its matrix and row.
        var rows = new Dictionary<int, (GptMatrix Matrix, int Row)>();
        var names = new Dictionary<int, string>();
        var captioned = new List<NeuronGroup>(groups.Count);
        var products = groups.Select(g => g.Members.Where(id => nodes[id].Op == "*").ToArray()).ToArray();
        for (var i = 0; i < groups.Count; i++)
        {
            var group = groups[i];
            (GptMatrix Matrix, int Row)? weight = null;
            foreach (var product in products[i])
                foreach (var edge in graph.EdgesInto(product))
                    weight ??= Weight(edge.From);
            if (weight is not { } w) continue;
            rows[group.Output] = w;
            var sum = group.Activation.Length > 0 ? graph.EdgesInto(group.Output)[0].From : group.Output;
            rows[sum] = w;
            var shortName = Short(w.Matrix);
            names[group.Output] = string.Create(CultureInfo.InvariantCulture, $"{Layer(w.Matrix)}{shortName}{Subscript(positions[group.Output])}[{w.Row}]");
        }
        for (var i = 0; i < groups.Count; i++)
        {
            var group = groups[i];
            if (rows.ContainsKey(group.Output) || products[i].Length == 0)
            {
                captioned.Add(rows.TryGetValue(group.Output, out var r)
                    ? group with { Caption = $"Σ{group.Products} {Matrix(r.Matrix)}[{r.Row.ToString(CultureInfo.InvariantCulture)}]·x{(group.Activation.Length > 0 ? " → " + group.Activation : "")}" }
                    : group);
                continue;
            }
            // An attention dot product: q·k when both sides are linear rows (a query's and a key's), else a·v (the weights and a value's row).
            var into = graph.EdgesInto(products[i][0]);
            int[] sides = [into[0].From, into[1].From];
            var q = sides.Select(s => rows.TryGetValue(s, out var r) ? r : ((GptMatrix Matrix, int Row)?)null).ToArray();
            if (q[0] is { } a && q[1] is { } b)
            {
                var (query, key) = Short(a.Matrix) == "q" ? (0, 1) : (1, 0);
                var row = (query == 0 ? a : b).Row;
                var head = row / model.Config.HeadWidth;
                names[group.Output] = string.Create(CultureInfo.InvariantCulture,
                    $"{Layer(a.Matrix)}h{head} q{Subscript(positions[sides[query]])}·k{Subscript(positions[sides[key]])}");
                captioned.Add(group with { Caption = $"Σ{group.Products} q·k" });
            }
            else if ((q[0] ?? q[1]) is { } v)
            {
                names[group.Output] = string.Create(CultureInfo.InvariantCulture, $"{Layer(v.Matrix)}a·v{Subscript(positions[group.Output])}[{v.Row}]");
                captioned.Add(group with { Caption = $"Σ{group.Products} a·v" });
            }
            else
            {
                captioned.Add(group);
            }
        }
        return (captioned, names);
    }

    /// <summary>A position as subscript digits (₀ … ₉).</summary>
    private static string Subscript(int position) =>
        position < 0 ? "" : string.Concat(position.ToString(CultureInfo.InvariantCulture).Select(c => (char)('₀' + (c - '0'))));
}
