using Micrograd.NN.Gpt;

namespace Micrograd.Tests.NN.Gpt;

/// <summary>microgpt's Adam: every <c>**</c> gives <see cref="Math.Pow"/>'s number, whichever path (the short, provable
/// one, or pow itself) computes it, and the update is microgpt's loop body written plainly.</summary>
public sealed class GptAdamTests
{
    /// <summary>Doubles of every magnitude a gradient or a second moment can take, with both signs, zeros, subnormals,
    /// the edges of the short path's range and non-finite numbers.</summary>
    private static double[] Inputs(int count, int seed)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (i % 50) switch
            {
                0 => 0.0,
                1 => -0.0,
                2 => double.Epsilon * random.Next(1, 1000),
                3 => double.NaN,
                4 => random.Next(2) == 0 ? double.PositiveInfinity : double.NegativeInfinity,
                5 => 1e-270 * (1 + (random.NextDouble() * 1e-3)),
                6 => 1e270 * (1 - (random.NextDouble() * 1e-3)),
                7 => Math.ScaleB(1, random.Next(-1074, 1024)),
                _ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-320, 309)),
            };
        }
        return values;
    }

    [Fact]
    public void The_short_path_is_on_where_glibcs_pow_is_documented()
    {
        Assert.Equal(OperatingSystem.IsLinux() && !System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal), CPow.Enabled);
    }

    [Fact]
    public void Squares_and_square_roots_are_pows_numbers_bit_for_bit()
    {
        var x = Inputs(400_000, 11);
        var squares = new double[x.Length];
        var roots = new double[x.Length];
        CPow.Squares(x, squares);
        var magnitudes = x.Select(Math.Abs).ToArray();
        CPow.SquareRoots(magnitudes, roots);
        var inPlace = magnitudes.ToArray();
        CPow.SquareRoots(inPlace, inPlace);
        var shortcuts = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var square = Math.Pow(x[i], 2);
            Exact.Assert(square, CPow.Square(x[i]), $"Square({x[i]:R})");
            Exact.Assert(square, squares[i], $"Squares at {x[i]:R}");
            var root = Math.Pow(magnitudes[i], 0.5);
            Exact.Assert(root, CPow.SquareRoot(magnitudes[i]), $"SquareRoot({magnitudes[i]:R})");
            Exact.Assert(root, roots[i], $"SquareRoots at {magnitudes[i]:R}");
            Exact.Assert(root, inPlace[i], $"SquareRoots in place at {magnitudes[i]:R}");
            Exact.Assert(Math.Pow(-magnitudes[i], 0.5), CPow.SquareRoot(-magnitudes[i]), $"SquareRoot({-magnitudes[i]:R})");
            if (x[i] * x[i] != square) shortcuts++;
        }
        // The test must have met squares where x·x is not pow's number: those take the long path.
        Assert.True(shortcuts > 0, "no square where x·x differs from pow was drawn");
    }

    [Fact]
    public void An_update_is_microgpts_loop_body_with_pow()
    {
        const int n = 1001; // not a multiple of any vector size: the tail runs the scalar path
        var random = new Random(5);
        var data = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var expected = data.ToArray();
        double[] m = new double[n], v = new double[n];
        var adam = new GptAdam(n, learningRate: 0.01, steps: 40);
        for (var step = 0; step < 40; step++)
        {
            var gradients = Enumerable.Range(0, n).Select(i => i % 7 == 0 ? 0.0 : (random.NextDouble() - 0.5) * Math.Pow(10, -random.Next(0, 6))).ToArray();
            if (step == 30) gradients[3] = double.NaN;
            adam.Update(data, gradients, step);
            var lr = 0.01 * (1 - ((double)step / 40));
            for (var i = 0; i < n; i++)
            {
                var g = gradients[i];
                m[i] = (0.85 * m[i]) + ((1 - 0.85) * g);
                v[i] = (0.99 * v[i]) + ((1 - 0.99) * Math.Pow(g, 2));
                var mHat = m[i] / (1 - Math.Pow(0.85, step + 1));
                var vHat = v[i] / (1 - Math.Pow(0.99, step + 1));
                expected[i] -= lr * mHat / (Math.Pow(vHat, 0.5) + 1e-8);
            }
            for (var i = 0; i < n; i++) Exact.Assert(expected[i], data[i], $"parameter {i} after step {step}");
        }
        Assert.True(double.IsNaN(data[3]));
    }

    [Fact]
    public void The_values_update_sets_gradients_to_zero_and_equals_the_array_update()
    {
        var parameters = Enumerable.Range(0, 9).Select(i => new Value(i * 0.1) { Grad = (i - 4) * 0.01 }).ToArray();
        var data = parameters.Select(p => p.Data).ToArray();
        var gradients = parameters.Select(p => p.Grad).ToArray();
        new GptAdam(9).Update(parameters, 0);
        new GptAdam(9).Update(data, gradients, 0);
        Assert.All(parameters, p => Assert.Equal(0.0, p.Grad));
        Assert.Equal(data.Select(BitConverter.DoubleToInt64Bits), parameters.Select(p => BitConverter.DoubleToInt64Bits(p.Data)));
        Assert.NotEqual(0.1, parameters[1].Data);
    }

    [Fact]
    public void The_learning_rate_falls_linearly_to_zero()
    {
        var adam = new GptAdam(1, 0.01, 1000);
        Assert.Equal(0.01, adam.LearningRateAt(0));
        Assert.Equal(0.01 * (1 - (250 / 1000.0)), adam.LearningRateAt(250));
        Assert.Equal(0.0, adam.LearningRateAt(1000));
    }

    [Fact]
    public void Bad_settings_and_sizes_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GptAdam(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GptAdam(1, learningRate: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GptAdam(1, learningRate: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GptAdam(1, steps: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GptAdam(1, beta1: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GptAdam(1, beta2: -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GptAdam(1, epsilon: 0));
        var error = Assert.Throws<ArgumentException>(() => new GptAdam(3).Update(new double[2], new double[2], 0));
        Assert.Contains("made for 3 parameters, not 2", error.Message, StringComparison.Ordinal);
    }
}
