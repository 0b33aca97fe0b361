using System.Buffers.Binary;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;
using Micrograd.NN;

namespace Micrograd.Tests.NN;

/// <summary>
/// PythonRandom against CPython 3.11's <c>random</c>: python_random.json (8 seeds, from the microgpt reference) and
/// python_random_extra.json (made by python_random_extra.py, next to it). Doubles are compared bit for bit.
/// </summary>
public class PythonRandomTests
{
    private static readonly JsonElement Reference = Load("python_random.json");
    private static readonly JsonElement Extra = Load("python_random_extra.json");

    public static TheoryData<int> ReferenceCases => Indices(Reference.GetProperty("cases"));

    // --- python_random.json: each list from a freshly seeded generator, the calls of a list one after another ---

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public void Random_matches_CPython(int c)
    {
        var (random, expected) = ReferenceCase(c, "random");
        AssertDoubles(expected, expected.EnumerateArray().Select(_ => random.NextDouble()), "random()");
    }

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public void Gauss_matches_CPython(int c)
    {
        var (random, expected) = ReferenceCase(c, "gauss_0_0.08");
        AssertDoubles(expected, expected.EnumerateArray().Select(_ => random.Gauss(0, 0.08)), "gauss(0, 0.08)");
    }

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public void GetRandBits_matches_CPython(int c)
    {
        var (random, expected) = ReferenceCase(c, "getrandbits");
        foreach (var pair in expected.EnumerateArray())
        {
            var k = pair[0].GetInt32();
            Assert.Equal(Big(pair[1]), random.GetRandBits(k));
        }
    }

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public void Shuffle_matches_CPython(int c)
    {
        var (random, expected) = ReferenceCase(c, "shuffle_range_25");
        var items = Enumerable.Range(0, 25).ToList();
        random.Shuffle(items);
        Assert.Equal(Ints(expected), items);
    }

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public void Next_matches_randrange(int c)
    {
        var (random, expected) = ReferenceCase(c, "randrange");
        foreach (var pair in expected.EnumerateArray())
            Assert.Equal((long)Big(pair[1]), random.Next((long)Big(pair[0])));
    }

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public void Choice_matches_choices(int c)
    {
        var (random, expected) = ReferenceCase(c, "choices");
        var weights = Doubles(Reference.GetProperty("cases")[c].GetProperty("choices_weights"));
        Assert.Equal(Ints(expected), expected.EnumerateArray().Select(_ => random.Choice(weights)));
    }

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public void Uniform_matches_CPython(int c)
    {
        var (random, expected) = ReferenceCase(c, "uniform_-1_1");
        AssertDoubles(expected, expected.EnumerateArray().Select(_ => random.Uniform(-1, 1)), "uniform(-1, 1)");
    }

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public void The_mixed_sequence_in_microgpts_order_matches_CPython(int c)
    {
        // The recipe, found by experiment: shuffle(list(range(100))), then gauss(0, 0.08) five times, then five single
        // draws choices(range(27), weights=[(i % 7) + 0.5 for i in range(27)])[0].
        var (random, expected) = ReferenceCase(c, "mixed");
        var items = Enumerable.Range(0, 100).ToList();
        random.Shuffle(items);
        Assert.Equal(Ints(expected.GetProperty("shuffle_100_first10")), items.Take(10));
        AssertDoubles(expected.GetProperty("gauss"), Enumerable.Range(0, 5).Select(_ => random.Gauss(0, 0.08)), "gauss");
        var weights = Enumerable.Range(0, 27).Select(i => (i % 7) + 0.5).ToArray();
        Assert.Equal(Ints(expected.GetProperty("choices27")), Enumerable.Range(0, 5).Select(_ => random.Choice(weights)));
    }

    // --- python_random_extra.json ---

    [Fact]
    public void Long_gauss_runs_match_CPython()
    {
        foreach (var run in Extra.GetProperty("gauss_long").EnumerateArray())
        {
            var random = Seeded(run);
            double mu = run.GetProperty("mu").GetDouble(), sigma = run.GetProperty("sigma").GetDouble();
            var draws = new double[run.GetProperty("count").GetInt32()];
            for (var i = 0; i < draws.Length; i++)
                draws[i] = random.Gauss(mu, sigma);

            var every = run.GetProperty("every").GetInt32();
            AssertDoubles(run.GetProperty("samples"), draws.Where((_, i) => i % every == 0), $"gauss run of seed {Seed(run)}, every {every}th");
            AssertDoubles(run.GetProperty("last"), draws[^5..], $"gauss run of seed {Seed(run)}, last");
            Assert.Equal(run.GetProperty("sha256").GetString(), Sha256(draws));
            Exact.Assert(run.GetProperty("random_after").GetDouble(), random.NextDouble(), "random() after the run");
        }
    }

