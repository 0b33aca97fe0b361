using Micrograd.NN;

namespace Micrograd.Tests.NN;

public class OptimizerTests
{
    /// <summary>Runs an optimizer on fixed gradients, returning the parameter after each step.</summary>
    private static double[] Steps(Func<IEnumerable<Value>, Optimizer> create, double start, params double[] gradients)
    {
        var p = new Value(start);
        var optimizer = create([p]);
        var trace = new double[gradients.Length];
        for (var i = 0; i < gradients.Length; i++)
        {
            p.Grad = gradients[i];
            optimizer.Step();
            trace[i] = p.Data;
        }
        return trace;
    }

    [Fact]
    public void Sgd_subtracts_the_learning_rate_times_the_gradient()
    {
        var trace = Steps(p => new Sgd(p, LearningRateSchedule.Constant(0.1)), 1.0, 2.0, -4.0);
        Assert.Equal(1.0 - 0.1 * 2.0, trace[0]);
        Assert.Equal(0.8 + 0.1 * 4.0, trace[1], 15);
    }

    [Fact]
    public void Sgd_follows_the_schedule_and_counts_steps()
    {
        var p = new Value(0.0) { Grad = 1.0 };
        var sgd = new Sgd([p], LearningRateSchedule.Linear(1.0, 0.5, 2));
        Assert.Equal(1.0, sgd.LearningRate);
        Assert.Equal(1.0, sgd.Step());
        Assert.Equal(0.75, sgd.Step());
        Assert.Equal(0.5, sgd.Step());
        Assert.Equal(3, sgd.StepCount);
        Assert.Equal(-(1.0 + 0.75 + 0.5), p.Data);
    }

    [Fact]
    public void Momentum_by_hand()
    {
        // μ = 0.9, lr = 0.1, g = 2, 2, −1:
        // v = 2       p = 1 − 0.2 = 0.8
        // v = 3.8     p = 0.8 − 0.38 = 0.42
        // v = 2.42    p = 0.42 − 0.242 = 0.178
        var trace = Steps(p => new Momentum(p, LearningRateSchedule.Constant(0.1), 0.9), 1.0, 2.0, 2.0, -1.0);
        Assert.Equal(0.8, trace[0], 15);
        Assert.Equal(0.42, trace[1], 15);
        Assert.Equal(0.178, trace[2], 15);
    }

    [Fact]
    public void Momentum_zero_is_plain_sgd()
    {
        var a = Steps(p => new Momentum(p, LearningRateSchedule.Constant(0.3), 0.0), 0.5, 1.0, -2.0, 0.25);
        var b = Steps(p => new Sgd(p, LearningRateSchedule.Constant(0.3)), 0.5, 1.0, -2.0, 0.25);
        Assert.Equal(b, a);
    }

    [Fact]
    public void Adam_by_hand()
    {
        // lr = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, g = 2 then −1.
        // Step 1: m = 0.2, v = 0.004, m̂ = 2, v̂ = 4: p = 1 − 0.1·2/(2 + 1e-8) ≈ 0.9 (the first step moves by lr·sign(g)).
        // Step 2: m = 0.18 − 0.1 = 0.08, v = 0.003996 + 0.001 = 0.004996,
        //         m̂ = 0.08/0.19, v̂ = 0.004996/0.001999: p = 0.9 − 0.1·0.42105…/(1.58091… + 1e-8) ≈ 0.87337
        var trace = Steps(p => new Adam(p, LearningRateSchedule.Constant(0.1)), 1.0, 2.0, -1.0);
        Assert.Equal(1.0 - 0.1 * 2.0 / (2.0 + 1e-8), trace[0], 15);
        var expected2 = trace[0] - 0.1 * (0.08 / 0.19) / (Math.Sqrt(0.004996 / 0.001999) + 1e-8);
        Assert.Equal(expected2, trace[1], 12);
        Assert.Equal(0.87337, trace[1], 5);
    }

