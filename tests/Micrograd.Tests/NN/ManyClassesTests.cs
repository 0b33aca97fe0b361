using Micrograd.NN;
using Micrograd.Tests.Support;

namespace Micrograd.Tests.NN;

/// <summary>
/// Softmax over many classes: the compiled engine gives the eager numbers bit for bit, and its cost grows linearly with
/// the class count (the loss's graph does not depend on the sample's class, so it is recorded once, not once per class).
/// </summary>
public class ManyClassesTests
{
    [Fact]
    public void Compiled_equals_eager_bit_for_bit_with_many_classes()
    {
        const int classes = 1500;
        // samples of classes at both ends and in the middle, twice with the same class; the second batch has other classes
        var data = Samples(classes, [0, classes - 1, classes / 2, 7, classes - 1, 1]);
        var other = Samples(classes, [3, 2, classes - 2, 0, 11, classes / 3]);
        (Mlp Model, ITrainingEngine Engine, Optimizer Optimizer) Make(Func<Objective, ITrainingEngine> engine)
        {
            var model = new Mlp(2, [5, classes], new Random(17), Activation.Tanh);
            return (model, engine(new Objective(model, Loss.SoftmaxCrossEntropy, 1e-4)), new Adam(model.Parameters, LearningRateSchedule.Constant(0.05)));
        }
        var eager = Make(o => new EagerEngine(o));
        var compiled = Make(o => new CompiledEngine(o));
        Dataset[] batches = [data, other, data, other];
        for (var k = 0; k < batches.Length; k++)
        {
            var expected = eager.Engine.ComputeGradients(batches[k]);
            var actual = compiled.Engine.ComputeGradients(batches[k]);
            Exact.Assert(expected.Loss, actual.Loss, $"loss at step {k}");
            Assert.Equal(expected.Accuracy, actual.Accuracy);
            for (var j = 0; j < eager.Model.Parameters.Count; j++)
                Exact.Assert(eager.Model.Parameters[j].Grad, compiled.Model.Parameters[j].Grad, $"gradient {j} at step {k}");
            eager.Optimizer.Step();
            compiled.Optimizer.Step();
        }
        Assert.True(double.IsFinite(eager.Engine.ComputeGradients(data).Loss));
    }

    [Fact]
    public void The_compiled_engine_allocates_in_proportion_to_the_class_count()
    {
        // bytes allocated (no timing) by making the engine and its first step, which records the graphs: four times the
        // classes must cost about four times the bytes (it cost about sixteen times while each class had its own recorded graph)
        long FirstStep(int classes)
        {
            var data = Samples(classes, [0, classes - 1]);
            var model = new Mlp(2, [4, classes], new Random(3));
            var before = GC.GetAllocatedBytesForCurrentThread();
            new CompiledEngine(new Objective(model, Loss.SoftmaxCrossEntropy, 1e-4)).ComputeGradients(data);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        FirstStep(50); // warm-up: the JIT's and the runtime's one-off allocations
        var small = FirstStep(250);
        var large = FirstStep(1000);
        Assert.InRange((double)large / small, 3.0, 6.0);
    }

    /// <summary>Samples with two features labelled with the given classes, and one more of the last class, so that the data has
    /// <paramref name="classes"/> classes (its largest label + 1).</summary>
    private static Dataset Samples(int classes, int[] labels)
    {
        var random = new Random(labels.Length);
        var all = labels.Append(classes - 1).ToArray();
        return new Dataset(all.Select(_ => new[] { random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1 }).ToArray(), all.Select(l => (double)l), "many");
    }
}
