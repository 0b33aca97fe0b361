using Micrograd.NN;

namespace Micrograd.Tests.NN;

public class DataGeneratorTests
{
    [Theory]
    [InlineData("moons")]
    [InlineData("circles")]
    [InlineData("blobs")]
    [InlineData("spirals")]
    public void The_same_seed_gives_the_same_data_and_another_seed_other_data(string name)
    {
        var a = DataGenerators.Generate(name, 101, null, new Random(9));
        var b = DataGenerators.Generate(name, 101, null, new Random(9));
        var c = DataGenerators.Generate(name, 101, null, new Random(10));
        Assert.Equal(101, a.Count);
        Assert.Equal(2, a.FeatureCount);
        Assert.Equal(name, a.Name);
        Assert.Equal(a.Features.SelectMany(r => r), b.Features.SelectMany(r => r));
        Assert.Equal(a.Labels, b.Labels);
        Assert.NotEqual(a.Features.SelectMany(r => r), c.Features.SelectMany(r => r));
        Assert.Equal(2, a.ClassCount);
        Assert.Equal([-1.0, 1.0], a.Labels!.Distinct().Order());
        Assert.InRange(a.Labels!.Count(y => y > 0), 50, 51);
    }

    [Fact]
    public void Noiseless_moons_lie_on_their_half_circles()
    {
        var data = DataGenerators.Moons(60, 0.0, new Random(1));
        for (var i = 0; i < data.Count; i++)
        {
            double x = data.Features[i][0], y = data.Features[i][1];
            if (data.Labels![i] < 0)
            {
                Assert.Equal(1.0, Math.Sqrt(x * x + y * y), 12);
                Assert.True(y >= -1e-12);
            }
            else
            {
                Assert.Equal(1.0, Math.Sqrt((x - 1) * (x - 1) + (y - 0.5) * (y - 0.5)), 12);
                Assert.True(y <= 0.5 + 1e-12);
            }
        }
    }

    [Fact]
    public void Noiseless_circles_have_radius_one_and_one_half()
    {
        var data = DataGenerators.Circles(40, 0.0, new Random(1));
        for (var i = 0; i < data.Count; i++)
        {
            var r = Math.Sqrt(data.Features[i][0] * data.Features[i][0] + data.Features[i][1] * data.Features[i][1]);
            Assert.Equal(data.Labels![i] < 0 ? 1.0 : 0.5, r, 12);
        }
    }

    [Fact]
    public void Noiseless_spiral_points_sit_at_their_arms_angle()
    {
        var data = DataGenerators.Spirals(90, 0.0, new Random(2), classes: 3);
        Assert.Equal(3, data.ClassCount);
        Assert.Equal([0.0, 1.0, 2.0], data.Labels!.Distinct().Order());
        for (var i = 0; i < data.Count; i++)
        {
            double x = data.Features[i][0], y = data.Features[i][1];
            var r = Math.Sqrt(x * x + y * y);
            Assert.InRange(r, 0.0, 1.0 + 1e-12);
            if (r < 1e-9) continue;
            var expected = 2 * Math.PI * data.Labels![i] / 3 + 4 * r;
            var difference = Math.IEEERemainder(Math.Atan2(y, x) - expected, 2 * Math.PI);
            Assert.Equal(0.0, difference, 9);
        }
    }

    [Fact]
    public void Blobs_gather_around_their_centres()
    {
        var data = DataGenerators.Blobs(400, 0.2, new Random(3), classes: 4);
        Assert.Equal(4, data.ClassCount);
        for (var k = 0; k < 4; k++)
        {
            var angle = Math.PI / 4 + 2 * Math.PI * k / 4;
            var members = Enumerable.Range(0, data.Count).Where(i => data.Labels![i] == k).ToArray();
            Assert.Equal(100, members.Length);
            Assert.Equal(2 * Math.Cos(angle), members.Average(i => data.Features[i][0]), 1);
            Assert.Equal(2 * Math.Sin(angle), members.Average(i => data.Features[i][1]), 1);
        }
    }

    [Fact]
    public void Noise_is_gaussian_with_the_requested_standard_deviation()
    {
        // Same seed: the shuffle draws the same numbers, so the two sets differ only by the noise.
        var clean = DataGenerators.Moons(2000, 0.0, new Random(4));
        var noisy = DataGenerators.Moons(2000, 0.3, new Random(4));
        var differences = Enumerable.Range(0, clean.Count).SelectMany(i => new[]
        {
            noisy.Features[i][0] - clean.Features[i][0],
            noisy.Features[i][1] - clean.Features[i][1],
        }).ToArray();
        Assert.Equal(clean.Labels, noisy.Labels);
        var mean = differences.Average();
        var sd = Math.Sqrt(differences.Average(d => (d - mean) * (d - mean)));
        Assert.InRange(mean, -0.02, 0.02);
        Assert.InRange(sd, 0.28, 0.32);
        Assert.InRange(differences.Count(d => Math.Abs(d) < 0.3) / (double)differences.Length, 0.64, 0.72); // 68% within 1σ
    }

    [Theory]
    [InlineData("moons")]
    [InlineData("circles")]
    [InlineData("blobs")]
    [InlineData("spirals")]
    public void The_largest_noise_allowed_still_gives_finite_features_and_a_larger_one_is_refused(string name)
    {
        var data = DataGenerators.Generate(name, 2000, DataGenerators.MaxNoise, new Random(4));
        Assert.All(data.Features.SelectMany(r => r), x => Assert.True(double.IsFinite(x), $"feature {x}"));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => DataGenerators.Generate(name, 10, 1e308, new Random(4)));
        Assert.Contains("at most 1E+307", error.Message);
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Contains("Unknown data set 'squares'", Assert.Throws<ArgumentException>(() => DataGenerators.Generate("squares", 10, null, new Random(1))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => DataGenerators.Generate("moons", 10, null, new Random(1), classes: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => DataGenerators.Moons(1, 0.1, new Random(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => DataGenerators.Moons(10, -0.1, new Random(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => DataGenerators.Blobs(10, 0.1, new Random(1), classes: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DataGenerators.Spirals(9, 0.1, new Random(1), classes: 5));
        // twice this many arms overflows an int: still refused, not silently fewer classes
        Assert.Throws<ArgumentOutOfRangeException>(() => DataGenerators.Spirals(100, 0.1, new Random(1), classes: 2_000_000_000));
    }
}
