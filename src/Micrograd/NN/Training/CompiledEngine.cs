using System.Numerics;
using Micrograd.Compiled;

namespace Micrograd.NN;

/// <summary>
/// The fast training engine: it records the graph of one sample's step once, then computes every step by replaying that
/// record forward and backward over flat arrays, all the batch's samples at once (<see cref="Compiled.BatchedGraph"/>),
/// while the parameters, the batch's inputs and labels, and the loss's per-sample numbers (such as softmax's max shift)
/// change. After the first step of each batch size it creates no graph nodes and allocates nothing.
/// </summary>
/// <remarks>
/// <para>
/// The results are the eager engine's (<see cref="EagerEngine"/>): the same ops' formulas in the same order, so every step's
/// loss, accuracy and gradients agree with it bit for bit (NaN and infinities included), and so do the weights after any
/// number of steps, with any optimizer.
/// </para>
/// <para>
/// Why this works: a multilayer perceptron's graph is static. For a given batch size, every step builds the same ops wired
/// the same way; only numbers change. The model's structure is fixed when it is made (<see cref="Mlp"/>, its layers and
/// neurons cannot change), and each built-in loss's graph depends on the sample only through numbers: −y (hinge), (y + 1)/2
/// (bce), y (mse), and the max logit and the class's one-hot vector (softmax), which become inputs of the record. A loss
/// defined outside this library may build any graph, so it is refused: train it with <see cref="EagerEngine"/>.
/// </para>
/// <para>
/// Batches may have any size and any samples (full batch, random batches, a smaller last batch); each new batch size records
/// a small new head once. Memory: a few doubles per neuron and sample, for up to 256 MB; larger batches are computed in
/// chunks of samples, running the model forward twice.
/// </para>
/// <para>Not thread-safe. The engine reads the parameters' <see cref="Value.Data"/> at each step and writes their
/// <see cref="Value.Grad"/>, so optimizers work as with the eager engine. A batch's inputs and labels are read again only
/// when another <see cref="Dataset"/> object comes (a data set copies its rows and never changes), so a full batch is
/// loaded once.</para>
/// <para><see cref="AnomalyMode"/> does not apply to replays (they make no nodes to check): to find where a NaN or infinity
/// first appears, run the step with <see cref="EagerEngine"/> inside an anomaly-mode scope.</para>
/// </remarks>
public sealed class CompiledEngine : ITrainingEngine
{
    // Recorded once: the model's graph for one sample (leaves: the parameters, then the inputs; outputs: the model's
    // outputs), the loss's sample graph (SampleLossLanes), and, per batch size, the objective's head (ObjectiveHead).
    // A step:
    // 1. the model forward over all samples at once (lanes), then each sample's loss;
    // 2. the head forward and backward: the total loss, each sample's seed, the L2 gradients;
    // 3. each sample's loss backward (d loss / d output), then the model backward from those seeds;
    // 4. each parameter's gradient: the L2 gradient, plus the samples' gradients from the last sample to the first.
    // That is the order in which Value.Backward meets the terms in the eager graph (the L2 nodes come last in topological
    // order, so first in reverse; then the samples, last first; each parameter is used once per sample), so the gradients
    // are the eager engine's bit for bit. Batches too large for the lane budget run in chunks of samples: every chunk
    // forward (for the losses), then, from the last chunk to the first, forward again and backward.

    /// <summary>The default most memory for the model replay's per-sample arrays (values and gradients): a network of two
    /// hidden layers of 128 takes about 8 KB a sample, so 10,000 samples run in one chunk.</summary>
    internal const long DefaultLaneBudgetBytes = 256L << 20;

    private readonly SampleLossForm _form;
    private readonly Value[] _parameters;
    private readonly int _inputs;
    private readonly int _outputs;
    private readonly CompiledGraph _modelTape;
    private readonly LanePlan _plan;
    private readonly CompiledGraph _lossTape;
    private readonly int _maxLanes;
    private readonly Dictionary<int, ObjectiveHead> _heads = [];
    private readonly double[] _totals;
    private readonly double[] _sampleOutputs;
    private BatchedGraph? _model;
    private SampleLossLanes? _losses;
    private double[] _outputValues = [];
    private double[] _lossValues = [];
    private double[] _outputSeeds = [];
    private Dataset? _loaded;

    /// <summary>A compiled engine for an objective with one of this library's losses (hinge, bce, mse, softmax).</summary>
    /// <param name="objective">What is being minimized.</param>
    /// <exception cref="ArgumentException">The objective's loss is defined outside this library.</exception>
    public CompiledEngine(Objective objective)
        : this(objective, DefaultLaneBudgetBytes)
    {
    }

