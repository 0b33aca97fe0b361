using Micrograd.Compiled;
using Micrograd.NN;
using Micrograd.Tests.Support;

namespace Micrograd.Tests.NN;

/// <summary>
/// The compiled engine against the eager engine, step by step: the same losses, accuracies and gradients (bit for bit) at
/// every step, the same weights at the end, on the moons reference run and on other data, sizes, activations, losses,
/// optimizers, batch sizes and routes.
/// </summary>
public class CompiledEngineTests
{
    /// <summary>
    /// The contract is a relative 1e-12; the engine is built to give the eager numbers bit for bit (the same formulas in the
    /// same order), and that stricter equality is what these tests check, so that a change of summation order shows.
    /// </summary>
    private const double Tolerance = 0;

    [Theory]
    [InlineData(CompiledRoute.Batched)]
    [InlineData(CompiledRoute.WholeStep)]
    public void The_moons_reference_run_matches_eager_at_every_step_and_the_reference_trajectory(CompiledRoute route)
    {
        var reference = Trajectory.Load();
        var data = DatasetCsv.Load(Fixtures.PathOf("moons.csv"));
        Run Demo(Func<Objective, ITrainingEngine> engine)
        {
            var model = ModelFile.Load(Fixtures.PathOf("moons_init.json"));
            var objective = new Objective(model, Loss.Hinge, l2: 1e-4);
            return new Run(engine(objective), new Sgd(model.Parameters, LearningRateSchedule.Linear(1.0, 0.1, 100)));
        }
        var eager = Demo(o => new EagerEngine(o));
        var compiled = Demo(o => new CompiledEngine(o, route));
        Assert.Equal(route, ((CompiledEngine)compiled.Engine).Route);

        for (var k = 0; k < 100; k++)
        {
            var expected = eager.Step(data);
            var actual = compiled.Step(data);
            AssertSame(expected, actual, eager.Model, compiled.Model, k);
            Close.Assert(reference.Steps[k].Loss, actual.Loss, $"loss at step {k} against moons_trajectory.json");
            Assert.Equal(reference.Steps[k].Accuracy, actual.Accuracy);
        }
        AssertSameWeights(eager.Model, compiled.Model);
        reference.AssertFinal(compiled.Model);
    }

