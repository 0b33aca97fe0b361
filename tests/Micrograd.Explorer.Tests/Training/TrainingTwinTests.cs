using System.Globalization;
using System.Text;
using System.Text.Json;
using Micrograd.Explorer.Tests.Support;
using Micrograd.NN;

namespace Micrograd.Explorer.Tests.Training;

/// <summary>
/// The training twins (declared next to each C# class) against the C# code, evaluated in the browser, bit for bit: each
/// optimizer's update over many steps, each learning-rate schedule, each loss's per-sample numbers and test of a correct
/// prediction, and the batch sampler (with its port of .NET's seeded Random). Edge cases included: NaN and infinite
/// gradients, rates near the largest double, ties between outputs, seeds at the ends of their range.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TrainingTwinTests(BrowserFixture browser) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>A page holding Numbers and, for each optimizer and loss, its table of twins (microgradTraining) under a name.</summary>
    private async Task<ExplorerTab> OpenTwinsAsync(IEnumerable<(string Name, Optimizer Optimizer, Loss Loss)> tables)
    {
        var script = new StringBuilder(PageTemplate.Resource("shared/numbers.js"));
        script.Append("window.twins = {};\n");
        foreach (var (name, optimizer, loss) in tables)
        {
            script.Append(CultureInfo.InvariantCulture, $"window.twins[{JsonSerializer.Serialize(name)}] = (() => {{\n{TrainingScripts.Source(TrainingTwins.Of(optimizer)!, optimizer.Schedule, loss)}\nreturn microgradTraining(Numbers.fma, Numbers.pow);\n}})();\n");
        }
        script.Append("window.training = {};\n");
        var path = _files.File("twins.html");
        File.WriteAllText(path, $"""
            <!DOCTYPE html><html><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'">
            </head><body><script>{script}</script></body></html>
            """);
        return await browser.OpenTrainingAsync(path);
    }

    private static double[] Numbers(Random random, int count, bool edges)
    {
        double[] special = [0, -0.0, 1, -1, 1e-300, -1e-300, 1e300, -1e300, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon];
        return Enumerable.Range(0, count).Select(i => edges && i < special.Length ? special[i] : (random.NextDouble() * 2 - 1) * Math.Pow(10, random.Next(-6, 4))).ToArray();
    }

    /// <summary>Doubles as JSON the page reads exactly: their bits, as strings of a BigInt.</summary>
    private static string Bits(IEnumerable<double> xs) => "[" + string.Join(",", xs.Select(x => $"\"{BitConverter.DoubleToInt64Bits(x)}\"")) + "]";

    private const string FromBits = "const dv = new DataView(new ArrayBuffer(8)); const f = (s) => { dv.setBigInt64(0, BigInt(s)); return dv.getFloat64(0); }; " +
                                    "const b = (x) => { dv.setFloat64(0, x); return String(dv.getBigInt64(0)); };";

    /// <summary>The bits read back, every NaN as .NET's NaN (a NaN's payload is not a number of the engine's: C# and the page compare NaNs as equal).</summary>
    private static long[] ReadBits(string[] bits) => bits.Select(s => long.Parse(s, CultureInfo.InvariantCulture)).Select(Canonical).ToArray();

    private static long Canonical(long bits) => double.IsNaN(BitConverter.Int64BitsToDouble(bits)) ? BitConverter.DoubleToInt64Bits(double.NaN) : bits;

    private static long Bits(double x) => Canonical(BitConverter.DoubleToInt64Bits(x));

    public static TheoryData<string> Optimizers => ["sgd", "momentum", "momentum 0.5", "adam", "adam 0.8 0.95 1e-3"];

    private static Optimizer Make(string spec, IEnumerable<Value> parameters, LearningRateSchedule schedule)
    {
        var parts = spec.Split(' ');
        var s = parts.Skip(1).Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return parts[0] switch
        {
            "sgd" => new Sgd(parameters, schedule),
            "momentum" => s.Length > 0 ? new Momentum(parameters, schedule, s[0]) : new Momentum(parameters, schedule),
            _ => s.Length > 0 ? new Adam(parameters, schedule, s[0], s[1], s[2]) : new Adam(parameters, schedule),
        };
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public async Task Each_optimizers_update_is_its_csharp_update_bit_for_bit_over_many_steps(string spec)
    {
        const int Count = 40;
        const int Steps = 60;
        var random = new Random(spec.Length);
        var parameters = Numbers(random, Count, edges: true).Select(x => new Value(x)).ToArray();
        var schedule = LearningRateSchedule.Linear(0.3, 0.01, Steps);
        var optimizer = Make(spec, parameters, schedule);
        var start = parameters.Select(p => p.Data).ToArray();
        var gradients = new List<double[]>();
        var rates = new List<double>();
        for (var k = 0; k < Steps; k++)
        {
            var g = Numbers(random, Count, edges: k % 7 == 3);
            for (var i = 0; i < Count; i++) parameters[i].Grad = g[i];
            gradients.Add(g);
            rates.Add(optimizer.Step());
        }
        var expected = parameters.Select(p => p.Data).Concat(optimizer.State.SelectMany(s => s)).ToArray();

        await using var tab = await OpenTwinsAsync([("t", optimizer, Loss.Hinge)]);
        var settings = "{" + string.Join(",", TrainingTwins.Of(optimizer)!.Settings.Select(s => $"\"{s.Key}\": f(\"{BitConverter.DoubleToInt64Bits(s.Value)}\")")) + "}";
        var actual = await tab.Page.EvaluateAsync<string[]>($$"""
            () => {
              {{FromBits}}
              const p = Float64Array.from({{Bits(start)}}, f);
              const state = Array.from({ length: {{optimizer.State.Count}} }, () => new Float64Array({{Count}}));
              const update = window.twins.t.optimizer({{settings}});
              const grads = {{"[" + string.Join(",", gradients.Select(Bits)) + "]"}};
              const rates = {{Bits(rates)}};
              for (let k = 0; k < {{Steps}}; k++) update(p, Float64Array.from(grads[k], f), state, f(rates[k]), k);
              return [...p, ...state.flatMap((s) => [...s])].map(b);
            }
            """);
        Assert.Equal(expected.Select(Bits), ReadBits(actual));
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task Each_schedule_gives_its_csharp_rate_bit_for_bit_at_every_step_and_past_the_end()
    {
        LearningRateSchedule[] schedules =
        [
            LearningRateSchedule.Linear(1.0, 0.1, 100), LearningRateSchedule.Linear(0.01, 0.001, 37), LearningRateSchedule.Linear(0.3, 0, 7),
            LearningRateSchedule.Linear(double.MaxValue, 1, 1000), LearningRateSchedule.Linear(1e308, 1e-300, 3), LearningRateSchedule.Constant(0.25),
        ];
        var optimizer = new Sgd([new Value(0)], schedules[0]);
        await using var tab = await OpenTwinsAsync([("t", optimizer, Loss.Hinge)]);
        foreach (var schedule in schedules)
        {
            var settings = "{" + string.Join(",", TrainingTwins.Of(schedule)!.Value.Settings.Select(s => $"\"{s.Key}\": f(\"{BitConverter.DoubleToInt64Bits(s.Value)}\")")) + "}";
            var steps = Enumerable.Range(0, 1005).ToArray();
            var script = schedule is LinearDecaySchedule ? "window.twins.t.linearSchedule" : $"({TrainingTwins.Of(schedule)!.Value.Script})";
            var actual = await tab.Page.EvaluateAsync<string[]>($"() => {{ {FromBits} const rate = {script}({settings}); return [...Array({steps.Length}).keys()].map((k) => b(rate(k))); }}");
            Assert.Equal(steps.Select(k => Bits(schedule.At(k))), ReadBits(actual));
        }
        tab.AssertNoErrors();
    }

    public static TheoryData<string> Losses => ["hinge", "bce", "mse", "softmax"];

    [Theory]
    [MemberData(nameof(Losses))]
    public async Task Each_losss_numbers_and_correct_predictions_are_its_csharp_ones(string name)
    {
        var loss = Loss.Parse(name);
        var form = loss.SampleForm!;
        var random = new Random(3);
        var cases = new List<(double[] Outputs, double Target)>();
        foreach (var width in name == "softmax" ? new[] { 2, 3, 5 } : [1])
        {
            double[] targets = name == "softmax" ? [.. Enumerable.Range(0, width).Select(k => (double)k), .. width == 2 ? new[] { -1.0 } : []] : name == "mse" ? [-1, 1, 0.5, -3] : [-1, 1];
            foreach (var target in targets)
            {
                for (var i = 0; i < 30; i++) cases.Add((Numbers(random, width, edges: false), target));
                cases.Add((Enumerable.Repeat(0.25, width).ToArray(), target)); // a tie
                cases.Add((Enumerable.Range(0, width).Select(k => k == 0 ? double.NaN : 1.0).ToArray(), target));
                cases.Add((Enumerable.Range(0, width).Select(k => k == width - 1 ? double.PositiveInfinity : -0.0).ToArray(), target));
                cases.Add((Enumerable.Repeat(0.0, width).ToArray(), target));
            }
        }
        var expected = cases.Select(c =>
        {
            var numbers = new double[form.NumberCount(c.Outputs.Length)];
            form.Numbers(c.Outputs, c.Target, numbers);
            return (Numbers: numbers.Select(Bits).ToArray(), Correct: loss.IsCorrect(c.Outputs, c.Target));
        }).ToArray();

        await using var tab = await OpenTwinsAsync([("t", new Sgd([new Value(0)], LearningRateSchedule.Constant(1)), loss)]);
        var input = "[" + string.Join(",", cases.Select(c => $"[{Bits(c.Outputs)}, \"{BitConverter.DoubleToInt64Bits(c.Target)}\", {form.NumberCount(c.Outputs.Length)}]")) + "]";
        var json = await tab.Page.EvaluateAsync<string>($$"""
            () => {
              {{FromBits}}
              const t = window.twins.t;
              return JSON.stringify({{input}}.map(([outs, target, count]) => {
                const outputs = Float64Array.from(outs, f);
                const numbers = new Float64Array(count);
                t.numbers(outputs, f(target), numbers);
                return [[...numbers].map(b), t.isCorrect(outputs, f(target))];
              }));
            }
            """);
        var actual = JsonSerializer.Deserialize<JsonElement[][]>(json, Json)!;
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Numbers, ReadBits(actual[i][0].Deserialize<string[]>()!));
            Assert.True(expected[i].Correct == actual[i][1].GetBoolean(), $"case {i}: [{string.Join(", ", cases[i].Outputs)}] target {cases[i].Target}");
        }
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_batch_sampler_draws_the_batches_csharp_draws_for_every_seed_size_and_batch()
    {
        var cases = new List<(int Count, int Batch, int Seed)>
        {
            (100, 16, 1339), (100, 100, 5), (100, 150, 5), (7, 3, 0), (1000, 32, 2147483647), (50, 49, 123456789), (2, 1, 2147483646), (300, 10, 1),
        };
        await using var tab = await OpenTwinsAsync([("t", new Sgd([new Value(0)], LearningRateSchedule.Constant(1)), Loss.Hinge)]);
        foreach (var (count, batch, seed) in cases)
        {
            var data = new Dataset(Enumerable.Range(0, count).Select(i => (IReadOnlyList<double>)[i]), null);
            var sampler = new BatchSampler(data, batch, new Random(seed));
            var expected = Enumerable.Range(0, 40).Select(_ => sampler.Next().Features.Select(f => (int)f[0]).ToArray()).ToArray();
            var actual = await tab.Page.EvaluateAsync<int[][]>(
                $"() => {{ const next = window.twins.t.sampler({count}, {batch}, {seed}); return [...Array(40).keys()].map(() => [...next()]); }}");
            Assert.Equal(expected, actual);
        }
        tab.AssertNoErrors();
    }
}
