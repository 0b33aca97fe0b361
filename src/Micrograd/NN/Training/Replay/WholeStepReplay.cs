using Micrograd.Compiled;

namespace Micrograd.NN;

/// <summary>
/// The whole-step route of <see cref="CompiledEngine"/>: for each batch size, the step's whole graph, built as
/// <see cref="Objective.Build"/> builds it but with the inputs and the loss's per-sample numbers as leaves, recorded once as
/// one <see cref="CompiledGraph"/> (leaves: the parameters, every sample's inputs, every sample's numbers; outputs: every
/// sample's model outputs). A step sets the leaves, replays forward (twice when the numbers are read from the outputs, as
/// softmax's max shift is) and backward. The record also fixes each sample's loss shape (softmax: its class); a batch with
/// other shapes is checked against the record with <see cref="CompiledGraph.Verify(Value, IReadOnlyList{Value})"/>, which
/// throws a <see cref="GraphStructureException"/> naming the first node that differs.
/// </summary>
internal sealed class WholeStepReplay : ITrainingEngine
{
    private readonly SampleLossForm _form;
    private readonly Value[] _parameters;
    private readonly int _inputs;
    private readonly int _outputs;
    private readonly int _numberCount;
    private readonly Dictionary<int, Record> _records = [];
    private readonly double[] _sampleOutputs;
    private readonly double[] _numbers;
    private int[] _shapes = [];
    private double[] _outputValues = [];
    private Dataset? _loaded;
    private Record? _loadedRecord;

    public WholeStepReplay(Objective objective, SampleLossForm form)
    {
        Objective = objective;
        _form = form;
        _parameters = [.. objective.Model.Parameters];
        _inputs = objective.Model.InputCount;
        _outputs = objective.Model.OutputCount;
        _numberCount = form.NumberCount(_outputs);
        _sampleOutputs = new double[_outputs];
        _numbers = new double[_numberCount];
    }

    public Objective Objective { get; }

    public LossAndAccuracy ComputeGradients(Dataset batch)
    {
        Objective.Check(batch);
        var n = batch.Count;
        var targets = batch.Labels!;
        if (_shapes.Length < n)
        {
            _shapes = new int[n];
            _outputValues = new double[n * _outputs];
        }
        var shapes = _shapes.AsSpan(0, n);
        for (var i = 0; i < n; i++) shapes[i] = _form.Shape(targets[i], _outputs);

        if (!_records.TryGetValue(n, out var record))
        {
            var (root, leaves, outputs) = Build(batch, shapes);
            record = new Record(CompiledGraph.Compile(root, leaves, outputs), shapes.ToArray());
            _records.Add(n, record);
        }
        else if (!shapes.SequenceEqual(record.Shapes))
        {
            Check(record, batch, shapes);
        }

        var tape = record.Tape;
        var values = tape.LeafValues;
        var parameters = _parameters.Length;
        var inputsStart = parameters;
        var numbersStart = parameters + n * _inputs;
        for (var j = 0; j < parameters; j++) values[j] = _parameters[j].Data;
        if (!ReferenceEquals(batch, _loaded) || record != _loadedRecord)
        {
            var features = batch.Features;
            for (var i = 0; i < n; i++)
            {
                for (var f = 0; f < _inputs; f++) values[inputsStart + i * _inputs + f] = features[i][f];
                if (!_form.NumbersReadOutputs) SetNumbers(values, numbersStart, i, [], targets[i]);
            }
            (_loaded, _loadedRecord) = (batch, record);
        }
        if (_form.NumbersReadOutputs)
        {
            tape.Forward(); // the outputs do not depend on the numbers
            for (var i = 0; i < n; i++) SetNumbers(values, numbersStart, i, Outputs(tape, i), targets[i]);
        }
        tape.Forward();

        var outputValues = _outputValues.AsSpan(0, n * _outputs);
        for (var i = 0; i < n; i++) Outputs(tape, i).CopyTo(outputValues[(i * _outputs)..]);
        var accuracy = StepAccuracy.Of(Objective.Loss, outputValues, targets, _sampleOutputs);

        tape.ZeroGrad();
        tape.Backward();
        var gradients = tape.LeafGradients;
        for (var j = 0; j < parameters; j++) _parameters[j].Grad = gradients[j];
        return new LossAndAccuracy(tape.Value, accuracy);
    }

    /// <summary>The step's graph for <paramref name="batch"/>, with new leaves for the inputs and the numbers.</summary>
    private (Value Root, Value[] Leaves, Value[] Outputs) Build(Dataset batch, ReadOnlySpan<int> shapes)
    {
        var n = batch.Count;
        var inputs = new Value[n * _inputs];
        var numbers = new Value[n * _numberCount];
        var outputs = new Value[n * _outputs];
        var losses = new Value[n];
        for (var i = 0; i < n; i++)
        {
            var x = new Value[_inputs];
            for (var f = 0; f < _inputs; f++) inputs[i * _inputs + f] = x[f] = new Value(batch.Features[i][f]);
            var q = new Value[_numberCount];
            for (var k = 0; k < q.Length; k++) numbers[i * _numberCount + k] = q[k] = new Value(0.0);
            var z = Objective.Model.Forward(x);
            z.CopyTo(outputs, i * _outputs);
            losses[i] = _form.Build(z, q, shapes[i]);
        }
        var root = Objective.Total(Loss.Mean(losses), _parameters, Objective.L2);
        return (root, [.. _parameters, .. inputs, .. numbers], outputs);
    }

    /// <summary>A batch whose shapes differ from the record's: the same graph after all, or a <see cref="GraphStructureException"/>.</summary>
    private void Check(Record record, Dataset batch, ReadOnlySpan<int> shapes)
    {
        var (root, leaves, _) = Build(batch, shapes);
        try
        {
            record.Tape.Verify(root, leaves);
        }
        catch (GraphStructureException e)
        {
            var sample = 0;
            while (shapes[sample] == record.Shapes[sample]) sample++;
            throw new GraphStructureException(
                $"The whole-step route replays the graph recorded for an earlier batch of {batch.Count} samples, but this batch's graph differs: " +
                $"sample {sample}'s target needs another graph of the {Objective.Loss.Name} loss (with softmax, the class picks which logit is subtracted). " +
                $"Use the batched route for batches with other classes. {e.Message}", e.Node, e);
        }
        shapes.CopyTo(record.Shapes);
    }

    private void SetNumbers(Span<double> values, int numbersStart, int sample, ReadOnlySpan<double> outputs, double target)
    {
        _form.Numbers(outputs, target, _numbers);
        _numbers.CopyTo(values[(numbersStart + sample * _numberCount)..]);
    }

    private ReadOnlySpan<double> Outputs(CompiledGraph tape, int sample)
    {
        for (var k = 0; k < _outputs; k++) _sampleOutputs[k] = tape.OutputValue(sample * _outputs + k);
        return _sampleOutputs;
    }

    private sealed class Record(CompiledGraph tape, int[] shapes)
    {
        public CompiledGraph Tape { get; } = tape;

        public int[] Shapes { get; } = shapes;
    }
}
