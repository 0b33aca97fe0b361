using System.Globalization;

namespace Micrograd.NN;

/// <summary>
/// Seeded generators of two-dimensional toy data sets: moons, circles, blobs and spirals. The same
/// <see cref="Random"/> seed gives the same data. <c>noise</c> is the standard deviation of Gaussian noise added to
/// each coordinate (for blobs, the spread of each blob). Two classes are labelled -1 and 1; with more classes
/// (blobs and spirals only) labels are 0, 1, …, K − 1. Samples come out shuffled.
/// </summary>
public static class DataGenerators
{
    /// <summary>The names <see cref="Generate"/> accepts: moons, circles, blobs, spirals.</summary>
    public static IReadOnlyList<string> Names { get; } = ["moons", "circles", "blobs", "spirals"];

    /// <summary>
    /// The largest noise the generators take, 1e307: a Gaussian draw is at most about 8.6 in size (Box–Muller from a
    /// double), so every coordinate stays below 8.6e307 + 2, finite. A larger noise could make a feature infinite.
    /// </summary>
    public const double MaxNoise = 1e307;

    /// <summary>The default noise of each generator: moons 0.1, circles 0.05, blobs 0.6, spirals 0.05.</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    public static double DefaultNoise(string name) => Normalize(name) switch
    {
        "moons" => 0.1,
        "circles" => 0.05,
        "blobs" => 0.6,
        "spirals" => 0.05,
        _ => throw UnknownName(name),
    };

    /// <summary>Generates a data set by name.</summary>
    /// <param name="name">moons, circles, blobs or spirals (any case).</param>
    /// <param name="count">The number of samples; at least the number of classes.</param>
    /// <param name="noise">The noise; null for the generator's <see cref="DefaultNoise"/>.</param>
    /// <param name="random">The source of randomness.</param>
    /// <param name="classes">The number of classes: 2 for moons and circles; 2 or more for blobs and spirals.</param>
    public static Dataset Generate(string name, int count, double? noise, Random random, int classes = 2)
    {
        var key = Normalize(name);
        var sigma = noise ?? DefaultNoise(key);
        if (classes != 2 && key is "moons" or "circles")
            throw new ArgumentOutOfRangeException(nameof(classes), classes, $"The {key} data set has exactly 2 classes.");
        return key switch
        {
            "moons" => Moons(count, sigma, random),
            "circles" => Circles(count, sigma, random),
            "blobs" => Blobs(count, sigma, random, classes),
            "spirals" => Spirals(count, sigma, random, classes),
            _ => throw UnknownName(name),
        };
    }

    /// <summary>
    /// Two interleaving half circles, as scikit-learn's <c>make_moons</c>: the upper moon <c>(cos t, sin t)</c> labelled -1
    /// and the lower one <c>(1 − cos t, 0.5 − sin t)</c> labelled 1, t evenly spaced over [0, π], plus noise.
    /// </summary>
    /// <param name="count">The number of samples (half in each moon, the lower one taking the odd one); at least 2.</param>
    /// <param name="noise">Standard deviation of the Gaussian noise on each coordinate; from 0 to <see cref="MaxNoise"/>.</param>
    /// <param name="random">The source of randomness.</param>
    public static Dataset Moons(int count, double noise, Random random)
    {
        Check(count, 2, noise, random);
        var upper = count / 2;
        var lower = count - upper;
        var rows = new List<(double X, double Y, double Label)>(count);
        for (var i = 0; i < upper; i++)
        {
            var t = Math.PI * Fraction(i, upper);
            rows.Add((Math.Cos(t), Math.Sin(t), -1));
        }
        for (var i = 0; i < lower; i++)
        {
            var t = Math.PI * Fraction(i, lower);
            rows.Add((1 - Math.Cos(t), 0.5 - Math.Sin(t), 1));
        }
        return Finish("moons", rows, noise, random);
    }

    /// <summary>
    /// A circle of radius 1 labelled -1 around a circle of radius 0.5 labelled 1, as scikit-learn's <c>make_circles</c>
    /// with factor 0.5, points evenly spaced in angle, plus noise.
    /// </summary>
    /// <param name="count">The number of samples (half on each circle); at least 2.</param>
    /// <param name="noise">Standard deviation of the Gaussian noise on each coordinate; from 0 to <see cref="MaxNoise"/>.</param>
    /// <param name="random">The source of randomness.</param>
    public static Dataset Circles(int count, double noise, Random random)
    {
        Check(count, 2, noise, random);
        var outer = count / 2;
        var inner = count - outer;
        var rows = new List<(double X, double Y, double Label)>(count);
        for (var i = 0; i < outer; i++)
        {
            var t = 2 * Math.PI * i / outer;
            rows.Add((Math.Cos(t), Math.Sin(t), -1));
        }
        for (var i = 0; i < inner; i++)
        {
            var t = 2 * Math.PI * i / inner;
            rows.Add((0.5 * Math.Cos(t), 0.5 * Math.Sin(t), 1));
        }
        return Finish("circles", rows, noise, random);
    }

