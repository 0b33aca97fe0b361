using Micrograd.Graphs;

namespace Micrograd.Explorer;

/// <summary>
/// One neuron (or one dot product) of a graph, drawn as a single box in the neuron-level view: a sum of products
/// <c>w·x</c>, with at most one bias leaf, and the activation applied to it if any (<c>Σ w·x + b → tanh</c>).
/// </summary>
/// <param name="Output">The id of the value the box shows: the activation's, or the sum's when there is none.</param>
/// <param name="Activation">The activation's op name (<c>tanh</c>), or empty.</param>
/// <param name="Members">The ids of the values inside the box besides <paramref name="Output"/>, ascending: the sums,
/// the products, the bias, the weights used nowhere else, and the sum the activation takes.</param>
/// <param name="Inputs">The ids of the values multiplied by the weights (the <c>x</c>s), distinct, in first-use order.</param>
/// <param name="Products">How many products the sum adds.</param>
/// <param name="HasBias">Whether the sum adds a bias leaf.</param>
/// <param name="Caption">What the box says, when a page knows better than <c>Σ w·x</c> (the GPT page's <c>Σ4 q·k</c>); else null.</param>
internal sealed record NeuronGroup(int Output, string Activation, int[] Members, int[] Inputs, int Products, bool HasBias, string? Caption = null)
{
    /// <summary>What the box says it computes: its caption, or <c>Σ w·x + b → tanh</c> with the number of products.</summary>
    public string Text => Caption ?? $"Σ{Products} w·x{(HasBias ? " + b" : "")}{(Activation.Length > 0 ? " → " + Activation : "")}";
}

/// <summary>
/// Finds the neurons of a graph (issue #20: the neuron-level view): every maximal sum (a <c>sum</c> node, or a tree of
/// <c>+</c> nodes, each used once inside it) whose terms are products <c>w × x</c> of a leaf weight (the first operand when it is a
/// leaf, else the second) and another value, plus at most one leaf bias used nowhere else, with at least two products (one
/// product and a bias is as much a hinge loss's 1 − y·score as a neuron of one input, so it stays drawn); and the activation it feeds when that is its only use. A weight is inside a box when every use of it
/// is as a box's weight (the first box to use it holds it); otherwise it stays drawn. Each product, sum and bias is used
/// only inside its box, so the box's output is the only value of it that anything else uses.
/// </summary>
internal static class NeuronGroups
{
    private static readonly HashSet<string> Activations = new(StringComparer.Ordinal) { "tanh", "relu", "sigmoid", "leaky_relu", "elu", "softplus", "gelu", "hardtanh" };

    /// <summary>
    /// The neurons a page draws at neuron level: the graph's, when there are at least two and the picture of them has at
    /// most <paramref name="maxDrawn"/> records (as a full picture is cut past that many); none otherwise.
    /// </summary>
    public static IReadOnlyList<NeuronGroup> ForPicture(ComputationGraph graph, int maxDrawn)
    {
        var groups = Find(graph);
        var drawn = graph.Nodes.Count - groups.Sum(g => g.Members.Length);
        return groups.Count >= 2 && drawn <= maxDrawn ? groups : [];
    }

    /// <summary>The graph's neurons, by output id ascending.</summary>
    public static IReadOnlyList<NeuronGroup> Find(ComputationGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var nodes = graph.Nodes;
        var uses = new int[nodes.Count];
        var user = new int[nodes.Count];
        foreach (var edge in graph.Edges)
        {
            uses[edge.From]++;
            user[edge.From] = edge.To;
        }
        bool IsSum(int id) => nodes[id].Op is "+" or "sum";
        // A + chain is one sum (b + w0·x0 + w1·x1); a sum node (Value.SumOf) is one already, and stays its own.
        bool InsideSum(int id) => nodes[id].Op == "+" && uses[id] == 1 && nodes[user[id]].Op == "+";

        var found = new List<(int Output, string Activation, List<int> Members, List<int> Inputs, List<int> Weights, int Products, bool Bias)>();
        var weightUses = new int[nodes.Count];
        for (var top = 0; top < nodes.Count; top++)
        {
            if (!IsSum(top) || InsideSum(top)) continue;
            // The sum's nodes and its terms, left to right, walked with a stack of our own: a + chain can be 100,000 long. The
            // stack holds operands still to see, the leftmost on top: a sum inside is opened where it stands.
            var members = new List<int> { top };
            var terms = new List<int>();
            var stack = new Stack<int>();
            PushOperands(top);
            while (stack.Count > 0)
            {
                var id = stack.Pop();
                if (InsideSum(id))
                {
                    members.Add(id);
                    PushOperands(id);
                }
                else
                {
                    terms.Add(id);
                }
            }
            void PushOperands(int id)
            {
                var operands = graph.EdgesInto(id);
                for (var k = operands.Length - 1; k >= 0; k--) stack.Push(operands[k].From);
            }

            var inputs = new List<int>();
            var seen = new HashSet<int>();
            var weights = new List<int>();
            var products = 0;
            var bias = -1;
            var ok = true;
            foreach (var term in terms)
            {
                var operands = graph.EdgesInto(term);
                if (nodes[term].Op == "*" && uses[term] == 1 && operands.Length == 2 &&
                    (nodes[operands[0].From].IsLeaf || nodes[operands[1].From].IsLeaf))
                {
                    var w = nodes[operands[0].From].IsLeaf ? operands[0].From : operands[1].From;
                    var x = w == operands[0].From ? operands[1].From : operands[0].From;
                    members.Add(term);
                    weights.Add(w);
                    if (seen.Add(x)) inputs.Add(x);
                    products++;
                }
                else if (bias < 0 && nodes[term].IsLeaf && uses[term] == 1)
                {
                    bias = term;
                    members.Add(term);
                }
                else
                {
                    ok = false;
                    break;
                }
            }
            if (!ok || products < 2) continue;

            var output = top;
            var activation = "";
            if (uses[top] == 1 && graph.EdgesInto(user[top]).Length == 1 && Activations.Contains(nodes[user[top]].Op))
            {
                output = user[top];
                activation = nodes[output].Op;
            }
            else
            {
                members.Remove(top);
            }
            foreach (var w in weights) weightUses[w]++;
            found.Add((output, activation, members, inputs, weights, products, bias >= 0));
        }

        var held = new bool[nodes.Count];
        var groups = new List<NeuronGroup>(found.Count);
        foreach (var (output, activation, members, inputs, weights, products, bias) in found.OrderBy(g => g.Output))
        {
            var inputSet = inputs.ToHashSet();
            foreach (var w in weights)
            {
                // A weight used only as boxes' weights is inside the first box that uses it.
                if (held[w] || weightUses[w] != uses[w] || inputSet.Contains(w)) continue;
                held[w] = true;
                members.Add(w);
            }
            groups.Add(new NeuronGroup(output, activation, [.. members.Distinct().Where(id => id != output).Order()], [.. inputs], products, bias));
        }
        return groups;
    }
}
