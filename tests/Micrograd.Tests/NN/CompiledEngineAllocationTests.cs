using Micrograd.NN;
using Micrograd.Tests.Support;

namespace Micrograd.Tests.NN;

/// <summary>
/// After warm-up (the first step of each batch size records the graphs), a compiled step allocates nothing: the engine's
/// <see cref="ITrainingEngine.ComputeGradients"/> and the optimizer's step, measured with
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> (no timing; see <see cref="Allocations"/>). <see cref="Trainer.Step"/> itself allocates its
/// <see cref="TrainingStep"/> record and <see cref="BatchSampler.Next"/> a new batch for random batches, so the batches are
/// drawn before measuring and the engine and optimizer are called directly.
/// </summary>
public class CompiledEngineAllocationTests
{
    [Theory]
    [InlineData("moons", "hinge", 0, "sgd")]
    [InlineData("moons", "hinge", 16, "momentum")]
    [InlineData("moons", "bce", 7, "adam")]
    [InlineData("moons", "mse", 0, "sgd")]
    [InlineData("spirals4", "softmax", 0, "adam")]
    [InlineData("blobs3", "softmax", 20, "sgd")]
    [InlineData("circles", "mse", 25, "sgd")]
    [InlineData("blobs3", "softmax", 0, "momentum")]
    public void A_step_allocates_nothing_after_warm_up(string dataName, string lossName, int batchSize, string optimizerName)
    {
        var data = CompiledEngineTests.DataSet(dataName);
        var loss = Loss.Parse(lossName);
        var model = new Mlp(data.FeatureCount, [16, 16, loss.OutputCountFor(data.ClassCount)], new Random(1));
        var engine = new CompiledEngine(new Objective(model, loss, 1e-4));
        var schedule = LearningRateSchedule.Linear(0.05, 0.01, 1000);
        Optimizer optimizer = optimizerName switch
        {
            "adam" => new Adam(model.Parameters, schedule),
            "momentum" => new Momentum(model.Parameters, schedule),
            _ => new Sgd(model.Parameters, schedule),
        };
        // every batch size in warm-up: epochs of shuffled batches end with a smaller batch
        var batches = CompiledEngineTests.Batches(data, batchSize, 40, new Random(3));
        var sizes = new HashSet<int>();
        var losses = new double[batches.Count];
        for (var k = 0; k < batches.Count; k++)
        {
            if (!sizes.Add(batches[k].Count)) continue;
            engine.ComputeGradients(batches[k]);
            optimizer.Step();
        }
        engine.ComputeGradients(batches[0]);

        Allocations.AssertNone(() =>
        {
            for (var k = 0; k < batches.Count; k++)
            {
                losses[k] = engine.ComputeGradients(batches[k]).Loss;
                optimizer.Step();
            }
        }, $"{batches.Count} steps of the engine and the optimizer");
        Assert.All(losses, l => Assert.True(l > 0 && double.IsFinite(l))); // the steps did run
        Assert.Contains(model.Parameters, p => p.Grad != 0);
    }
}
