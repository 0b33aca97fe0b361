using System.Text.RegularExpressions;
using Micrograd.Explorer.Tests.Support;
using Micrograd.Ops;

namespace Micrograd.Explorer.Tests;

/// <summary>
/// The JavaScript twins of the functions .NET's Math lacks (erf, log1p, expm1: Fdlibm.js, which the page declares inside its op
/// table) and Chromium's Math.atan, against the engine's C#, bit for bit, at many points of every branch, in the browser.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FdlibmTwinTests(BrowserFixture browser) : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>Points across every branch: uniform ones, magnitudes from subnormal to huge of both signs, and just above −1.</summary>
    private static double[] ManyPoints(int seed)
    {
        var random = new Random(seed);
        var points = new List<double>(Points.Edges);
        for (var i = 0; i < 6000; i++)
        {
            points.Add((random.NextDouble() - 0.5) * 16);
            points.Add((random.Next(2) == 0 ? -1 : 1) * Math.Pow(10, random.NextDouble() * 630 - 322));
            points.Add(-1 + Math.Pow(10, -16 * random.NextDouble()));
            points.Add(random.NextDouble() * 720 - 40);
        }
        return [.. points];
    }

    [Fact]
    public async Task Erf_log1p_expm1_and_atan_give_the_engines_bits_in_the_browser()
    {
        var p = new Value(0.5, "p");
        var page = PageFile.Write(_files, "fdlibm", Value.Sum([Value.Unary(ErfOp.Instance, p), p.Log1p(), p.Expm1(), p.Atan()]));
        await using var tab = await browser.OpenAsync(page);
        var points = ManyPoints(91);
        (string Op, Func<double, double> CSharp)[] functions =
            [("erf", Fdlibm.Erf), ("log1p", Fdlibm.Log1p), ("expm1", Fdlibm.Expm1), ("atan", Math.Atan)];
        var failures = new List<string>();
        foreach (var (op, csharp) in functions)
        {
            var output = await tab.Page.EvaluateAsync<string[]>(
                "([name, xs]) => { " + Points.Codec + " const op = window.explorer.ops[name]; return xs.map((x) => bits(op.forward([num(x)]))); }",
                new object[] { op, points.Select(Points.Bits).ToArray() });
            for (var i = 0; i < points.Length; i++)
            {
                var js = Points.FromBits(output[i]);
                if (!EngineTrace.Same(csharp(points[i]), js)) failures.Add($"{op}({Shown.Full(points[i])}): C# {Shown.Full(csharp(points[i]))}, JS {Shown.Full(js)}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {4 * points.Length} differ:\n" + string.Join("\n", failures.Take(20)));
        tab.AssertNoErrors();
    }

    [Fact]
    public void The_pages_erf_is_written_out_from_the_engines_one_erf()
    {
        // one erf: the pages' is generated from Fdlibm.Erf<T> (on ScriptNumber), not ported a second time by hand
        var helpers = OpScript.Helpers;
        Assert.Single(Regex.Matches(helpers, @"\berf\b\s*=|function\s+erf\b"));
        Assert.Contains("const erf = (x) => " + Micrograd.Shared.Fdlibm.Erf(ScriptNumber.Variable("x")).Text + ";", helpers, StringComparison.Ordinal);
        Assert.Contains("withLowWordZero(Math.abs(x))", helpers, StringComparison.Ordinal); // fdlibm's SET_LOW_WORD, from the page's helper
    }
}
