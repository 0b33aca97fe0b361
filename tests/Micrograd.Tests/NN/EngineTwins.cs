using Micrograd.NN;

namespace Micrograd.Tests.NN;

/// <summary>The eager and the compiled engine stepped side by side, each on its own copy of a model.</summary>
internal static class EngineTwins
{
    /// <summary>
    /// Makes the model twice (<paramref name="model"/> must make the same weights each time), trains one copy with the eager
    /// engine and one with the compiled engine over <paramref name="batches"/> in turn, and checks that every step's loss,
    /// accuracy and gradients are the same doubles (and the losses finite, so that the test compares numbers, not NaNs).
    /// </summary>
    public static void AssertSameSteps(Func<Mlp> model, Loss loss, double l2, Func<IReadOnlyList<Value>, Optimizer> optimizer, IReadOnlyList<Dataset> batches)
    {
        (Mlp Model, ITrainingEngine Engine, Optimizer Optimizer) Make(Func<Objective, ITrainingEngine> engine)
        {
            var m = model();
            return (m, engine(new Objective(m, loss, l2)), optimizer(m.Parameters));
        }
        var eager = Make(o => new EagerEngine(o));
        var compiled = Make(o => new CompiledEngine(o));
        for (var k = 0; k < batches.Count; k++)
        {
            var expected = eager.Engine.ComputeGradients(batches[k]);
            var actual = compiled.Engine.ComputeGradients(batches[k]);
            Assert.True(double.IsFinite(expected.Loss), $"the loss at step {k} is {expected.Loss}: two NaNs would prove nothing");
            Exact.Assert(expected.Loss, actual.Loss, $"loss at step {k}");
            Assert.Equal(expected.Accuracy, actual.Accuracy);
            for (var j = 0; j < eager.Model.Parameters.Count; j++)
                Exact.Assert(eager.Model.Parameters[j].Grad, compiled.Model.Parameters[j].Grad, $"gradient {j} at step {k}");
            eager.Optimizer.Step();
            compiled.Optimizer.Step();
        }
    }
}