    [Fact]
    public void Adam_first_step_has_the_size_of_the_learning_rate_whatever_the_gradient()
    {
        foreach (var g in new[] { 1e-3, 5.0, -300.0 })
        {
            var trace = Steps(p => new Adam(p, LearningRateSchedule.Constant(0.01)), 0.0, g);
            // m̂ = g and v̂ = g², so the step is lr·g/(|g| + ε): lr·sign(g) up to ε/|g|
            Assert.Equal(-0.01 * g / (Math.Abs(g) + 1e-8), trace[0], 15);
            Assert.Equal(-0.01 * Math.Sign(g), trace[0], 6);
        }
    }

    [Fact]
    public void The_linear_schedule_decays_as_the_demo()
    {
        var schedule = LearningRateSchedule.Linear(1.0, 0.1, 100);
        for (var k = 0; k < 100; k++) Assert.Equal(1.0 - 0.9 * k / 100, schedule.At(k), 15);
        Assert.Equal(1.0, schedule.At(0));
        Assert.Equal(0.1, schedule.At(100));
        Assert.Equal(0.1, schedule.At(1000));
        Assert.Equal(0.25, LearningRateSchedule.Constant(0.25).At(77));
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.At(-1));
    }

    [Fact]
    public void A_schedule_tells_what_it_is_and_its_settings()
    {
        var linear = Assert.IsType<LinearDecaySchedule>(LearningRateSchedule.Linear(0.3, 0.01, 7));
        Assert.Equal((0.3, 0.01, 7), (linear.Start, linear.End, linear.Steps));
        Assert.Equal(linear.Start, linear.At(0));
        Assert.Equal(linear.End, linear.At(linear.Steps));
        Assert.Equal("linear 0.3 → 0.01 over 7 steps", linear.ToString());

        var constant = Assert.IsType<ConstantSchedule>(LearningRateSchedule.Constant(0.25));
        Assert.Equal(0.25, constant.Rate);
        Assert.Equal(constant.Rate, constant.At(1234));
        Assert.Equal("constant 0.25", constant.ToString());

        // what an optimizer holds can be read back, as the training page reads it
        var sgd = new Sgd([new Value(1.0)], LearningRateSchedule.Linear(1.0, 0.1, 100));
        Assert.Equal(100, Assert.IsType<LinearDecaySchedule>(sgd.Schedule).Steps);

        // the factories are the one way to make them
        Assert.All(new[] { typeof(LinearDecaySchedule), typeof(ConstantSchedule) }, t => Assert.Empty(t.GetConstructors()));
    }

    [Theory]
    [InlineData(1e308, 0.0)]
    [InlineData(1.7e308, 1e-300)]
    [InlineData(1e308, 1.7e308)]
    public void The_linear_schedule_stays_finite_and_between_its_ends_for_the_largest_rates(double start, double end)
    {
        // (start − end)·k overflows a double for k ≥ 2 here; the rate itself never leaves [min(start, end), max(start, end)]
        var schedule = LearningRateSchedule.Linear(start, end, 1000);
        var previous = start;
        for (var k = 0; k <= 1001; k++)
        {
            var rate = schedule.At(k);
            Assert.True(double.IsFinite(rate), $"step {k}: {rate}");
            Assert.InRange(rate, Math.Min(start, end), Math.Max(start, end));
            Assert.True(start > end ? rate <= previous : rate >= previous, $"step {k}: {rate} after {previous}");
            previous = rate;
        }
        Assert.Equal(end, schedule.At(1000));
        Assert.Equal(start - (start - end) / 2, schedule.At(500), start * 1e-15);
    }

    [Fact]
    public void Bad_settings_are_refused()
    {
        Value[] p = [1.0];
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Constant(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Constant(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Linear(1, -0.1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Linear(1, 0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Momentum(p, LearningRateSchedule.Constant(1), 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(p, LearningRateSchedule.Constant(1), beta2: 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(p, LearningRateSchedule.Constant(1), epsilon: 0));
        Assert.Contains("appears twice", Assert.Throws<ArgumentException>(() => new Sgd([p[0], p[0]], LearningRateSchedule.Constant(1))).Message);
    }
}
