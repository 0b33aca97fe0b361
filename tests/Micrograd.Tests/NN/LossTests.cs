using CsCheck;
using Micrograd.NN;
using Micrograd.Tests.Support;

namespace Micrograd.Tests.NN;

public class LossTests
{
    private static Value[][] Scores(params double[] s) => s.Select(x => new[] { new Value(x) }).ToArray();

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    [Fact]
    public void Hinge_is_the_mean_of_max_zero_one_minus_y_score()
    {
        var scores = Scores(2.0, -0.5, 0.25, -3.0);
        var loss = Loss.Hinge.Compute(scores, [1, 1, -1, -1]);
        // max(0, −1) = 0, max(0, 1.5) = 1.5, max(0, 1.25) = 1.25, max(0, −2) = 0
        Assert.Equal((0 + 1.5 + 1.25 + 0) / 4, loss.Data, 15);
        loss.Backward();
        Assert.Equal([0.0, -0.25, 0.25, 0.0], scores.Select(s => s[0].Grad));
    }

    [Fact]
    public void Hinge_has_gradient_zero_exactly_at_the_margin()
    {
        var scores = Scores(1.0);
        var loss = Loss.Hinge.Compute(scores, [1]);
        loss.Backward();
        Assert.Equal(0.0, loss.Data);
        Assert.Equal(0.0, scores[0][0].Grad);
    }

    [Fact]
    public void Mean_squared_error_by_hand()
    {
        var scores = Scores(0.5, -2.0, 3.0);
        var loss = Loss.MeanSquaredError.Compute(scores, [1, -1, 0.5]);
        Assert.Equal((0.25 + 1.0 + 6.25) / 3, loss.Data, 15);
        loss.Backward();
        Assert.Equal([2 * -0.5 / 3, 2 * -1.0 / 3, 2 * 2.5 / 3], scores.Select(s => s[0].Grad).ToArray(), new ToleranceComparer(1e-15));
    }

    [Fact]
    public void Binary_cross_entropy_is_minus_log_likelihood_with_gradient_sigmoid_minus_target()
    {
        double[] z = [0.3, -1.7, 2.5, -0.01, 4.0];
        double[] y = [1, -1, -1, 1, 1];
        var scores = Scores(z);
        var loss = Loss.BinaryCrossEntropy.Compute(scores, y);
        var expected = z.Zip(y).Average(p => p.Second > 0 ? -Math.Log(Sigmoid(p.First)) : -Math.Log(1 - Sigmoid(p.First)));
        Close.Assert(expected, loss.Data, "bce");
        loss.Backward();
        for (var i = 0; i < z.Length; i++) Close.Assert((Sigmoid(z[i]) - (y[i] + 1) / 2) / z.Length, scores[i][0].Grad, $"gradient {i}");
    }

    [Fact]
    public void Binary_cross_entropy_has_the_right_gradient_at_a_logit_of_exactly_zero()
    {
        foreach (var label in new[] { -1.0, 1.0 })
        {
            var scores = Scores(0.0);
            var loss = Loss.BinaryCrossEntropy.Compute(scores, [label]);
            loss.Backward();
            Assert.Equal(Math.Log(2), loss.Data, 15);
            Assert.Equal(0.5 - (label + 1) / 2, scores[0][0].Grad);
        }
    }

    [Theory]
    [InlineData(800.0, -1.0, 800.0, 1.0)]
    [InlineData(800.0, 1.0, 0.0, 0.0)]
    [InlineData(-800.0, 1.0, 800.0, -1.0)]
    [InlineData(-800.0, -1.0, 0.0, 0.0)]
    [InlineData(40.0, -1.0, 40.0, 1.0)]
    public void Binary_cross_entropy_stays_finite_at_huge_logits(double z, double label, double expectedLoss, double expectedGradient)
    {
        var scores = Scores(z);
        var loss = Loss.BinaryCrossEntropy.Compute(scores, [label]);
        loss.Backward();
        Assert.True(double.IsFinite(loss.Data) && double.IsFinite(scores[0][0].Grad));
        Close.Assert(expectedLoss, loss.Data, "loss");
        Close.Assert(expectedGradient, scores[0][0].Grad, "gradient", absolute: 1e-15);
    }

    [Fact]
    public void Softmax_cross_entropy_by_hand_with_gradient_softmax_minus_one_hot()
    {
        double[] z = [1.0, 2.0, 0.5];
        var outputs = new[] { z.Select(x => new Value(x)).ToArray() };
        var loss = Loss.SoftmaxCrossEntropy.Compute(outputs, [2]);
        var sum = z.Sum(Math.Exp);
        Close.Assert(Math.Log(sum) - 0.5, loss.Data, "loss");
        loss.Backward();
        for (var k = 0; k < 3; k++) Close.Assert(Math.Exp(z[k]) / sum - (k == 2 ? 1 : 0), outputs[0][k].Grad, $"gradient {k}");
    }

    [Fact]
    public void Softmax_cross_entropy_stays_finite_at_huge_logits()
    {
        var outputs = new[] { new Value[] { 1000.0, 0.0, -1000.0 }, new Value[] { 1000.0, 0.0, -1000.0 } };
        var loss = Loss.SoftmaxCrossEntropy.Compute(outputs, [0, 2]);
        loss.Backward();
        // sample 0: log(1 + e^-1000 + e^-2000) ≈ 0; sample 1: 2000; mean 1000
        Close.Assert(1000.0, loss.Data, "loss");
        Assert.All(outputs.SelectMany(o => o), v => Assert.True(double.IsFinite(v.Grad)));
        Assert.Equal([0.0, 0.0, 0.0, 0.5, 0.0, -0.5], outputs.SelectMany(o => o).Select(v => v.Grad));
    }

