using Micrograd.Graphs;
using Micrograd.NN.Gpt;

namespace Micrograd.Explorer;

/// <summary>
/// One position's loss of one document, as the eager <see cref="Gpt"/> builds it, traced: the model's forward pass over
/// positions 0 … p (the earlier ones reach the loss through their keys and values only), then softmax and
/// <c>−log p(target)</c> at position p. The structure is the same at every step (only numbers change), so the GPT page
/// lays it out once and fills in any step's numbers. Every leaf has a role: a parameter (by its index in
/// <see cref="Gpt.Parameters"/>, the page's weight array), a constant of the formulas (the attention's scale, RMSNorm's
/// 1/width and ε), or a softmax's <c>−max</c>, which microgpt subtracts as a plain number read from the logits' data: the
/// page computes it from them, as <see cref="GptFunctions.Softmax"/> does.
/// </summary>
internal sealed class GptPositionGraph
{
    /// <summary>What a node is, in the page's terms.</summary>
    public enum Role
    {
        /// <summary>Computed by an op.</summary>
        Computed = 0,

        /// <summary>A parameter of the model.</summary>
        Parameter = 1,

        /// <summary>A number of the formulas, the same at every step.</summary>
        Constant = 2,

        /// <summary>A softmax's −max of its logits (by softmax).</summary>
        Max = 3,
    }

    private GptPositionGraph(ComputationGraph graph, Role[] roles, int[] indices, int[][] softmaxes, int position, int target)
    {
        Graph = graph;
        Roles = roles;
        Indices = indices;
        Softmaxes = softmaxes;
        Position = position;
        Target = target;
    }

    /// <summary>The traced graph; its root is the position's loss.</summary>
    public ComputationGraph Graph { get; }

    /// <summary>Each node's role, by id.</summary>
    public IReadOnlyList<Role> Roles { get; }

    /// <summary>A parameter's index in <see cref="Gpt.Parameters"/>, or a −max leaf's softmax (in <see cref="Softmaxes"/>); 0 for other nodes.</summary>
    public IReadOnlyList<int> Indices { get; }

    /// <summary>Each softmax's logits (ids), in order: its −max is the negated first largest of their data.</summary>
    public IReadOnlyList<int[]> Softmaxes { get; }

    /// <summary>The position whose loss this is.</summary>
    public int Position { get; }

    /// <summary>The token the position predicts.</summary>
    public int Target { get; }

    /// <summary>The most values of the graph a page shows, unless even position 0's has more.</summary>
    public const int MaxValues = 12_000;

    /// <summary>The position a page shows for a document of <paramref name="tokenCount"/> tokens: the fourth (3), or the last one
    /// when there are fewer, and never past the context. At position 3 the default model's graph has 9,803 values
    /// (7,607 at 0): a few thousand, with attention over four positions.</summary>
    public static int PositionFor(int tokenCount, int contextLength) => Math.Max(0, Math.Min(3, Math.Min(contextLength, tokenCount - 1) - 1));

