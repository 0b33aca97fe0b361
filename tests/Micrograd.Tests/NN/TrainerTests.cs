using Micrograd.NN;
using Micrograd.Tests.Support;

namespace Micrograd.Tests.NN;

public class TrainerTests
{
    private static Dataset SmallMoons(int seed = 1) => DataGenerators.Moons(20, 0.1, new Random(seed));

    public static TheoryData<string, string, string> LossesAndActivations()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var loss in new[] { "hinge", "bce", "mse", "softmax" })
        {
            foreach (var activation in new[] { "relu", "tanh", "sigmoid" }) data.Add(loss, activation, "linear");
        }
        data.Add("mse", "tanh", "tanh");
        data.Add("bce", "relu", "sigmoid");
        return data;
    }

    [Theory]
    [MemberData(nameof(LossesAndActivations))]
    public void Eager_gradients_pass_a_gradient_check_against_the_objective(string lossName, string hidden, string output)
    {
        var loss = Loss.Parse(lossName);
        var data = lossName == "softmax" ? DataGenerators.Blobs(12, 0.5, new Random(2), classes: 3) : SmallMoons();
        var model = new Mlp(2, [4, 3, loss.OutputCountFor(data.ClassCount)], new Random(7), Activations.Parse(hidden), Activations.Parse(output));
        var objective = new Objective(model, loss, l2: 1e-2);
        var engine = new EagerEngine(objective);

        var point = model.Parameters.Select(p => p.Data).ToArray();
        engine.ComputeGradients(data);
        var analytical = model.Parameters.Select(p => p.Grad).ToArray();

        double LossAt(double[] x)
        {
            for (var i = 0; i < x.Length; i++) model.Parameters[i].Data = x[i];
            return objective.Evaluate(data).Loss;
        }
        var result = GradientCheck.Compare(LossAt, analytical, point);
        Assert.True(result.Passed, result.ToString());
        Assert.Contains(analytical, g => Math.Abs(g) > 1e-3);
    }

    [Fact]
    public void The_engine_replaces_gradients_rather_than_adding_to_them()
    {
        var data = SmallMoons();
        var model = new Mlp(2, [5, 1], new Random(3));
        var engine = new EagerEngine(new Objective(model, Loss.Hinge, 1e-3));
        var first = engine.ComputeGradients(data);
        var grads = model.Parameters.Select(p => p.Grad).ToArray();
        var second = engine.ComputeGradients(data);
        Assert.Equal(first, second);
        Assert.Equal(grads, model.Parameters.Select(p => p.Grad));
    }

    [Fact]
    public void Loss_and_accuracy_are_measured_before_each_steps_update()
    {
        var data = SmallMoons();
        var model = new Mlp(2, [6, 1], new Random(4), Activation.Tanh);
        var objective = new Objective(model, Loss.BinaryCrossEntropy, 1e-4);
        var trainer = new Trainer(new EagerEngine(objective), new Sgd(model.Parameters, LearningRateSchedule.Constant(0.5)), BatchSampler.Full(data));

        var before = objective.Evaluate(data);
        var step0 = trainer.Step();
        var between = objective.Evaluate(data);
        var step1 = trainer.Step();

        Assert.Equal(0, step0.Step);
        Assert.Equal(1, step1.Step);
        Assert.Equal(before.Loss, step0.Loss);
        Assert.Equal(before.Accuracy, step0.Accuracy);
        Assert.Equal(between.Loss, step1.Loss);
        Assert.NotEqual(step0.Loss, step1.Loss);
        Assert.Equal([step0, step1], trainer.History);
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("momentum")]
    [InlineData("adam")]
    public void Loss_falls_and_accuracy_reaches_one_on_separable_data(string optimizerName)
    {
        var data = DataGenerators.Blobs(60, 0.3, new Random(5));
        var model = new Mlp(2, [8, 1], new Random(6), Activation.Tanh);
        var schedule = LearningRateSchedule.Constant(optimizerName == "adam" ? 0.05 : 0.1);
        Optimizer optimizer = optimizerName switch
        {
            "sgd" => new Sgd(model.Parameters, schedule),
            "momentum" => new Momentum(model.Parameters, schedule),
            _ => new Adam(model.Parameters, schedule),
        };
        var trainer = new Trainer(new EagerEngine(new Objective(model, Loss.BinaryCrossEntropy)), optimizer, BatchSampler.Full(data));
        var steps = trainer.Run(150);
        Assert.True(steps[^1].Loss < steps[0].Loss / 4, $"loss went from {steps[0].Loss} to {steps[^1].Loss}");
        Assert.Equal(1.0, steps[^1].Accuracy);
    }

    [Fact]
    public void Softmax_learns_three_blobs()
    {
        var data = DataGenerators.Blobs(90, 0.4, new Random(8), classes: 3);
        var model = new Mlp(2, [10, 3], new Random(9), Activation.Relu);
        var trainer = new Trainer(new EagerEngine(new Objective(model, Loss.SoftmaxCrossEntropy)),
            new Adam(model.Parameters, LearningRateSchedule.Constant(0.05)), BatchSampler.Full(data));
        var steps = trainer.Run(100);
        Assert.True(steps[^1].Loss < steps[0].Loss / 3, $"loss went from {steps[0].Loss} to {steps[^1].Loss}");
        Assert.True(steps[^1].Accuracy > 0.95, $"accuracy {steps[^1].Accuracy}");
    }

    [Fact]
    public void Run_keeps_only_the_steps_taken_so_a_run_stopped_early_costs_nothing_for_the_steps_it_did_not_take()
    {
        var data = DataGenerators.Moons(20, 0.1, new Random(1));
        var model = new Mlp(2, [3, 1], new Random(2));
        var trainer = new Trainer(new EagerEngine(new Objective(model, Loss.Hinge)), new Sgd(model.Parameters, LearningRateSchedule.Constant(0.1)),
            BatchSampler.Full(data));
        var taken = new List<TrainingStep>();
        var before = GC.GetAllocatedBytesForCurrentThread();
        // stopped by its caller after three steps of a run of int.MaxValue (as the tool stops on Ctrl-C)
        Assert.Throws<OperationCanceledException>(() => trainer.Run(int.MaxValue, step =>
        {
            taken.Add(step);
            if (taken.Count == 3) throw new OperationCanceledException();
        }));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 10_000_000, $"three steps allocated {allocated:N0} bytes");
        Assert.Equal(taken, trainer.History);
    }

    [Fact]
    public void Random_batches_have_the_requested_size_distinct_samples_and_depend_on_the_seed()
    {
        var data = DataGenerators.Moons(30, 0.1, new Random(1));
        var a = new BatchSampler(data, 8, new Random(2));
        var b = new BatchSampler(data, 8, new Random(2));
        var seen = new HashSet<double>();
        for (var i = 0; i < 20; i++)
        {
            var batch = a.Next();
            var other = b.Next();
            Assert.Equal(8, batch.Count);
            Assert.Equal(8, batch.Features.Select(r => (r[0], r[1])).Distinct().Count());
            Assert.All(batch.Features, r => Assert.Contains(data.Features, d => d[0] == r[0] && d[1] == r[1]));
            Assert.Equal(batch.Features.SelectMany(r => r), other.Features.SelectMany(r => r));
            foreach (var r in batch.Features) seen.Add(r[0]);
        }
        Assert.True(seen.Count > 20, "random batches should cover most of the data");
        Assert.Same(data, BatchSampler.Full(data).Next());
        Assert.True(new BatchSampler(data, 100, null).IsFullBatch);
        Assert.Throws<ArgumentNullException>(() => new BatchSampler(data, 5, null));
    }

    [Fact]
    public void LastBatchIndices_are_the_positions_of_the_samples_of_the_last_batch_in_order()
    {
        var data = DataGenerators.Moons(30, 0.1, new Random(1));
        var sampler = new BatchSampler(data, 8, new Random(2));
        Assert.Equal(Enumerable.Range(0, 8), sampler.LastBatchIndices.ToArray()); // before the first batch
        var previous = Array.Empty<int>();
        for (var step = 0; step < 10; step++)
        {
            var batch = sampler.Next();
            var indices = sampler.LastBatchIndices.ToArray();
            Assert.Equal(8, indices.Length);
            Assert.Equal(8, indices.Distinct().Count());
            Assert.All(indices, i => Assert.InRange(i, 0, data.Count - 1));
            for (var k = 0; k < indices.Length; k++)
            {
                Assert.Equal(data.Features[indices[k]], batch.Features[k]);
                Assert.Equal(data.Labels![indices[k]], batch.Labels![k]);
            }
            Assert.NotEqual(previous, indices);
            previous = indices;
        }

        var full = BatchSampler.Full(data);
        full.Next();
        Assert.Equal(Enumerable.Range(0, data.Count), full.LastBatchIndices.ToArray());
    }

    [Fact]
    public void Minibatch_training_uses_each_steps_batch()
    {
        var data = DataGenerators.Moons(40, 0.1, new Random(1));
        var model = new Mlp(2, [4, 1], new Random(2));
        var objective = new Objective(model, Loss.Hinge);
        var sampler = new BatchSampler(data, 10, new Random(3));
        var replay = new BatchSampler(data, 10, new Random(3));
        var trainer = new Trainer(new EagerEngine(objective), new Sgd(model.Parameters, LearningRateSchedule.Constant(0.1)), sampler);
        for (var k = 0; k < 5; k++)
        {
            var expected = objective.Evaluate(replay.Next());
            var step = trainer.Step();
            Assert.Equal(expected.Loss, step.Loss);
            Assert.Equal(expected.Accuracy, step.Accuracy);
            Assert.Equal(0, step.Accuracy * 10 % 1, 9);
        }
    }

    /// <summary>Another engine behind the same contract: gradients by central differences, no graph for the gradient.</summary>
    private sealed class FiniteDifferenceEngine(Objective objective) : ITrainingEngine
    {
        public Objective Objective { get; } = objective;

        public LossAndAccuracy ComputeGradients(Dataset batch)
        {
            var parameters = Objective.Model.Parameters;
            var measured = Objective.Evaluate(batch);
            foreach (var p in parameters)
            {
                var saved = p.Data;
                p.Data = saved + 1e-6;
                var plus = Objective.Evaluate(batch).Loss;
                p.Data = saved - 1e-6;
                var minus = Objective.Evaluate(batch).Loss;
                p.Data = saved;
                p.Grad = (plus - minus) / 2e-6;
            }
            return measured;
        }
    }

    [Fact]
    public void Another_engine_plugs_into_the_trainer_and_gives_the_same_run()
    {
        var data = SmallMoons();
        Mlp Model() => new(2, [3, 1], new Random(12), Activation.Tanh);
        var eagerModel = Model();
        var otherModel = Model();
        var eager = new Trainer(new EagerEngine(new Objective(eagerModel, Loss.BinaryCrossEntropy, 1e-3)),
            new Sgd(eagerModel.Parameters, LearningRateSchedule.Linear(0.5, 0.1, 10)), BatchSampler.Full(data)).Run(10);
        var other = new Trainer(new FiniteDifferenceEngine(new Objective(otherModel, Loss.BinaryCrossEntropy, 1e-3)),
            new Sgd(otherModel.Parameters, LearningRateSchedule.Linear(0.5, 0.1, 10)), BatchSampler.Full(data)).Run(10);
        for (var k = 0; k < 10; k++) Close.Assert(eager[k].Loss, other[k].Loss, $"loss at step {k}", relative: 1e-7);
        Assert.All(eagerModel.Parameters.Zip(otherModel.Parameters), p => Close.Assert(p.First.Data, p.Second.Data, p.First.Label, relative: 1e-6, absolute: 1e-8));
    }

    [Fact]
    public void Data_that_does_not_fit_is_refused_with_a_message()
    {
        var model = new Mlp(2, [3, 1], new Random(1));
        var optimizer = new Sgd(model.Parameters, LearningRateSchedule.Constant(0.1));
        var engine = new EagerEngine(new Objective(model, Loss.Hinge));
        var three = new Dataset([[1.0, 2.0, 3.0]], [1.0], "three.csv");
        Assert.Contains("The model takes 2 inputs but three.csv has 3 features",
            Assert.Throws<ArgumentException>(() => new Trainer(engine, optimizer, BatchSampler.Full(three))).Message);
        var badLabel = new Dataset([[1.0, 2.0], [3.0, 4.0]], [1.0, 2.0], "bad.csv");
        Assert.Contains("Sample 2 of bad.csv: label 2 is not -1 or 1",
            Assert.Throws<ArgumentException>(() => new Trainer(engine, optimizer, BatchSampler.Full(badLabel))).Message);
        var unlabelled = new Dataset([[1.0, 2.0]], null, "u.csv");
        Assert.Contains("Training needs labels", Assert.Throws<ArgumentException>(() => new Trainer(engine, optimizer, BatchSampler.Full(unlabelled))).Message);
        var otherModel = new Mlp(2, [3, 1], new Random(1));
        Assert.Contains("the model's parameters", Assert.Throws<ArgumentException>(() =>
            new Trainer(engine, new Sgd(otherModel.Parameters, LearningRateSchedule.Constant(0.1)), BatchSampler.Full(SmallMoons()))).Message);
    }
}