    [Fact]
    public void Shuffling_microgpts_32033_names_matches_CPython()
    {
        foreach (var run in Extra.GetProperty("shuffle_long").EnumerateArray())
        {
            var random = Seeded(run);
            var items = Enumerable.Range(0, run.GetProperty("n").GetInt32()).ToArray();
            random.Shuffle(items);

            var edge = run.GetProperty("first").GetArrayLength();
            Assert.Equal(Ints(run.GetProperty("first")), items[..edge]);
            Assert.Equal(Ints(run.GetProperty("last")), items[^edge..]);
            Assert.Equal((long)Big(run.GetProperty("weighted_sum")), items.Select((v, i) => (long)i * v).Sum());
            Assert.Equal(run.GetProperty("sha256").GetString(), Sha256(items));
            Exact.Assert(run.GetProperty("random_after").GetDouble(), random.NextDouble(), "random() after the shuffle");
        }
    }

    [Fact]
    public void Microgpts_shuffle_then_4192_initial_weights_match_CPython()
    {
        // microgpt: random.seed(42); random.shuffle(docs); then random.gauss(0, 0.08) for every parameter, in order.
        var run = Extra.GetProperty("microgpt_init");
        var random = Seeded(run);
        var docs = Enumerable.Range(0, run.GetProperty("docs").GetInt32()).ToArray();
        random.Shuffle(docs);
        Assert.Equal(Ints(run.GetProperty("first_docs")), docs[..20]);
        Assert.Equal(run.GetProperty("shuffle_sha256").GetString(), Sha256(docs));

        var std = run.GetProperty("std").GetDouble();
        var weights = Enumerable.Range(0, run.GetProperty("params").GetInt32()).Select(_ => random.Gauss(0, std)).ToArray();
        AssertDoubles(run.GetProperty("gauss_first"), weights[..10], "first weights");
        AssertDoubles(run.GetProperty("gauss_last"), weights[^10..], "last weights");
        Assert.Equal(run.GetProperty("gauss_sha256").GetString(), Sha256(weights));
    }

    [Fact]
    public void GetRandBits_matches_CPython_at_word_boundaries()
    {
        // k = 0, 1, 31, 32, 33, 63, 64, 65, 96, 128, 0, 5, 200 in a row: k = 0 draws nothing, or what follows would differ
        foreach (var run in Extra.GetProperty("getrandbits").EnumerateArray())
        {
            var random = Seeded(run);
            foreach (var pair in run.GetProperty("bits").EnumerateArray())
            {
                var k = pair[0].GetInt32();
                var value = random.GetRandBits(k);
                Assert.Equal(Big(pair[1]), value);
                Assert.True(value.Sign >= 0 && value < BigInteger.One << k, $"getrandbits({k}) = {value} is out of range");
            }
        }
    }

    [Fact]
    public void Next_matches_randbelow_at_and_around_powers_of_two()
    {
        var checkedInts = 0;
        foreach (var run in Extra.GetProperty("randbelow").EnumerateArray())
        {
            var n = (long)Big(run.GetProperty("n"));
            var expected = run.GetProperty("values").EnumerateArray().Select(v => (long)Big(v)).ToList();
            var random = Seeded(run);
            Assert.Equal(expected, expected.Select(_ => random.Next(n)));
            if (n <= int.MaxValue)
            {
                // the int overload draws exactly as the long one
                var again = Seeded(run);
                Assert.Equal(expected, expected.Select(_ => (long)again.Next((int)n)));
                checkedInts++;
            }
        }
        Assert.Equal(16, checkedInts); // 1 … 32033, then 2^31 − 1
    }

    [Fact]
    public void Choice_matches_choices_with_zero_tiny_many_and_negative_weights()
    {
        foreach (var run in Extra.GetProperty("choices").EnumerateArray())
        {
            var random = Seeded(run);
            var weights = Doubles(run.GetProperty("weights"));
            var expected = Ints(run.GetProperty("indices"));
            Assert.Equal(expected, expected.Select(_ => random.Choice(weights)));
        }
    }