    [Fact]
    public void Softmax_reads_minus_one_as_class_zero_with_two_outputs()
    {
        var a = Loss.SoftmaxCrossEntropy.Compute([new Value[] { 0.3, -0.4 }], [-1]).Data;
        var b = Loss.SoftmaxCrossEntropy.Compute([new Value[] { 0.3, -0.4 }], [0]).Data;
        Assert.Equal(a, b);
        Assert.True(Loss.SoftmaxCrossEntropy.IsCorrect([0.3, -0.4], -1));
        Assert.False(Loss.SoftmaxCrossEntropy.IsCorrect([0.3, -0.4], 1));
        Assert.True(Loss.SoftmaxCrossEntropy.IsCorrect([0.1, 0.2, 0.9, 0.3], 2));
    }

    [Fact]
    public void Every_loss_passes_a_gradient_check_at_random_points()
    {
        foreach (var loss in Loss.All)
        {
            var outputs = loss == Loss.SoftmaxCrossEntropy ? 3 : 1;
            double[] targets = loss == Loss.SoftmaxCrossEntropy ? [0, 2, 1, 2] : loss == Loss.MeanSquaredError ? [0.5, -1, 2, 0] : [1, -1, -1, 1];
            // the hinge has a kink at the margin y·score = 1, where no finite difference agrees with either side
            Gen.Double[-3, 3].Array[outputs * 4].Where(x => loss != Loss.Hinge || x.Select((s, i) => Math.Abs(1 - targets[i] * s)).Min() > 1e-3).Sample(x =>
            {
                var result = GradientCheck.Run(v =>
                    loss.Compute(Enumerable.Range(0, 4).Select(i => (IReadOnlyList<Value>)v.Skip(i * outputs).Take(outputs).ToArray()).ToArray(), targets), x);
                return result.Passed;
            }, iter: 50);
        }
    }

    [Fact]
    public void Accuracy_is_the_fraction_whose_sign_matches_the_label()
    {
        IReadOnlyList<double>[] scores = [[0.5], [-0.1], [0.0], [2.0]];
        Assert.Equal(0.75, Loss.Hinge.Accuracy(scores, [1, -1, -1, -1]));
        Assert.Equal(0.5, Loss.BinaryCrossEntropy.Accuracy(scores, [1, 1, 1, 1]));
    }

    [Fact]
    public void Invalid_targets_and_sizes_are_refused_naming_the_sample()
    {
        Assert.Contains("Sample 2: label 0 is not -1 or 1", Assert.Throws<ArgumentException>(() => Loss.Hinge.Compute(Scores(1, 2), [1, 0])).Message);
        Assert.Contains("label 0.5 is not -1 or 1", Assert.Throws<ArgumentException>(() => Loss.BinaryCrossEntropy.Compute(Scores(1), [0.5])).Message);
        Assert.Contains("not a finite number", Assert.Throws<ArgumentException>(() => Loss.MeanSquaredError.Compute(Scores(1), [double.NaN])).Message);
        Assert.Contains("needs a model with 1 output, not 2", Assert.Throws<ArgumentException>(() => Loss.Hinge.Compute([new Value[] { 1, 2 }], [1])).Message);
        Assert.Contains("at least 2 outputs", Assert.Throws<ArgumentException>(() => Loss.SoftmaxCrossEntropy.Compute(Scores(1), [0])).Message);
        Assert.Contains("not a class index from 0 to 2", Assert.Throws<ArgumentException>(() => Loss.SoftmaxCrossEntropy.Compute([new Value[] { 1, 2, 3 }], [3])).Message);
        Assert.Contains("not a class index", Assert.Throws<ArgumentException>(() => Loss.SoftmaxCrossEntropy.Compute([new Value[] { 1, 2, 3 }], [1.5])).Message);
        Assert.Throws<ArgumentException>(() => Loss.Hinge.Compute(Scores(1, 2), [1]));
        Assert.Throws<ArgumentException>(() => Loss.Hinge.Compute(Array.Empty<Value[]>(), []));
    }

    [Fact]
    public void Losses_parse_by_name()
    {
        Assert.Same(Loss.Hinge, Loss.Parse("hinge"));
        Assert.Same(Loss.BinaryCrossEntropy, Loss.Parse("BCE"));
        Assert.Same(Loss.MeanSquaredError, Loss.Parse("mse"));
        Assert.Same(Loss.SoftmaxCrossEntropy, Loss.Parse("softmax"));
        Assert.Contains("expected hinge, bce, mse, softmax", Assert.Throws<FormatException>(() => Loss.Parse("huber")).Message);
    }

    [Fact]
    public void L2_is_alpha_times_the_sum_of_squares_with_gradient_two_alpha_p()
    {
        Value[] p = [1.5, -2.0, 0.25];
        var reg = Regularization.L2(p, 0.1);
        Assert.Equal(0.1 * (2.25 + 4.0 + 0.0625), reg.Data, 15);
        reg.Backward();
        Assert.Equal([0.3, -0.4, 0.05], p.Select(v => v.Grad).ToArray(), new ToleranceComparer(1e-16));
        Assert.Throws<ArgumentOutOfRangeException>(() => Regularization.L2(p, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Regularization.L2(p, double.NaN));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