    public static TheoryData<string, int[], string, string, string, string, double, int, int, CompiledRoute> Configurations() => new()
    {
        // data, hidden sizes, hidden activation, output activation, loss, optimizer, l2, batch size (0: full), steps, route
        { "moons", [16, 16], "relu", "linear", "hinge", "sgd", 1e-4, 0, 25, CompiledRoute.Batched },
        { "circles", [8], "tanh", "linear", "bce", "adam", 1e-3, 16, 25, CompiledRoute.Batched },
        { "blobs3", [6, 5], "sigmoid", "linear", "softmax", "momentum", 0.0, 0, 25, CompiledRoute.Batched },
        { "spirals4", [10], "relu", "linear", "softmax", "adam", 1e-4, 25, 25, CompiledRoute.Batched },
        { "moons", [5], "tanh", "tanh", "mse", "sgd", 1e-2, 7, 30, CompiledRoute.Batched },
        { "three", [7, 3], "linear", "sigmoid", "bce", "sgd", 1e-4, 0, 20, CompiledRoute.Batched },
        { "blobs", [], "linear", "linear", "hinge", "momentum", 1e-3, 0, 20, CompiledRoute.Batched },
        { "spirals", [12, 12, 12], "tanh", "linear", "mse", "adam", 0.0, 33, 15, CompiledRoute.Batched },
        { "blobs5", [4], "relu", "tanh", "softmax", "sgd", 1e-3, 1, 15, CompiledRoute.Batched },
        { "moons", [16, 16], "relu", "linear", "hinge", "sgd", 1e-4, 0, 20, CompiledRoute.WholeStep },
        { "blobs3", [6], "tanh", "linear", "softmax", "adam", 1e-4, 0, 20, CompiledRoute.WholeStep },
        { "circles", [8, 4], "sigmoid", "linear", "mse", "momentum", 1e-3, 20, 20, CompiledRoute.WholeStep },
        { "three", [6], "relu", "linear", "bce", "sgd", 0.0, 9, 20, CompiledRoute.WholeStep },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Every_step_matches_the_eager_engine(
        string dataName, int[] hidden, string hiddenActivation, string outputActivation, string lossName, string optimizer,
        double l2, int batchSize, int steps, CompiledRoute route)
    {
        var data = DataSet(dataName);
        var batches = Batches(data, batchSize, steps, new Random(steps + batchSize));
        var loss = Loss.Parse(lossName);
        Run Make(Func<Objective, ITrainingEngine> engine)
        {
            var model = new Mlp(data.FeatureCount, [.. hidden, loss.OutputCountFor(data.ClassCount)], new Random(hidden.Sum() + 3),
                Activations.Parse(hiddenActivation), Activations.Parse(outputActivation));
            var objective = new Objective(model, loss, l2);
            var schedule = LearningRateSchedule.Linear(optimizer == "adam" ? 0.02 : 0.3, 0.01, steps);
            Optimizer o = optimizer switch
            {
                "adam" => new Adam(model.Parameters, schedule),
                "momentum" => new Momentum(model.Parameters, schedule),
                _ => new Sgd(model.Parameters, schedule),
            };
            return new Run(engine(objective), o);
        }
        var eager = Make(o => new EagerEngine(o));
        var compiled = Make(o => new CompiledEngine(o, route));

        for (var k = 0; k < steps; k++)
        {
            var expected = eager.Step(batches[k]);
            var actual = compiled.Step(batches[k]);
            AssertSame(expected, actual, eager.Model, compiled.Model, k);
        }
        AssertSameWeights(eager.Model, compiled.Model);
    }

    [Theory]
    [InlineData("moons", "hinge", 0)]
    [InlineData("moons", "bce", 13)]
    [InlineData("spirals4", "softmax", 0)]
    [InlineData("blobs3", "softmax", 29)]
    public void Batches_larger_than_the_lane_budget_run_in_chunks_with_the_same_results(string dataName, string lossName, int batchSize)
    {
        var data = DataSet(dataName);
        var loss = Loss.Parse(lossName);
        var batches = Batches(data, batchSize, 12, new Random(5));
        Run Make(Func<Objective, ITrainingEngine> engine)
        {
            var model = new Mlp(2, [6, 6, loss.OutputCountFor(data.ClassCount)], new Random(11), Activation.Tanh);
            return new Run(engine(new Objective(model, loss, 1e-3)), new Sgd(model.Parameters, LearningRateSchedule.Constant(0.2)));
        }
        var eager = Make(o => new EagerEngine(o));
        // a budget of about 8 samples per chunk: a batch of 100 runs in 13 chunks, one of 13 in 2
        var compiled = Make(o => new CompiledEngine(o, CompiledRoute.Batched, laneBudgetBytes: 8 * 2 * sizeof(double) * 150));
        for (var k = 0; k < batches.Count; k++) AssertSame(eager.Step(batches[k]), compiled.Step(batches[k]), eager.Model, compiled.Model, k);
        AssertSameWeights(eager.Model, compiled.Model);
    }

    [Theory]
    [InlineData(CompiledRoute.Batched)]
    [InlineData(CompiledRoute.WholeStep)]
    public void Batches_of_changing_sizes_and_samples_match_including_a_return_to_an_earlier_batch(CompiledRoute route)
    {
        var data = DataSet("blobs3");
        var small = data.Subset([5, 1, 9]);
        var other = data.Subset(Enumerable.Range(20, 40).ToArray());
        Dataset[] batches = [small, data, small, other, data, data, other, small];
        Run Make(Func<Objective, ITrainingEngine> engine)
        {
            var model = new Mlp(2, [5, 3], new Random(4), Activation.Relu);
            return new Run(engine(new Objective(model, Loss.SoftmaxCrossEntropy, 1e-3)),
                new Momentum(model.Parameters, LearningRateSchedule.Constant(0.1)));
        }
        var eager = Make(o => new EagerEngine(o));
        var compiled = Make(o => new CompiledEngine(o, route));
        for (var k = 0; k < batches.Length; k++) AssertSame(eager.Step(batches[k]), compiled.Step(batches[k]), eager.Model, compiled.Model, k);
        AssertSameWeights(eager.Model, compiled.Model);
    }

    [Fact]
    public void Non_finite_numbers_propagate_as_in_the_eager_engine()
    {
        var data = DataSet("moons");
        Run Make(Func<Objective, ITrainingEngine> engine)
        {
            var model = new Mlp(2, [4, 1], new Random(2), Activation.Tanh);
            model.Parameters[0].Data = double.PositiveInfinity;
            model.Parameters[3].Data = double.NaN;
            return new Run(engine(new Objective(model, Loss.BinaryCrossEntropy, 1e-3)), new Sgd(model.Parameters, LearningRateSchedule.Constant(0.1)));
        }
        var eager = Make(o => new EagerEngine(o));
        var compiled = Make(o => new CompiledEngine(o));
        var first = compiled.Step(data);
        AssertSame(eager.Step(data), first, eager.Model, compiled.Model, 0);
        Assert.True(double.IsNaN(first.Loss));
        Assert.Contains(compiled.Model.Parameters, p => double.IsNaN(p.Grad));
        for (var k = 1; k < 3; k++) AssertSame(eager.Step(data), compiled.Step(data), eager.Model, compiled.Model, k);
    }

    [Fact]
    public void A_loss_from_outside_the_library_runs_eagerly_and_cannot_be_recorded()
    {
        var data = DataSet("moons");
        var model = new Mlp(2, [3, 1], new Random(6));
        var objective = new Objective(model, new SquaredHinge(), 1e-3);
        Assert.Equal(CompiledRoute.Eager, CompiledEngine.DefaultRoute(objective));
        var engine = new CompiledEngine(objective);
        Assert.Equal(CompiledRoute.Eager, engine.Route);
        var measured = engine.ComputeGradients(data);
        var grads = model.Parameters.Select(p => p.Grad).ToArray();
        Assert.Equal(new EagerEngine(objective).ComputeGradients(data), measured);
        Assert.Equal(grads, model.Parameters.Select(p => p.Grad));

        var error = Assert.Throws<ArgumentException>(() => new CompiledEngine(objective, CompiledRoute.Batched));
        Assert.Contains("'squared-hinge' loss is not one of this library's losses", error.Message);
        Assert.Equal(CompiledRoute.Batched, CompiledEngine.DefaultRoute(new Objective(model, Loss.SoftmaxCrossEntropy)));
    }

    [Fact]
    public void A_batch_that_does_not_fit_is_refused_as_by_the_eager_engine()
    {
        var model = new Mlp(2, [3, 1], new Random(6));
        var engine = new CompiledEngine(new Objective(model, Loss.Hinge));
        var error = Assert.Throws<ArgumentException>(() => engine.ComputeGradients(new Dataset([[1.0, 2.0]], [0.5], "bad")));
        Assert.Contains("label 0.5 is not -1 or 1", error.Message);
        Assert.Throws<ArgumentException>(() => engine.ComputeGradients(new Dataset([[1.0, 2.0, 3.0]], [1.0], "wide")));
    }

    [Fact]
    public void Gradients_are_replaced_not_added()
    {
        var data = DataSet("circles");
        var model = new Mlp(2, [5, 1], new Random(3));
        var engine = new CompiledEngine(new Objective(model, Loss.Hinge, 1e-3));
        foreach (var p in model.Parameters) p.Grad = 123.0;
        var first = engine.ComputeGradients(data);
        var grads = model.Parameters.Select(p => p.Grad).ToArray();
        var second = engine.ComputeGradients(data);
        Assert.Equal(first, second);
        Assert.Equal(grads, model.Parameters.Select(p => p.Grad));
        Assert.DoesNotContain(123.0, grads);
    }

    /// <summary>The data sets of the tests: generated, 100 samples (60 for "three", three features).</summary>
    internal static Dataset DataSet(string name)
    {
        var random = new Random(name.Length * 31);
        return name switch
        {
            "blobs3" => DataGenerators.Blobs(90, 0.8, random, classes: 3),
            "blobs5" => DataGenerators.Blobs(60, 0.8, random, classes: 5),
            "spirals4" => DataGenerators.Spirals(100, 0.05, random, classes: 4),
            "three" => ThreeFeatures(60, random),
            _ => DataGenerators.Generate(name, 100, null, random),
        };
    }

    /// <summary>Each step's batch: the whole data set (size 0), or epochs of shuffled batches of the size, the last of each epoch smaller.</summary>
    internal static IReadOnlyList<Dataset> Batches(Dataset data, int size, int steps, Random random)
    {
        if (size == 0) return Enumerable.Repeat(data, steps).ToList();
        var batches = new List<Dataset>();
        while (batches.Count < steps)
        {
            var order = Enumerable.Range(0, data.Count).OrderBy(_ => random.Next()).ToArray();
            for (var start = 0; start < order.Length && batches.Count < steps; start += size)
                batches.Add(data.Subset(order[start..Math.Min(order.Length, start + size)]));
        }
        return batches;
    }

    private static Dataset ThreeFeatures(int count, Random random)
    {
        var rows = Enumerable.Range(0, count).Select(_ => new[] { random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1, random.NextDouble() - 0.5 }).ToArray();
        return new Dataset(rows, rows.Select(r => r[0] * r[1] + r[2] > 0 ? 1.0 : -1.0), "three");
    }

    private static void AssertSame(LossAndAccuracy expected, LossAndAccuracy actual, Mlp eager, Mlp compiled, int step)
    {
        Close.Assert(expected.Loss, actual.Loss, $"loss at step {step}", Tolerance, absolute: 0);
        Assert.Equal(expected.Accuracy, actual.Accuracy);
        for (var j = 0; j < eager.Parameters.Count; j++)
            Close.Assert(eager.Parameters[j].Grad, compiled.Parameters[j].Grad, $"gradient of {eager.Parameters[j].Label} at step {step}", Tolerance, absolute: 0);
    }

    private static void AssertSameWeights(Mlp eager, Mlp compiled)
    {
        for (var j = 0; j < eager.Parameters.Count; j++)
            Close.Assert(eager.Parameters[j].Data, compiled.Parameters[j].Data, $"final {eager.Parameters[j].Label}", Tolerance, absolute: 0);
    }

    /// <summary>An engine and an optimizer over one model: <see cref="Step"/> is what <see cref="Trainer.Step"/> does with a given batch.</summary>
    private sealed record Run(ITrainingEngine Engine, Optimizer Optimizer)
    {
        public Mlp Model => Engine.Objective.Model;

        public LossAndAccuracy Step(Dataset batch)
        {
            var measured = Engine.ComputeGradients(batch);
            Optimizer.Step();
            return measured;
        }
    }

    /// <summary>A loss this library does not define: <c>max(0, 1 − y·score)²</c>.</summary>
    private sealed class SquaredHinge : Loss
    {
        public override string Name => "squared-hinge";

        public override Value SampleLoss(IReadOnlyList<Value> output, double target) => (1.0 - target * output[0]).Relu().Pow(2);

        public override bool IsCorrect(IReadOnlyList<double> output, double target) => output[0] > 0 == target > 0;

        public override int OutputCountFor(int classes) => 1;

        public override string? TargetError(double target, int outputCount) => target is -1.0 or 1.0 ? null : "not -1 or 1";
    }
}