    [Fact]
    public void A_zero_weight_is_never_chosen_and_a_negative_one_shadows_its_neighbour()
    {
        var random = new PythonRandom(3);
        var draws = Enumerable.Range(0, 2000).Select(_ => random.Choice([1.0, 0.0, 2.0, 0.0])).ToList();
        Assert.DoesNotContain(1, draws);
        Assert.DoesNotContain(3, draws);
        Assert.Contains(0, draws);
        Assert.Contains(2, draws);

        // cum_weights [2, 1, 4]: bisect_right never stops at index 1, as in Python (which checks no single weight)
        draws = Enumerable.Range(0, 2000).Select(_ => random.Choice([2.0, -1.0, 3.0])).ToList();
        Assert.DoesNotContain(1, draws);
        Assert.Contains(0, draws);
    }

    [Theory]
    [InlineData(new[] { 0.0, 0.0, 3.0 }, 0.0, 2)]       // random() = 0 skips leading zero weights
    [InlineData(new[] { 1.0, 1.0, 1.0, 3.0 }, 1.0, 3)]  // x on a cumulative weight goes past the zero weights after it
    [InlineData(new[] { 1.0, 1.0, 1.0, 3.0 }, 0.5, 0)]
    [InlineData(new[] { 1.0, 2.0, 3.0 }, 2.0, 2)]       // hi = n - 1: the last index is never compared
    [InlineData(new[] { 2.0, 1.0, 4.0 }, 1.0, 2)]       // unsorted (a negative weight): Python's halving, not a scan
    public void Choice_bisects_right_as_Python(double[] cumWeights, double x, int expected) =>
        Assert.Equal(expected, PythonRandom.BisectRight(cumWeights, x, 0, cumWeights.Length - 1));

    [Fact]
    public void Seeds_use_all_their_bits_and_their_absolute_value()
    {
        foreach (var run in Extra.GetProperty("seeds").EnumerateArray())
        {
            var seed = Seed(run);
            var random = new PythonRandom(seed);
            var words = run.GetProperty("uint32").EnumerateArray().Select(Big).ToList();
            Assert.Equal(words, words.Select(_ => random.GetRandBits(32)));
            AssertDoubles(run.GetProperty("random"), Enumerable.Range(0, 5).Select(_ => random.NextDouble()), $"random() after seed {seed}");

            if (seed >= long.MinValue && seed <= long.MaxValue)
            {
                var fromLong = new PythonRandom((long)seed);
                Assert.Equal(words, words.Select(_ => fromLong.GetRandBits(32)));
            }
        }
    }

    [Fact]
    public void Uniform_matches_CPython_for_reversed_empty_and_non_finite_ends()
    {
        foreach (var run in Extra.GetProperty("uniform").EnumerateArray())
        {
            var random = Seeded(run);
            double a = Fixtures.Number(run.GetProperty("a")), b = Fixtures.Number(run.GetProperty("b"));
            var expected = run.GetProperty("values");
            AssertDoubles(expected, expected.EnumerateArray().Select(_ => random.Uniform(a, b)), $"uniform({a}, {b})");
        }
    }

    [Fact]
    public void Gauss_matches_CPython_for_other_means_and_deviations()
    {
        foreach (var run in Extra.GetProperty("gauss_args").EnumerateArray())
        {
            var random = Seeded(run);
            foreach (var call in run.GetProperty("calls").EnumerateArray())
            {
                double mu = Fixtures.Number(call[0]), sigma = Fixtures.Number(call[1]);
                Exact.Assert(Fixtures.Number(call[2]), random.Gauss(mu, sigma), $"gauss({mu}, {sigma})");
            }
        }
    }

    [Fact]
    public void Gauss_keeps_its_second_value_across_other_calls()
    {
        foreach (var run in Extra.GetProperty("interleaved").EnumerateArray())
        {
            var random = Seeded(run);
            var step = 0;
            foreach (var s in run.GetProperty("steps").EnumerateArray())
            {
                var op = s[0].GetString();
                var expected = s[1];
                var what = $"step {step++} ({op}) after seed {Seed(run)}";
                switch (op)
                {
                    case "gauss": Exact.Assert(expected.GetDouble(), random.Gauss(0.0, 1.0), what); break;
                    case "random": Exact.Assert(expected.GetDouble(), random.NextDouble(), what); break;
                    case "uniform": Exact.Assert(expected.GetDouble(), random.Uniform(-2.0, 3.0), what); break;
                    case "randrange10": Assert.Equal(expected.GetInt32(), random.Next(10)); break;
                    case "getrandbits40": Assert.Equal(Big(expected), random.GetRandBits(40)); break;
                    case "choices3": Assert.Equal(expected.GetInt32(), random.Choice([1.0, 2.0, 3.0])); break;
                    case "shuffle5":
                        var items = new[] { 0, 1, 2, 3, 4 };
                        random.Shuffle(items);
                        Assert.Equal(Ints(expected), items);
                        break;
                    default: throw new InvalidOperationException($"unknown step {op}");
                }
            }
            Assert.Equal(14, step);
        }
    }