    /// <summary>A compiled engine whose replay keeps at most <paramref name="laneBudgetBytes"/> of per-sample arrays (tests use a small budget to exercise chunks).</summary>
    internal CompiledEngine(Objective objective, long laneBudgetBytes)
    {
        ArgumentNullException.ThrowIfNull(objective);
        var form = objective.Loss.SampleForm ?? throw new ArgumentException(
            $"The '{objective.Loss.Name}' loss is not one of this library's losses, so the compiled engine cannot know its graph in advance: train it with EagerEngine.",
            nameof(objective));
        Objective = objective;
        _form = form;
        var model = objective.Model;
        _parameters = [.. model.Parameters];
        _inputs = model.InputCount;
        _outputs = model.OutputCount;

        var inputs = Leaves(_inputs);
        var z = model.Forward(inputs);
        // One root over every output, visiting them in order as the losses do; its own gradient stays 0.
        var root = z.Length == 1 ? z[0] : Value.Sum(z);
        _modelTape = CompiledGraph.Compile(root, [.. _parameters, .. inputs], z);

        var outputs = Leaves(_outputs);
        var numbers = Leaves(form.CountNumbers(_outputs));
        _lossTape = CompiledGraph.Compile(form.BuildGraph(outputs, numbers), [.. outputs, .. numbers]);

        _plan = _modelTape.Plan(_parameters.Length);
        var bytesPerLane = 2L * sizeof(double) * _plan.RowCount;
        var width = Vector<double>.Count;
        _maxLanes = (int)Math.Clamp(laneBudgetBytes / bytesPerLane / width * width, width, 1 << 20);
        _totals = new double[_parameters.Length];
        _sampleOutputs = new double[_outputs];
    }

    /// <inheritdoc/>
    public Objective Objective { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The batch does not fit the objective (see <see cref="Objective.Check"/>).</exception>
    public LossAndAccuracy ComputeGradients(Dataset batch)
    {
        Objective.Check(batch);
        var n = batch.Count;
        var targets = batch.Labels!;
        var head = Prepare(n);
        var model = _model!;
        var fresh = !ReferenceEquals(batch, _loaded);
        for (var j = 0; j < _parameters.Length; j++) model.SetLeaf(j, _parameters[j].Data);

        var lanes = model.Capacity;
        var chunks = (n + lanes - 1) / lanes;
        for (var c = 0; c < chunks; c++) ForwardChunk(batch, c * lanes, Math.Min(lanes, n - c * lanes), loadInputs: fresh || chunks > 1);
        _loaded = chunks == 1 ? batch : null;
        var accuracy = (double)Objective.Loss.CountCorrect(_outputValues.AsSpan(0, n * _outputs), targets, _sampleOutputs) / n;

        var loss = head.Run(_lossValues.AsSpan(0, n), _parameters);
        head.ParameterGradients(_totals);
        var seeds = head.SampleSeeds;
        for (var c = chunks - 1; c >= 0; c--)
        {
            var first = c * lanes;
            var count = Math.Min(lanes, n - first);
            if (chunks > 1) ForwardChunk(batch, first, count, loadInputs: true);
            _losses!.Backward(seeds.Slice(first, count), _outputSeeds, lanes);
            model.BackwardFromOutputs(_outputSeeds, lanes, _totals);
        }
        // Value.Backward adds the gradient a leaf had before last, which after ZeroGrad is +0, a gradient not yet given: the sum itself.
        for (var j = 0; j < _parameters.Length; j++) _parameters[j].Grad = _totals[j];
        return new LossAndAccuracy(loss, accuracy);
    }

    /// <summary>Says <c>compiled</c>.</summary>
    public override string ToString() => "compiled";

    /// <summary><paramref name="count"/> new leaves, the places of numbers set at every step.</summary>
    private static Value[] Leaves(int count)
    {
        var leaves = new Value[count];
        for (var i = 0; i < count; i++) leaves[i] = new Value(0.0);
        return leaves;
    }

    /// <summary>Samples first to first + count − 1: the model forward, then their losses.</summary>
    private void ForwardChunk(Dataset batch, int first, int count, bool loadInputs)
    {
        var model = _model!;
        model.UseSamples(count);
        if (loadInputs)
        {
            for (var f = 0; f < _inputs; f++)
            {
                var row = model.LeafValues(_parameters.Length + f);
                for (var l = 0; l < count; l++) row[l] = batch.Row(first + l)[f];
            }
        }
        model.Forward();
        for (var k = 0; k < _outputs; k++)
        {
            var z = model.OutputValues(k);
            for (var l = 0; l < count; l++) _outputValues[(first + l) * _outputs + k] = z[l];
        }
        _losses!.Forward(_outputValues, batch.Labels!, first, count, _lossValues);
    }

    /// <summary>Makes room for a batch of <paramref name="n"/> samples (allocating only for a larger batch than before) and returns its head.</summary>
    private ObjectiveHead Prepare(int n)
    {
        var lanes = Math.Min(n, _maxLanes);
        if (_model is null || _model.Capacity < lanes)
        {
            _model = _modelTape.Batch(lanes, _plan);
            _losses = new SampleLossLanes(_form, _lossTape, _outputs, _model.Capacity);
            _outputSeeds = new double[_outputs * _model.Capacity];
            _loaded = null;
        }
        if (_lossValues.Length < n)
        {
            _lossValues = new double[n];
            _outputValues = new double[n * _outputs];
            _loaded = null;
        }
        if (!_heads.TryGetValue(n, out var head))
        {
            head = new ObjectiveHead(Objective, n);
            _heads.Add(n, head);
        }
        return head;
    }
}
