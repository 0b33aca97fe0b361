using System.Globalization;
using Micrograd.Graphs;
using Micrograd.NN;

namespace Micrograd.Explorer;

/// <summary>
/// One sample's term of a training step's loss, as the engine builds it, traced: the model's graph over the sample's
/// inputs, the loss's graph over its outputs and its per-sample numbers (the loss's <see cref="SampleLossForm"/>, the very
/// function the eager loss builds with), times the mean's <c>1/B</c>: <c>loss × (1/B)</c>. The structure is the same for
/// every sample and every step (only numbers change), so the training page lays it out once and fills in any sample's
/// numbers; and it assembles a whole step's graph from it (<c>training-engine.js</c>). Every leaf has a role: a parameter
/// (by its index in <see cref="Mlp.Parameters"/>), an input (by feature), one of the loss's numbers, a constant of the
/// formulas, or the mean's scale.
/// </summary>
internal sealed class SampleGraph
{
    /// <summary>What a node is, in the page's terms.</summary>
    public enum Role
    {
        /// <summary>Computed by an op.</summary>
        Computed = 0,

        /// <summary>A parameter of the model.</summary>
        Parameter = 1,

        /// <summary>A feature of the sample.</summary>
        Input = 2,

        /// <summary>One of the loss's per-sample numbers (such as −y).</summary>
        Number = 3,

        /// <summary>A number of the formulas, the same for every sample (the 1 of hinge's 1 − y·score).</summary>
        Constant = 4,

        /// <summary>The mean's 1/B, which depends on the batch size.</summary>
        Scale = 5,
    }

    private SampleGraph(ComputationGraph graph, Role[] roles, int[] indices, int[] outputs, int loss, string[] numberNames)
    {
        Graph = graph;
        Roles = roles;
        Indices = indices;
        Outputs = outputs;
        Loss = loss;
        NumberNames = numberNames;
    }

    /// <summary>The traced graph; its root is the sample's term, <c>loss × (1/B)</c>.</summary>
    public ComputationGraph Graph { get; }

    /// <summary>Each node's role, by id.</summary>
    public IReadOnlyList<Role> Roles { get; }

    /// <summary>Each leaf's index in its kind (parameter, feature or number), by id; 0 for other nodes.</summary>
    public IReadOnlyList<int> Indices { get; }

    /// <summary>The ids of the model's outputs, in order.</summary>
    public IReadOnlyList<int> Outputs { get; }

    /// <summary>The id of the sample's loss (the root's first operand).</summary>
    public int Loss { get; }

    /// <summary>The labels of the loss's numbers, in order (<c>-y</c>; softmax's <c>m</c> and <c>t0</c>, <c>t1</c>, …).</summary>
    public IReadOnlyList<string> NumberNames { get; }

    /// <summary>Traces the term of one sample for <paramref name="model"/> (whose parameters become the graph's parameter leaves,
    /// so pass a copy when the model is being trained) and <paramref name="loss"/>, with a batch of <paramref name="batchSize"/>.</summary>
    /// <exception cref="ArgumentException">The loss is not one of this library's (its graph cannot be known in advance).</exception>
    public static SampleGraph Build(Mlp model, Loss loss, int batchSize)
    {
        var form = loss.SampleForm ?? throw new ArgumentException(
            $"The '{loss.Name}' loss is not one of this library's losses, so its graph cannot be known in advance.", nameof(loss));
        var inputs = new Value[model.InputCount];
        for (var f = 0; f < inputs.Length; f++) inputs[f] = new Value(0.0, "x" + (f + 1).ToString(CultureInfo.InvariantCulture));
        var outputs = Forward(model, inputs);
        var numberNames = NumberNamesOf(loss, outputs.Length, form.NumberCount(outputs.Length));
        var numbers = numberNames.Select(name => new Value(0.0, name)).ToArray();
        var term = form.Build(outputs, numbers);
        term.Label = "loss";
        var scale = new Value(1.0 / batchSize);
        var root = term * scale;
        root.Label = "term";
        var graph = ComputationGraph.Trace(root);

        var roles = new Role[graph.Nodes.Count];
        var indices = new int[graph.Nodes.Count];
        void Mark(IReadOnlyList<Value> values, Role role)
        {
            for (var i = 0; i < values.Count; i++)
            {
                if (!graph.TryGetId(values[i], out var id)) continue; // a parameter or input the outputs do not use
                roles[id] = role;
                indices[id] = i;
            }
        }
        for (var id = 0; id < roles.Length; id++) roles[id] = graph.Nodes[id].IsLeaf ? Role.Constant : Role.Computed;
        Mark(model.Parameters, Role.Parameter);
        Mark(inputs, Role.Input);
        Mark(numbers, Role.Number);
        roles[graph.IdOf(scale)] = Role.Scale;
        return new SampleGraph(graph, roles, indices, outputs.Select(graph.IdOf).ToArray(), graph.IdOf(term), numberNames);
    }

    /// <summary>
    /// The model's outputs over <paramref name="inputs"/>, built as <see cref="Mlp.Forward(IReadOnlyList{Value})"/> builds them
    /// (layer after layer), with each neuron's values labelled so that a person can read the graph: its weighted sum
    /// <c>l1.n3.sum</c> and its output <c>l1.n3</c>; the model's outputs are <c>score</c> (one output) or <c>z0</c>, <c>z1</c>, ….
    /// </summary>
    private static Value[] Forward(Mlp model, Value[] inputs)
    {
        IReadOnlyList<Value> x = inputs;
        for (var l = 0; l < model.Layers.Count; l++)
        {
            var layer = model.Layers[l];
            var outputs = layer.Forward(x);
            var last = l == model.Layers.Count - 1;
            for (var n = 0; n < outputs.Length; n++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"l{l}.n{n}");
                if (layer.Activation != Activation.Linear) outputs[n].Children[0].Label = name + ".sum";
                outputs[n].Label = !last ? name : outputs.Length == 1 ? "score" : "z" + n.ToString(CultureInfo.InvariantCulture);
            }
            x = outputs;
        }
        return (Value[])x;
    }

    /// <summary>How the page names each of a loss's numbers: hinge's −y, bce's t = (y + 1)/2, mse's y, softmax's max m (once
    /// for each use) and one-hot t0 … t(K−1).</summary>
    private static string[] NumberNamesOf(Loss loss, int outputs, int count)
    {
        string[] names = loss.Name switch
        {
            "hinge" => ["-y"],
            "bce" => ["t"],
            "mse" => ["y"],
            "softmax" => [.. Enumerable.Repeat("m", outputs + 1), .. Enumerable.Range(0, outputs).Select(k => "t" + k.ToString(CultureInfo.InvariantCulture))],
            _ => [],
        };
        return names.Length == count ? names : Enumerable.Range(0, count).Select(q => "n" + q.ToString(CultureInfo.InvariantCulture)).ToArray();
    }
}