    /// <summary>The graph a page shows: at <see cref="PositionFor"/>, or the nearest position before it whose graph has at most
    /// <see cref="MaxValues"/> values (position 0 whatever its size: a model of width 32 has 27,335 there).</summary>
    public static GptPositionGraph ForPage(Gpt model, IReadOnlyList<int> tokens)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokens);
        for (var p = PositionFor(tokens.Count, model.Config.ContextLength); ; p--)
        {
            var graph = Build(model, tokens, p);
            if (p == 0 || graph.Graph.Nodes.Count <= MaxValues) return graph;
        }
    }

    /// <summary>Traces the loss at <paramref name="position"/> of the document <paramref name="tokens"/> (BOS first and last)
    /// for <paramref name="model"/> (whose parameters become the graph's parameter leaves).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The position has no next token, or is past the context.</exception>
    public static GptPositionGraph Build(Gpt model, IReadOnlyList<int> tokens, int position)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokens);
        if (position < 0 || position + 1 >= tokens.Count || position >= model.Config.ContextLength)
            throw new ArgumentOutOfRangeException(nameof(position), position, "The position must have a next token and lie in the context.");
        var cache = new GptKeyValueCache(model.Config.Layers);
        Value[] logits = [];
        for (var p = 0; p <= position; p++) logits = model.Forward(tokens[p], p, cache);
        var target = tokens[position + 1];
        var loss = -GptFunctions.Log(GptFunctions.Softmax(logits)[target]);
        loss.Label = "loss";
        var graph = ComputationGraph.Trace(loss);
        var nodes = graph.Nodes;

        var roles = new Role[nodes.Count];
        var indices = new int[nodes.Count];
        for (var id = 0; id < nodes.Count; id++) roles[id] = nodes[id].IsLeaf ? Role.Constant : Role.Computed;
        for (var j = 0; j < model.Parameters.Count; j++)
        {
            if (!graph.TryGetId(model.Parameters[j], out var id)) continue;
            roles[id] = Role.Parameter;
            indices[id] = j;
        }
        // A softmax is a sum of exps, each of (logit + −max) with a leaf −max: its logits are the first operands.
        var softmaxes = new List<int[]>();
        for (var id = 0; id < nodes.Count; id++)
        {
            if (nodes[id].Op != "sum") continue;
            var terms = graph.EdgesInto(id);
            var logitIds = new int[terms.Length];
            var maxIds = new int[terms.Length];
            var isSoftmax = true;
            for (var k = 0; k < terms.Length && isSoftmax; k++)
            {
                var exp = terms[k].From;
                if (nodes[exp].Op != "exp") { isSoftmax = false; break; }
                var shifted = graph.EdgesInto(exp)[0].From;
                var pair = graph.EdgesInto(shifted);
                if (nodes[shifted].Op != "+" || pair.Length != 2 || roles[pair[1].From] != Role.Constant) { isSoftmax = false; break; }
                logitIds[k] = pair[0].From;
                maxIds[k] = pair[1].From;
            }
            if (!isSoftmax) continue;
            foreach (var m in maxIds)
            {
                roles[m] = Role.Max;
                indices[m] = softmaxes.Count;
            }
            softmaxes.Add(logitIds);
        }
        return new GptPositionGraph(graph, roles, indices, [.. softmaxes], position, target);
    }

    /// <summary>
    /// The graph's dot products, each drawn as one box: the linear rows (<see cref="NeuronGroups.Find"/>: a leaf weight times
    /// a value), and the attention's, whose two sides are both computed: a head's score q·k and its weighted sum of values
    /// Σ a·v (a sum whose every term is a product used only there, of two different values). By output id.
    /// </summary>
    public static IReadOnlyList<NeuronGroup> DotProducts(ComputationGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var nodes = graph.Nodes;
        var groups = NeuronGroups.Find(graph).ToList();
        var taken = new bool[nodes.Count];
        foreach (var group in groups)
        {
            taken[group.Output] = true;
            foreach (var id in group.Members) taken[id] = true;
        }
        var uses = new int[nodes.Count];
        foreach (var edge in graph.Edges) uses[edge.From]++;
        for (var id = 0; id < nodes.Count; id++)
        {
            if (nodes[id].Op != "sum" || taken[id]) continue;
            var terms = graph.EdgesInto(id);
            var products = new int[terms.Length];
            var ok = terms.Length >= 2;
            for (var k = 0; k < terms.Length && ok; k++)
            {
                var product = products[k] = terms[k].From;
                var sides = graph.EdgesInto(product);
                ok = nodes[product].Op == "*" && uses[product] == 1 && !taken[product] && sides[0].From != sides[1].From;
            }
            if (!ok) continue;
            var inputs = new List<int>();
            foreach (var product in products)
            {
                foreach (var side in graph.EdgesInto(product))
                {
                    if (!inputs.Contains(side.From)) inputs.Add(side.From);
                }
            }
            groups.Add(new NeuronGroup(id, "", [.. products.Order()], [.. inputs], products.Length, false));
        }
        return [.. groups.OrderBy(g => g.Output)];
    }
}