    // --- errors, as Python raises them ---

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Next_of_a_bound_below_one_throws(int n)
    {
        var random = new PythonRandom(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => random.Next(n));
        Assert.Throws<ArgumentOutOfRangeException>(() => random.Next((long)n));
        Assert.Throws<ArgumentOutOfRangeException>(() => random.Next(long.MinValue));
        Assert.Equal(new PythonRandom(1).NextDouble(), random.NextDouble()); // nothing was drawn
    }

    [Fact]
    public void Next_of_one_is_zero_but_still_draws_a_word()
    {
        var random = new PythonRandom(1);
        Assert.Equal(0, random.Next(1));
        var fresh = new PythonRandom(1);
        fresh.GetRandBits(1);
        Assert.Equal(fresh.NextDouble(), random.NextDouble());
    }

    [Fact]
    public void GetRandBits_of_a_negative_count_throws_and_of_zero_is_zero_without_a_draw()
    {
        var random = new PythonRandom(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => random.GetRandBits(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => random.GetRandBits(int.MinValue));
        Assert.Equal(BigInteger.Zero, random.GetRandBits(0));
        Assert.Equal(new PythonRandom(1).NextDouble(), random.NextDouble());
    }

    [Theory]
    [InlineData(new double[0], "no weights")]
    [InlineData(new[] { 0.0, 0.0 }, "greater than zero")]
    [InlineData(new[] { 1.0, -1.0 }, "greater than zero")]
    [InlineData(new[] { -2.0 }, "greater than zero")]
    [InlineData(new[] { double.NegativeInfinity, 1.0 }, "greater than zero")]
    [InlineData(new[] { double.NaN, 1.0 }, "finite")]
    [InlineData(new[] { 1.0, double.NaN }, "finite")]
    [InlineData(new[] { double.PositiveInfinity, 1.0 }, "finite")]
    [InlineData(new[] { double.PositiveInfinity, double.NegativeInfinity }, "finite")]
    [InlineData(new[] { 1e308, 1e308 }, "finite")]
    public void Choice_of_bad_weights_throws_before_drawing(double[] weights, string reason)
    {
        var random = new PythonRandom(1);
        var e = Assert.Throws<ArgumentException>(() => random.Choice(weights));
        Assert.Equal("weights", e.ParamName);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.Equal(new PythonRandom(1).NextDouble(), random.NextDouble());
    }

    [Fact]
    public void Shuffle_of_null_or_a_read_only_list_throws()
    {
        var random = new PythonRandom(1);
        Assert.Throws<ArgumentNullException>(() => random.Shuffle<int>(null!));
        Assert.Throws<NotSupportedException>(() => random.Shuffle(new ReadOnlyCollection<int>([1, 2, 3])));
    }

    [Fact]
    public void Shuffle_of_one_or_no_item_draws_nothing()
    {
        var random = new PythonRandom(1);
        random.Shuffle(new List<string>());
        var one = new List<string> { "a" };
        random.Shuffle(one);
        Assert.Equal(["a"], one);
        Assert.Equal(new PythonRandom(1).NextDouble(), random.NextDouble());
    }

    // --- helpers ---

    private static JsonElement Load(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixtures.PathOf(name)));
        return doc.RootElement.Clone();
    }

    private static TheoryData<int> Indices(JsonElement array)
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < array.GetArrayLength(); i++)
            data.Add(i);
        return data;
    }

    private static (PythonRandom Random, JsonElement Expected) ReferenceCase(int c, string list)
    {
        var @case = Reference.GetProperty("cases")[c];
        return (Seeded(@case), @case.GetProperty(list));
    }

    private static BigInteger Seed(JsonElement run) => Big(run.GetProperty("seed"));

    private static PythonRandom Seeded(JsonElement run) => new(Seed(run));

    private static BigInteger Big(JsonElement e) => BigInteger.Parse(e.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(Fixtures.Number).ToArray();

    private static void AssertDoubles(JsonElement expected, IEnumerable<double> actual, string what)
    {
        var want = Doubles(expected);
        var got = actual.ToArray();
        Assert.Equal(want.Length, got.Length);
        for (var i = 0; i < want.Length; i++)
            Exact.Assert(want[i], got[i], $"{what} [{i}]");
    }

    // SHA-256 of the values packed little-endian, as python_random_extra.py digests them (struct '<d' and '<i')
    private static string Sha256(double[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), values[i]);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private static string Sha256(int[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 * i), values[i]);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
