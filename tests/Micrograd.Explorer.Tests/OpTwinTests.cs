using System.Text.RegularExpressions;
using Micrograd.Explorer.Tests.Support;
using Micrograd.Ops;

namespace Micrograd.Explorer.Tests;

/// <summary>
/// Each op's JavaScript twin (written from the op's formulas by OpScript) against the op's C# formulas, evaluated in
/// the browser in the page's own op table: forward values and gradient contributions bit for bit, at edge cases and
/// random points. Also the page's helpers fma and pow against .NET's, and its number formats.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class OpTwinTests(BrowserFixture browser) : IDisposable
{
    private static readonly double[] Exponents = [2, 3, -1, 0.5, -2, -0.5, 1, 0, 1.7, -2.5, 4, 0.25, 1e-3, 10];

    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>Every concrete op class of the engine, except the ops of functions a user defines (a
    /// <see cref="DifferentiableFunction"/> and its derivatives), which have no twin (UserFunctionPageTests).</summary>
    private static HashSet<Type> EngineOpClasses() =>
        typeof(Op).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Op)) && !t.IsAbstract && t != typeof(FunctionOp) && t != typeof(FunctionDerivativeOp))
            .ToHashSet();

    /// <summary>Every op of the engine, read from the engine's own list (<see cref="OpCatalog.All"/>), with constant powers
    /// of many more exponents; the test below checks that the list leaves no op class out.</summary>
    internal static List<Op> AllOps() =>
        [.. OpCatalog.All.Where(op => op is not PowConstantOp), .. Exponents.Select(PowConstantOp.For)];

    [Fact]
    public void Every_op_class_has_a_twin_with_one_formula_and_one_text_per_operand()
    {
        var ops = AllOps();
        var classes = EngineOpClasses();
        Assert.Equal(classes, ops.Select(o => o.GetType()).ToHashSet());
        Assert.True(classes.Count >= 17, $"only {classes.Count} op classes found");

        foreach (var op in ops)
        {
            var script = OpScript.Of(op);
            var (operands, placeholders) = op switch
            {
                UnaryOp => (1, new[] { "x", "y" }),
                BinaryOp => (2, ["a", "b", "y"]),
                NaryOp => (1, ["xs", "y"]),
                _ => throw new InvalidOperationException(op.Name),
            };
            Assert.Equal(operands, script.Backward.Count);
            Assert.Equal(operands, script.DerivativeText.Count);
            Assert.False(string.IsNullOrWhiteSpace(script.Forward), op.Name);
            foreach (var text in script.DerivativeText.Append(script.ForwardText))
            {
                Assert.False(string.IsNullOrWhiteSpace(text), op.Name);
                foreach (Match m in Placeholder().Matches(text)) Assert.Contains(m.Groups[1].Value, placeholders);
            }
        }
    }

    [Fact]
    public async Task Every_twin_computes_what_its_op_computes_bit_for_bit_in_the_browser()
    {
        var ops = AllOps();
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "all-ops", GraphOf(ops)));
        var random = Points.Random(150, seed: 6);
        var values = Points.Edges.Concat(random).ToArray();
        var failures = new List<string>();

        foreach (var op in ops)
        {
            // Each case: operand values, the result y (from C#), the gradient g; then C#'s forward and each contribution.
            var cases = new List<(double[] X, double Y, double G, double[] Contributions)>();
            switch (op)
            {
                case UnaryOp unary:
                    foreach (var x in values)
                    {
                        foreach (var g in Points.Gradients)
                        {
                            var y = unary.Forward(x);
                            cases.Add(([x], y, g, [unary.Backward(x, y, g)]));
                        }
                    }
                    break;
                case BinaryOp binary:
                    var pairs = Points.Edges.SelectMany(a => Points.Edges.Select(b => (a, b)))
                        .Concat(random.Zip(random.Reverse(), (a, b) => (a, b)))
                        .Concat(random.Take(40).Select(a => (a, Math.Round(a))));
                    foreach (var (a, b) in pairs)
                    {
                        foreach (var g in Points.Gradients.Take(3))
                        {
                            var y = binary.Forward(a, b);
                            cases.Add(([a, b], y, g, [binary.BackwardLeft(a, b, y, g), binary.BackwardRight(a, b, y, g)]));
                        }
                    }
                    break;
                case NaryOp nary:
                    for (var i = 0; i + 3 <= values.Length; i++)
                    {
                        var operands = values.Skip(i).Take(3).Select(v => new Value(v)).ToArray();
                        var node = Value.Nary(nary, operands);
                        foreach (var g in Points.Gradients.Take(3))
                        {
                            foreach (var v in operands) v.Grad = 0;
                            node.Grad = g;
                            nary.Propagate(node);
                            cases.Add((operands.Select(v => v.Data).ToArray(), node.Data, g, operands.Select(v => v.Grad).ToArray()));
                        }
                    }
                    break;
            }

            var input = cases.Select(c => new[] { string.Join(",", c.X.Select(Points.Bits)), Points.Bits(c.Y), Points.Bits(c.G) }).ToArray();
            var output = await tab.Page.EvaluateAsync<string[][]>(
                "([name, cases]) => { " + Points.Codec + """
                    const op = window.explorer.ops[name];
                    return cases.map(([xs, y, g]) => {
                      const values = xs.split(",").map(num);
                      return [bits(op.forward(values)), ...values.map((_, k) => bits(op.backward(k, values, num(y), num(g))))];
                    });
                  }
                """, new object[] { op.Name, input });

            for (var i = 0; i < cases.Count; i++)
            {
                var c = cases[i];
                var where = $"{op.Name} at ({string.Join(", ", c.X.Select(Shown.Full))}), y {Shown.Full(c.Y)}, g {Shown.Full(c.G)}";
                if (!EngineTrace.Same(c.Y, Points.FromBits(output[i][0]))) failures.Add($"{where}: forward C# {Shown.Full(c.Y)}, JS {Shown.Full(Points.FromBits(output[i][0]))}");
                for (var k = 0; k < c.Contributions.Length; k++)
                {
                    var js = Points.FromBits(output[i][k + 1]);
                    if (!EngineTrace.Same(c.Contributions[k], js)) failures.Add($"{where}: operand {k} gradient C# {Shown.Full(c.Contributions[k])}, JS {Shown.Full(js)}");
                }
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} differences:\n" + string.Join("\n", failures.Take(30)));
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_pages_fma_rounds_once_as_dotnets_FusedMultiplyAdd_does()
    {
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "fma", TestGraphs.Neuron()));
        var random = new Random(66);
        double Any() => (random.Next(2) == 0 ? -1 : 1) * (1 + random.NextDouble()) * Math.Pow(2, random.Next(-1080, 1030));
        var triples = new List<(double A, double B, double C)>();
        for (var i = 0; i < 3000; i++) triples.Add((Any(), Any(), Any()));
        for (var i = 0; i < 3000; i++)
        {
            // Near-cancellation: c close to -a·b, where one rounding instead of two shows most.
            var a = random.NextDouble() * 4 - 2;
            var b = random.NextDouble() * 4 - 2;
            triples.Add((a, b, -(a * b) * (1 + (random.NextDouble() - 0.5) * 1e-12)));
            triples.Add((-a, a, 1.0)); // tanh's backward: 1 - y²
        }
        for (var i = 0; i < 2000; i++)
        {
            // Products in and below the subnormal range, and near overflow.
            var a = random.NextDouble() * Math.Pow(2, random.Next(-600, -500));
            triples.Add((a, a * 3.7, random.NextDouble() * 1e-310));
            triples.Add((1.5e308 * random.NextDouble(), 1 + random.NextDouble(), -double.MaxValue));
        }
        foreach (var a in Points.Edges) foreach (var b in Points.Edges.Take(12)) foreach (var c in new[] { 0.0, -0.0, 1, -1, double.NaN, double.PositiveInfinity }) triples.Add((a, b, c));

        var input = triples.Select(t => new[] { Points.Bits(t.A), Points.Bits(t.B), Points.Bits(t.C) }).ToArray();
        var output = await tab.Page.EvaluateAsync<string[]>(
            "(triples) => { " + Points.Codec + " return triples.map(([a, b, c]) => bits(window.explorer.fma(num(a), num(b), num(c)))); }", input);
        var failures = triples.Select((t, i) => (t, js: Points.FromBits(output[i])))
            .Where(p => !EngineTrace.Same(Math.FusedMultiplyAdd(p.t.A, p.t.B, p.t.C), p.js))
            .Select(p => $"fma({Shown.Full(p.t.A)}, {Shown.Full(p.t.B)}, {Shown.Full(p.t.C)}): .NET {Shown.Full(Math.FusedMultiplyAdd(p.t.A, p.t.B, p.t.C))}, page {Shown.Full(p.js)}")
            .ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} of {triples.Count} differ:\n" + string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public async Task The_pages_pow_is_dotnets_Math_Pow_at_every_edge()
    {
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "pow", TestGraphs.Neuron()));
        var pairs = Points.Edges.SelectMany(x => Points.Edges.Select(y => (x, y))).Concat(Points.Random(300, 7).Zip(Points.Random(300, 8))).ToList();
        var input = pairs.Select(p => new[] { Points.Bits(p.Item1), Points.Bits(p.Item2) }).ToArray();
        var output = await tab.Page.EvaluateAsync<string[]>(
            "(pairs) => { " + Points.Codec + " return pairs.map(([x, y]) => bits(window.explorer.pow(num(x), num(y)))); }", input);
        var failures = pairs.Select((p, i) => (p, js: Points.FromBits(output[i])))
            .Where(q => !EngineTrace.Same(Math.Pow(q.p.Item1, q.p.Item2), q.js))
            .Select(q => $"pow({Shown.Full(q.p.Item1)}, {Shown.Full(q.p.Item2)}): .NET {Shown.Full(Math.Pow(q.p.Item1, q.p.Item2))}, page {Shown.Full(q.js)}")
            .ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} differ:\n" + string.Join("\n", failures.Take(20)));
    }

    /// <summary>Odd numerators of 1/32: each q/32 is an exact tie at the 4th decimal.</summary>
    private static readonly int[] OddThirtySeconds = [1, 3, 5, 7, 45, 33, 1001, 32001, 12345679];

    [Fact]
    public async Task The_pages_number_formats_are_the_ones_the_tests_expect_and_every_digit_reads_back_exactly()
    {
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "formats", TestGraphs.Neuron()));
        var numbers = Points.Edges.Concat(Points.Random(400, 9))
            .Concat([0.00005, 0.99995, 0.000099995, 999_999_999.99995, 1e9, 1e21, 1e-7, 123456.78905, 0.125, -0.125, 2.5e-5, 1 / 3.0, -2 / 3.0, 0.30000000000000004])
            // exact ties at the 4th decimal (odd multiples of 1/32), which the picture's format rounds half to even, as .NET's F4 does
            .Concat(OddThirtySeconds.SelectMany(q => new[] { q / 32.0, -q / 32.0 }))
            .ToArray();
        var output = await tab.Page.EvaluateAsync<string[][]>(
            "(numbers) => { " + Points.Codec + " const f = window.explorer.format; return numbers.map((s) => { const x = num(s); return [f.full(x), f.short(x), f.fixed4(x)]; }); }",
            numbers.Select(Points.Bits).ToArray());
        var failures = new List<string>();
        for (var i = 0; i < numbers.Length; i++)
        {
            var x = numbers[i];
            if (output[i][0] != Shown.Full(x)) failures.Add($"full {Shown.Full(x)}: page '{output[i][0]}'");
            if (output[i][1] != Shown.Short(x)) failures.Add($"short {Shown.Full(x)}: expected '{Shown.Short(x)}', page '{output[i][1]}'");
            if (output[i][2] != Shown.Record(x)) failures.Add($"record {Shown.Full(x)}: expected '{Shown.Record(x)}', page '{output[i][2]}'");
            var back = double.Parse(output[i][0], System.Globalization.CultureInfo.InvariantCulture);
            if (!EngineTrace.Same(x, back)) failures.Add($"'{output[i][0]}' reads back as {Shown.Full(back)}, not {Shown.Full(x)}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} differences:\n" + string.Join("\n", failures.Take(30)));
    }

    /// <summary>A graph that uses every op, so that the page's op table holds every twin.</summary>
    private static Value GraphOf(List<Op> ops)
    {
        var p = new Value(0.5, "p");
        var q = new Value(1.5, "q");
        var r = new Value(2.5, "r");
        var uses = ops.Select(op => op switch
        {
            UnaryOp unary => Value.Unary(unary, p),
            BinaryOp binary => Value.Binary(binary, q, r),
            NaryOp nary => Value.Nary(nary, [p, q, r]),
            _ => throw new InvalidOperationException(op.Name),
        });
        return Value.Sum(uses);
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}