    /// <summary>
    /// Gaussian blobs, one per class, centred evenly on a circle of radius 2 (class k at angle π/4 + 2πk/K), each with
    /// standard deviation <paramref name="noise"/>. Samples are dealt to the classes in turn.
    /// </summary>
    /// <param name="count">The number of samples; at least <paramref name="classes"/>.</param>
    /// <param name="noise">The spread of each blob; from 0 to <see cref="MaxNoise"/>.</param>
    /// <param name="random">The source of randomness.</param>
    /// <param name="classes">The number of blobs; at least 2.</param>
    public static Dataset Blobs(int count, double noise, Random random, int classes = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        Check(count, classes, noise, random);
        var rows = new List<(double X, double Y, double Label)>(count);
        for (var i = 0; i < count; i++)
        {
            var k = i % classes;
            var angle = Math.PI / 4 + 2 * Math.PI * k / classes;
            rows.Add((2 * Math.Cos(angle), 2 * Math.Sin(angle), LabelOf(k, classes)));
        }
        return Finish("blobs", rows, noise, random);
    }

    /// <summary>
    /// Interleaved spiral arms, one per class: a point at fraction r ∈ [0, 1] along arm k lies at radius r and angle
    /// 2πk/K + 4r (radians), plus noise on each coordinate. Samples are dealt to the arms in turn.
    /// </summary>
    /// <param name="count">The number of samples; at least twice <paramref name="classes"/>.</param>
    /// <param name="noise">Standard deviation of the Gaussian noise on each coordinate; from 0 to <see cref="MaxNoise"/>.</param>
    /// <param name="random">The source of randomness.</param>
    /// <param name="classes">The number of arms; at least 2.</param>
    public static Dataset Spirals(int count, double noise, Random random, int classes = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        Check(count, 2L * classes, noise, random);
        var rows = new List<(double X, double Y, double Label)>(count);
        for (var k = 0; k < classes; k++)
        {
            var arm = count / classes + (k < count % classes ? 1 : 0);
            for (var i = 0; i < arm; i++)
            {
                var r = Fraction(i, arm);
                var angle = 2 * Math.PI * k / classes + 4 * r;
                rows.Add((r * Math.Cos(angle), r * Math.Sin(angle), LabelOf(k, classes)));
            }
        }
        return Finish("spirals", rows, noise, random);
    }

    /// <summary>A draw from the standard normal distribution (Box–Muller).</summary>
    /// <param name="random">The source of randomness.</param>
    public static double NextGaussian(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static double Fraction(int i, int n) => n == 1 ? 0.0 : (double)i / (n - 1);

    private static double LabelOf(int k, int classes) => classes == 2 ? (k == 0 ? -1 : 1) : k;

    private static Dataset Finish(string name, List<(double X, double Y, double Label)> rows, double noise, Random random)
    {
        for (var i = rows.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (rows[i], rows[j]) = (rows[j], rows[i]);
        }
        var features = new double[rows.Count][];
        for (var i = 0; i < rows.Count; i++)
        {
            features[i] = [rows[i].X + noise * NextGaussian(random), rows[i].Y + noise * NextGaussian(random)];
        }
        return new Dataset(features, rows.Select(r => r.Label), name);
    }

    private static void Check(int count, long minimum, double noise, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, minimum);
        if (!(noise >= 0 && noise <= MaxNoise))
            throw new ArgumentOutOfRangeException(nameof(noise), noise,
                string.Create(CultureInfo.InvariantCulture, $"Noise must be a number from 0 to at most {MaxNoise:E0}, so that every feature is finite."));
        ArgumentNullException.ThrowIfNull(random);
    }

    private static string Normalize(string name) => (name ?? throw new ArgumentNullException(nameof(name))).Trim().ToLowerInvariant();

    private static ArgumentException UnknownName(string name) =>
        new($"Unknown data set '{name}': expected {string.Join(", ", Names)}.", nameof(name));
}
