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
        EngineTwins.AssertSameSteps(() => new Mlp(2, [5, classes], new Random(17), Activation.Tanh), Loss.SoftmaxCrossEntropy, 1e-4,
            parameters => new Adam(parameters, LearningRateSchedule.Constant(0.05)), [data, other, data, other]);
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
