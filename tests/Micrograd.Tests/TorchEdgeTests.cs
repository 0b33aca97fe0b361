using System.Globalization;
using System.Text;
using System.Text.Json;
using Micrograd.Expressions;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Micrograd.Tests;

/// <summary>
/// Issue #22, "Correct at the edges": where the README says "as PyTorch", the engine gives PyTorch 1.13's float64 value, NaN and
/// signed zero included. Every line of Fixtures/torch_edges.jsonl (written by torch_edges.py: the edge grid of every op and
/// of the constant powers, compositions that decide a sign of zero, micrograd's test_engine.py as expressions, each op at
/// random points and 2,000 random expressions) is checked bit for bit: the value, each gradient (<see cref="Value.Backward"/>),
/// each Hessian entry (<see cref="Gradients.Of"/> twice) and each forward-mode derivative (<see cref="Derivatives.Directional"/>'s
/// sweep along a unit vector). The sign of a zero counts; any NaN equals any NaN. So are karpathy/micrograd's two
/// test_engine.py tests, with their shared nodes (micrograd_test_engine.json).
/// <para>What the engine does not match yet is listed in <see cref="KnownDifferences"/>, with the reason: those checks must
/// still differ (a fix that makes one match fails its line until the entry is removed), and every other check must match.
/// <see cref="Summary_of_differences_from_PyTorch"/> prints the differences counted by op, kind and category.</para>
/// </summary>
public class TorchEdgeTests(ITestOutputHelper output)
{
    private const string File = "torch_edges.jsonl";

    public static TheoryData<int, string> Lines()
    {
        var data = new TheoryData<int, string>();
        foreach (var c in TorchCase.All.Value) data.Add(c.Line, c.ToString());
        return data;
    }

    /// <summary>One line of the fixture (its 1-based number): every number of it, bit for bit, except the known differences,
    /// which must still differ.</summary>
    [Theory]
    [MemberData(nameof(Lines))]
    public void Line_matches_PyTorch_bit_for_bit(int line, string what)
    {
        var c = TorchCase.All.Value[line - 1];
        Assert.Equal(what, c.ToString());
        Verify($"line {line} of {File}, {what}", Checks(c));
    }

    /// <summary>karpathy/micrograd's test_sanity_check with its shared nodes (z used five times, q twice): value, gradient and
    /// second derivative against PyTorch's (micrograd_test_engine.json), bit for bit where the original allows 1e-6.</summary>
    [Fact]
    public void Micrograd_test_sanity_check_matches_PyTorch_bit_for_bit() =>
        Verify("micrograd's test_sanity_check", MicrogradChecks(SanityCheck));

    /// <summary>karpathy/micrograd's test_more_ops with its shared nodes (micrograd's <c>c += c + 1</c> is <c>c = c + (c + 1)</c>)
    /// against PyTorch's numbers for the same graph, and for the PyTorch half as the Python test writes it
    /// (<c>c = c + c + 1</c>, PyTorch's own <c>10.0 / f</c>), which gives the same bits: value, both gradients, the Hessian.</summary>
    [Theory]
    [InlineData(MoreOps)]
    [InlineData(MoreOpsAsWritten)]
    public void Micrograd_test_more_ops_matches_PyTorch_bit_for_bit(string entry) =>
        Verify($"micrograd's {entry}", MicrogradChecks(entry));

    [Fact]
    public void Every_known_difference_names_a_check()
    {
        var keys = TorchCase.All.Value.SelectMany(Keys).Concat(MicrogradEntries.SelectMany(e => MicrogradChecks(e)).Select(c => c.Key)).ToHashSet();
        var stale = KnownDifferences.Where(d => !keys.Contains(d.Key)).Select(d => d.Key.ToString()).ToList();
        Assert.True(stale.Count == 0, "KnownDifferences entries that name no check of the fixtures:\n" + string.Join("\n", stale));
        var repeated = KnownDifferences.GroupBy(d => d.Key).Where(g => g.Count() > 1).Select(g => g.Key.ToString()).ToList();
        Assert.True(repeated.Count == 0, "KnownDifferences entries listed twice:\n" + string.Join("\n", repeated));
    }

    /// <summary>Prints every difference from PyTorch counted by (group, kind, category) with the largest relative difference
    /// and an example; the count of each reason of <see cref="KnownDifferences"/>; and the differences that are not (or no
    /// longer) what the list says, the new ones ready to paste.</summary>
    [Fact]
    public void Summary_of_differences_from_PyTorch()
    {
        var cases = TorchCase.All.Value;
        var checks = cases.SelectMany(Checks).Concat(MicrogradEntries.SelectMany(e => MicrogradChecks(e))).ToList();
        var differences = checks.Where(c => !c.Same).ToList();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{File}: {cases.Count} lines; with micrograd_test_engine.json {checks.Count} checks, {differences.Count} differ from PyTorch ({KnownDifferences.Count} known)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"group",-22} {"kind",-9} {"category",-20} {"count",5} {"max rel.",9}  example (PyTorch, engine)");
        foreach (var g in differences.GroupBy(d => (d.Group, d.Key.Kind, d.Category))
                     .OrderBy(g => g.Key.Group, StringComparer.Ordinal).ThenBy(g => g.Key.Kind, StringComparer.Ordinal).ThenBy(g => g.Key.Category, StringComparer.Ordinal))
        {
            var e = g.First();
            var relative = g.Max(d => RelativeDifference(d.Torch, d.Engine));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{g.Key.Group,-22} {g.Key.Kind,-9} {g.Key.Category,-20} {g.Count(),5} {relative,9:G2}  {Shorten(e.ToString())} ({Close.Format(e.Torch)}, {Close.Format(e.Engine)})");
        }
        text.AppendLine();
        text.AppendLine("by kind and category:");
        foreach (var g in differences.GroupBy(d => (d.Key.Kind, d.Category)).OrderBy(g => g.Key.Kind, StringComparer.Ordinal).ThenBy(g => g.Key.Category, StringComparer.Ordinal))
            text.AppendLine(CultureInfo.InvariantCulture, $"  {g.Key.Kind,-9} {g.Key.Category,-20} {g.Count(),5}");
        text.AppendLine();
        text.AppendLine("KnownDifferences by reason:");
        foreach (var g in KnownDifferences.GroupBy(d => d.Reason))
            text.AppendLine(CultureInfo.InvariantCulture, $"  {g.Count(),5}  {g.Key}");

        var unknown = differences.Where(d => !Known.Value.Contains(d.Key)).ToList();
        var fixedNow = checks.Where(c => c.Same && Known.Value.Contains(c.Key)).ToList();
        if (unknown.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"{unknown.Count} differences not in KnownDifferences:");
            foreach (var d in unknown) text.AppendLine(CultureInfo.InvariantCulture, $"        {Entry(d, "?")}");
        }
        if (fixedNow.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"{fixedNow.Count} KnownDifferences entries that now match PyTorch (remove them):");
            foreach (var c in fixedNow) text.AppendLine(CultureInfo.InvariantCulture, $"  {c}");
        }
        output.WriteLine(text.ToString());
        Assert.Equal(5523, cases.Count); // as torch_edges.py writes it
        Assert.Equal(2000, cases.Count(c => c.Group == "random"));
    }

    // ------------------------------------------------------------------------------------------------------------ checks

    /// <summary>Which number of a line: the value, a gradient, a Hessian entry or a forward-mode derivative.</summary>
    private const string Val = "value", Grad = "gradient", Hess = "hessian", Fwd = "forward";

    /// <summary>One number of one case: <paramref name="Variable"/> is "" for the value, the variable for a gradient or a
    /// forward-mode derivative, and "x,y" (the row's variable, then the column's) for ∂²f/∂x∂y.</summary>
    private readonly record struct CheckKey(string Expr, string At, string Kind, string Variable)
    {
        public override string ToString() =>
            $"{Expr} at {At}: {Kind}{(Variable.Length == 0 ? "" : Kind == Hess ? $" d²/d{Variable.Replace(",", "d", StringComparison.Ordinal)}" : $" d/d{Variable}")}";
    }

    private sealed record Check(string Group, CheckKey Key, double Torch, double Engine)
    {
        public bool Same => Exact.Same(Torch, Engine);

        public string Category => Categorize(Torch, Engine);

        public override string ToString() => Key.ToString();
    }

    /// <summary>Fails with every check that differs and is not known, and every known difference that no longer differs.</summary>
    private static void Verify(string what, IEnumerable<Check> checks)
    {
        var problems = new List<string>();
        foreach (var check in checks)
        {
            var known = Known.Value.Contains(check.Key);
            if (known && check.Same)
                problems.Add($"{check}: now matches PyTorch ({Close.Format(check.Torch)}): remove it from KnownDifferences");
            else if (!known && !check.Same)
                problems.Add($"{check}: PyTorch gives {Close.Format(check.Torch)}, the engine {Close.Format(check.Engine)} ({check.Category})");
        }
        if (problems.Count > 0) throw new XunitException($"{what}:\n" + string.Join("\n", problems));
    }

    /// <summary>sign of zero only, NaN vs number, last bit (both finite, same sign, at most 2 ulp apart) or larger.</summary>
    private static string Categorize(double torch, double engine)
    {
        if (Exact.Same(torch, engine)) return "same";
        if (torch == 0 && engine == 0) return "sign of zero only";
        if (double.IsNaN(torch) || double.IsNaN(engine)) return "NaN vs number";
        if (double.IsFinite(torch) && double.IsFinite(engine) && Math.Sign(torch) == Math.Sign(engine)
            && Math.Abs(BitConverter.DoubleToInt64Bits(torch) - BitConverter.DoubleToInt64Bits(engine)) <= 2)
        {
            return "last bit (<= 2 ulp)";
        }
        return "larger";
    }

    private static double RelativeDifference(double torch, double engine) =>
        double.IsFinite(torch) && double.IsFinite(engine) && torch != 0 ? Math.Abs(torch - engine) / Math.Abs(torch) : double.PositiveInfinity;

    private static string Shorten(string s) => s.Length <= 90 ? s : s[..87] + "...";

    private static IEnumerable<CheckKey> Keys(TorchCase c)
    {
        yield return new CheckKey(c.Expr, c.AtText, Val, "");
        foreach (var a in c.Names)
        {
            yield return new CheckKey(c.Expr, c.AtText, Grad, a);
            foreach (var b in c.Names) yield return new CheckKey(c.Expr, c.AtText, Hess, $"{a},{b}");
            if (c.Forward[a] is not null) yield return new CheckKey(c.Expr, c.AtText, Fwd, a);
        }
    }

    /// <summary>Every number of a line, PyTorch's beside the engine's, each from a graph built afresh; forward-mode entries
    /// that PyTorch 1.13 cannot compute ("unsupported") are left out.</summary>
    private static List<Check> Checks(TorchCase c)
    {
        var expression = Expression.Parse(c.Expr);
        Assert.Equal(c.Names, expression.Variables);
        var checks = new List<Check>();
        void Add(string kind, string variable, double torch, double engine) =>
            checks.Add(new Check(c.Group, new CheckKey(c.Expr, c.AtText, kind, variable), torch, engine));

        var graph = expression.Build(c.At);
        Add(Val, "", c.Value, graph.Root.Data);
        var backward = graph.Gradients();
        foreach (var a in c.Names) Add(Grad, a, c.Gradients[a], backward[a]);

        graph = expression.Build(c.At);
        var leaves = c.Names.Select(n => graph.Variables[n]).ToArray();
        var gradients = Gradients.Of(graph.Root, leaves);
        for (var i = 0; i < leaves.Length; i++)
        {
            var row = Gradients.Of(gradients[i], leaves);
            for (var j = 0; j < leaves.Length; j++) Add(Hess, $"{c.Names[i]},{c.Names[j]}", c.Hessian[c.Names[i]][c.Names[j]], row[j].Data);
        }

        for (var i = 0; i < c.Names.Count; i++)
        {
            if (c.Forward[c.Names[i]] is not { } torch) continue;
            var direction = new double[c.Names.Count];
            direction[i] = 1;
            graph = expression.Build(c.At);
            // Derivatives.Directional's forward sweep, over the expression's own leaves (as the command line's grad does)
            var engine = Derivatives.DirectionalOfGraph(graph.Root, c.Names.Select(n => graph.Variables[n]).ToArray(), direction);
            Add(Fwd, c.Names[i], torch, engine);
        }
        return checks;
    }

    // ----------------------------------------------------------------------------------------- micrograd's test_engine.py

    private const string SanityCheck = "test_sanity_check", MoreOps = "test_more_ops", MoreOpsAsWritten = "test_more_ops_as_written";

    private static readonly string[] MicrogradEntries = [SanityCheck, MoreOps, MoreOpsAsWritten];

    /// <summary>The test's computation in C#, as micrograd runs it (shared nodes, <c>c += e</c> as <c>c = c + e</c>), beside
    /// PyTorch's numbers from micrograd_test_engine.json; the keys name the test (<c>micrograd test_more_ops</c>) and its inputs.</summary>
    private static List<Check> MicrogradChecks(string entry)
    {
        using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(Fixtures.PathOf("micrograd_test_engine.json")));
        var expected = doc.RootElement.GetProperty(entry);
        Value root;
        Value[] inputs;
        if (entry == SanityCheck)
        {
            var x = new Value(-4.0, "x");
            var z = 2 * x + 2 + x;
            var q = z.Relu() + z * x;
            var h = (z * z).Relu();
            root = h + q + q * x;
            inputs = [x];
        }
        else
        {
            var a = new Value(-4.0, "a");
            var b = new Value(2.0, "b");
            var c = a + b;
            var d = a * b + b.Pow(3);
            c += c + 1;
            c += 1 + c + (-a);
            d += d * 2 + (b + a).Relu();
            d += 3 * d + (b - a).Relu();
            var e = c - d;
            var f = e.Pow(2);
            var g = f / 2.0;
            g += 10.0 / f;
            root = g;
            inputs = [a, b];
        }

        var names = inputs.Select(v => v.Label).ToList();
        var at = string.Join(", ", inputs.Select(v => $"{v.Label}={Close.Format(v.Data)}"));
        var checks = new List<Check>();
        void Add(string kind, string variable, double torch, double engine) =>
            checks.Add(new Check("micrograd test_engine", new CheckKey($"micrograd {entry}", at, kind, variable), torch, engine));

        Add(Val, "", Fixtures.Number(expected.GetProperty("value")), root.Data);
        root.Backward();
        foreach (var v in inputs) Add(Grad, v.Label, Fixtures.Number(expected.GetProperty("gradients").GetProperty(v.Label)), v.Grad);
        var gradients = Gradients.Of(root, inputs);
        for (var i = 0; i < inputs.Length; i++)
        {
            var row = Gradients.Of(gradients[i], inputs);
            for (var j = 0; j < inputs.Length; j++)
                Add(Hess, $"{names[i]},{names[j]}", Fixtures.Number(expected.GetProperty("hessian").GetProperty(names[i]).GetProperty(names[j])), row[j].Data);
        }
        return checks;
    }

    // ------------------------------------------------------------------------------------------------------- the fixture

    /// <summary>A point as the keys of <see cref="KnownDifferences"/> write it: <c>x=-0, y=NaN</c> (round-trip numbers).</summary>
    private static string AtText(IReadOnlyList<string> names, IReadOnlyDictionary<string, double> at) =>
        string.Join(", ", names.Select(n => $"{n}={Close.Format(at[n])}"));

    /// <summary>A line of torch_edges.jsonl (see torch_edges.py): numbers may be "NaN", "Infinity", "-Infinity" or "-0.0";
    /// a forward-mode entry PyTorch cannot compute ("unsupported") is null.</summary>
    private sealed record TorchCase(
        int Line,
        string Group,
        string Expr,
        IReadOnlyList<string> Names,
        IReadOnlyDictionary<string, double> At,
        double Value,
        IReadOnlyDictionary<string, double> Gradients,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Hessian,
        IReadOnlyDictionary<string, double?> Forward)
    {
        public static readonly Lazy<IReadOnlyList<TorchCase>> All = new(() =>
            System.IO.File.ReadLines(Fixtures.PathOf(File)).Select((text, i) => Parse(i + 1, text)).ToList());

        public string AtText => TorchEdgeTests.AtText(Names, At);

        public override string ToString() => $"{Expr} at {AtText}";

        private static TorchCase Parse(int line, string text)
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            var at = root.GetProperty("at");
            static Dictionary<string, double> Map(JsonElement e) => e.EnumerateObject().ToDictionary(p => p.Name, p => Number(p.Value), StringComparer.Ordinal);
            return new TorchCase(
                line,
                root.GetProperty("group").GetString()!,
                root.GetProperty("expr").GetString()!,
                [.. at.EnumerateObject().Select(p => p.Name)],
                Map(at),
                Number(root.GetProperty("value")),
                Map(root.GetProperty("gradients")),
                root.GetProperty("hessian").EnumerateObject().ToDictionary(p => p.Name, p => (IReadOnlyDictionary<string, double>)Map(p.Value), StringComparer.Ordinal),
                root.GetProperty("forward").EnumerateObject().ToDictionary(
                    p => p.Name, p => p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() == "unsupported" ? (double?)null : Number(p.Value), StringComparer.Ordinal));
        }

        private static double Number(JsonElement e) =>
            e.ValueKind == JsonValueKind.String && e.GetString() == "-0.0" ? -0.0 : Fixtures.Number(e);
    }

    // ----------------------------------------------------------------------------------------------- known differences

    private sealed record KnownDifference(string Expr, string At, string Kind, string Variable, string Reason)
    {
        public CheckKey Key => new(Expr, At, Kind, Variable);
    }

    /// <summary>An entry of <see cref="KnownDifferences"/> for a difference, as the summary prints it.</summary>
    private static string Entry(Check d, string reason) =>
        $"new({Quote(d.Key.Expr)}, {Quote(d.Key.At)}, {KindName(d.Key.Kind)}, {Quote(d.Key.Variable)}, {reason}), // {d.Group}: {Close.Format(d.Torch)} vs {Close.Format(d.Engine)}";

    private static string KindName(string kind) => kind switch
    {
        Val => nameof(Val),
        Grad => nameof(Grad),
        Hess => nameof(Hess),
        _ => nameof(Fwd),
    };

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    // The reasons, one line each, as observed on the engine of this commit (Summary_of_differences_from_PyTorch counts them).

    /// <summary>A first derivative that is a constant where an op selects a branch (relu, leaky_relu, abs, max and min off a
    /// tie, pow at exponent 0 or 1, and x ** y's 0 for d/dx at y = 0 and d/dy at x = 0, y ≥ 0): PyTorch computes it with
    /// where/masked_fill/threshold_backward, which keep the branch not taken in the graph, so the second derivative is NaN
    /// where that branch's derivative is infinite or NaN (0 · ∞: x ** y at x = 0 or y = 0) and a signed zero elsewhere (0 times
    /// a negative number); the engine's Select returns a constant with no graph, so that branch adds nothing: +0, or the one
    /// other contribution as it is (−0 where PyTorch's sum with the branch's +0 is +0).</summary>
    private const string BranchNotTaken = "PyTorch's where/masked branch not taken stays in the graph (NaN from 0 * inf, or -0); the engine's constant has none";

    /// <summary>x / y (and what contains it) in forward mode: PyTorch's formula is (ẋ − ẏ·result) / y; the engine sums the
    /// backward shares ẋ / y + ẏ·(−(x / y) / y). At y = ±0 along y, ẋ / y is 0 / 0 (NaN) where PyTorch gives ∓∞; elsewhere
    /// the signs of zero differ (x / x has the tangent −0 in PyTorch where x &lt; 0).</summary>
    private const string DivForward = "x / y forward mode: PyTorch's (dx - dy * result) / y, not dx / y + dy * (-x / y / y) (NaN, -0)";

    /// <summary>maximum/minimum in forward mode: PyTorch's formula ḃ + mask·(ȧ − ḃ) mixes both tangents: at NaN the mask is 0
    /// (so the tangent is ḃ, where its backward gives each operand the whole gradient, as the engine does), a NaN tangent of the
    /// operand not taken leaks in, a huge one cancels the other (0 instead of 47), and signs of zero follow the formula).</summary>
    private const string MaxMinForward = "max/min forward mode: PyTorch's db + mask * (da - db) mixes both tangents (NaN, cancellation, -0)";

    /// <summary>PyTorch 1.13 computes exp, sin, cos, tanh, atan, expm1, log1p and erf (in gelu) with its vectorized kernels
    /// (Sleef), even for one element, and they are not the C library's numbers; the engine uses the C library (exp, sin, cos,
    /// tanh, atan) and fdlibm (expm1, log1p, erf). Derivatives computed from the value (expm1's y + 1, tanh's 1 − y²) or from
    /// another of these functions (sin's cos, gelu's erf) follow.</summary>
    private const string Elementary = "an elementary function's last bit: PyTorch's Sleef vs the engine's C library or fdlibm";

    /// <summary>A second derivative where PyTorch has a double-backward formula of its own (sigmoid, softplus, gelu) and the
    /// engine differentiates its backward graph: the same number, rounded another way (softplus near 20 loses digits).</summary>
    private const string FormulaOrder = "another formula for the same derivative: PyTorch's double backward vs the engine's graph";

    /// <summary>Compositions (the random sweep, micrograd's test_more_ops Hessian): the last bits above, and sums and forward-mode
    /// formulas rounded in another order, carried through the expression.</summary>
    private const string Carried = "last bits carried through a composition (elementary functions, formulas, order of sums)";

    /// <summary>
    /// The checks the engine does not match yet (what the summary prints as differences), grouped by reason; each comment gives
    /// the fixture group and PyTorch's number vs the engine's when the list was written. Each must still differ: when a fix
    /// makes one match, its line fails until the entry is removed.
    /// </summary>
    private static readonly IReadOnlyList<KnownDifference> KnownDifferences =
    [
        // found after the engine started its sums from -0 (as PyTorch passes a lone -0 on), in branches PyTorch keeps
        new("relu(x) * relu(-x)", "x=1", Hess, "x,x", BranchNotTaken), // composition: 0 vs -0
        new("relu(x) * relu(-x)", "x=2.5", Hess, "x,x", BranchNotTaken), // composition: 0 vs -0
        new("relu(x) * relu(-x)", "x=1E-310", Hess, "x,x", BranchNotTaken), // composition: 0 vs -0
        new("relu(x) * relu(-x)", "x=Infinity", Hess, "x,x", BranchNotTaken), // composition: 0 vs -0
        new("min(x, softplus(-x))", "x=-0.009382183161269736", Hess, "x,x", BranchNotTaken), // random: 0 vs -0
        new("-exp(x / x)", "x=-2.195898368619951", Fwd, "x", DivForward), // random: 0 vs -0
        new("relu(gelu(y) ** 0.5)", "y=1.7398787977851997", Hess, "y,y", Carried), // random: -0.17829209678058405 vs -0.17829209678058403
        new("softplus(max(sin(atan(y)), max(y, x) ** 0.3))", "y=0.08479442130435788, x=6.712491646560228", Hess, "y,y", BranchNotTaken), // random: 0 vs -0
        new("relu(x) - min(-1, sin(x))", "x=15.63176578486584", Hess, "x,x", BranchNotTaken), // random: 0 vs -0
        new("y - softplus(x ** 0.5)", "y=-2.9860830825970637, x=13.043782633158889", Hess, "x,x", Carried), // random: 0.004676490103505302 vs 0.004676490103505301
        new("sin(max((-1) - y, x / y)) * (max(x, log(x)) ** 0)", "y=-1.820366320768583, x=-1.1674994466031883", Hess, "x,y", BranchNotTaken), // random: 0 vs -0
        new("sin(max((-1) - y, x / y)) * (max(x, log(x)) ** 0)", "y=-1.820366320768583, x=-1.1674994466031883", Hess, "x,x", BranchNotTaken), // random: 0 vs -0
        new("relu(abs(cos(x / x)))", "x=-0.006305686896031393", Fwd, "x", DivForward), // random: 0 vs -0
        new("relu((x - x) - exp(x))", "x=0.06210074733213097", Hess, "x,x", BranchNotTaken), // random: 0 vs -0
        new("relu((-2.5) / x)", "x=1.3327156223065968", Hess, "x,x", BranchNotTaken), // random: 0 vs -0
        new("(x / x) ** -3", "x=-1.0785185426972874", Fwd, "x", DivForward), // random: 0 vs -0
        new("min(-x, -leaky_relu(-1)) * x", "x=-0.08066820482571209", Hess, "x,x", BranchNotTaken), // random: 0 vs -0
        new("(x / x) ** -1.5", "x=-0.011997461013905308", Fwd, "x", DivForward), // random: 0 vs -0
        new("relu(relu(x) - (y * y))", "x=0.3057692171831521, y=-2.872939002411346", Hess, "y,y", BranchNotTaken), // random: 0 vs -0

        // BranchNotTaken
        new("x ** y", "x=1, y=0", Hess, "x,x", BranchNotTaken), // binary **: -0 vs 0
        new("x ** y", "x=-1, y=0", Hess, "x,x", BranchNotTaken), // binary **: -0 vs 0
        new("x ** y", "x=2.5, y=0", Hess, "x,x", BranchNotTaken), // binary **: -0 vs 0
        new("x ** y", "x=-2.5, y=0", Hess, "x,x", BranchNotTaken), // binary **: -0 vs 0
        new("x ** y", "x=0.5, y=0", Hess, "x,x", BranchNotTaken), // binary **: -0 vs 0
        new("x ** y", "x=Infinity, y=0", Hess, "x,x", BranchNotTaken), // binary **: -0 vs 0
        new("x ** y", "x=-Infinity, y=0", Hess, "x,x", BranchNotTaken), // binary **: -0 vs 0
        new("atan(atan(max(y, x)))", "y=0.0636264399422522, x=-22.36730324329705", Hess, "x,y", BranchNotTaken), // random: -0 vs 0
        new("min(y, x) ** 0.3", "y=2.7329984037508543, x=1.813192529825022", Hess, "y,x", BranchNotTaken), // random: -0 vs 0
        new("-leaky_relu(x / (-2.5))", "x=1.3437659968003555", Hess, "x,x", BranchNotTaken), // random: -0 vs 0
        new("(log1p(min(x, y)) ** 0) - x", "x=2.297630723784562, y=10.62932632207309", Hess, "y,x", BranchNotTaken), // random: -0 vs 0
        new("-elu(abs(y))", "y=1.7947086187702128", Hess, "y,y", BranchNotTaken), // random: -0 vs 0
        new("min(x, min(y, x)) ** -3", "x=0.03930382814079736, y=-0.04446672725104222", Hess, "x,y", BranchNotTaken), // random: -0 vs 0
        new("leaky_relu(abs(x))", "x=-8.31987356505735", Hess, "x,x", BranchNotTaken), // random: -0 vs 0
        new("tanh(max(x, y))", "x=-0.028288779197545008, y=1.3630802118295042", Hess, "x,y", BranchNotTaken), // random: -0 vs 0
        new("max((x ** 0) ** -0.5, leaky_relu(-x))", "x=2.1702467444981526", Hess, "x,x", BranchNotTaken), // random: -0 vs 0
        new("max(x ** -2, gelu(y))", "x=0.15526487527453803, y=-9.706916441153608", Hess, "y,y", BranchNotTaken), // random: -0 vs 0
        new("(max(-y, x) / leaky_relu(y)) + ((sin(y) ** 0.3) / 2)", "y=0.29007158315746207, x=-13.08468010511432", Hess, "x,y", BranchNotTaken), // random: -0 vs 0
        new("cos(max(x, min(0.5, y)))", "x=-0.35611689670900937, y=-2.4742841635574555", Hess, "y,x", BranchNotTaken), // random: -0 vs 0
        new("min(sin(max(y, softplus(x))), exp(sqrt(sin(x))))", "y=1.778537725032118, x=2.93054623080665", Hess, "y,x", BranchNotTaken), // random: -0 vs 0
        new("relu(x / y)", "x=0.06022032479074366, y=-0.005277882705614384", Hess, "x,x", BranchNotTaken), // random: -0 vs 0
        new("cos(max(y, x))", "y=-4.8907287414262095, x=-0.004510273671744308", Hess, "y,x", BranchNotTaken), // random: -0 vs 0
        new("sin(sigmoid(max(y, x)))", "y=0.08591947460774296, x=0.15854164723165454", Hess, "y,x", BranchNotTaken), // random: -0 vs 0
        new("(leaky_relu(relu(x)) * max(relu(0.1), x - y)) - y", "x=-0.0038671298785850905, y=0.6857529506246047", Hess, "x,y", BranchNotTaken), // random: -0 vs 0
        new("leaky_relu(x * expm1(sin(y)))", "x=-2.450955293436734, y=-0.882560996559576", Hess, "x,x", BranchNotTaken), // random: -0 vs 0
        new("max(y * y, atan(2)) * abs(atan(x))", "y=0.0785911769042471, x=-2.542942272416285", Hess, "y,x", BranchNotTaken), // random: -0 vs 0
        new("abs(x - x)", "x=0.001016302019511639", Hess, "x,x", BranchNotTaken), // random: -0 vs 0
        new("cos(softplus(atan(min(y, x))))", "y=0.21486580628301688, x=-1.3510269475606387", Hess, "y,x", BranchNotTaken), // random: -0 vs 0
        new("relu(min((-x) ** 0.5, (1.5 - y) ** (y ** 3)))", "x=-2.5482989627332246, y=-1.36706743714188", Hess, "y,x", BranchNotTaken), // random: -0 vs 0
        new("relu(expm1((-x) * x))", "x=0.2672373227236835", Hess, "x,x", BranchNotTaken), // random: -0 vs 0
        new("abs(cos(max(y, x)))", "y=-1.073331507324098, x=-2.9874462335621503", Hess, "x,y", BranchNotTaken), // random: -0 vs 0
        new("sqrt(log1p(min(y ** 3, x)))", "y=1.9956719049298002, x=0.024058784197595107", Hess, "y,x", BranchNotTaken), // random: -0 vs 0
        new("x ** y", "x=0, y=0", Hess, "x,x", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=0, y=0", Hess, "x,y", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=0, y=0", Hess, "y,x", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=0, y=0", Hess, "y,y", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=0, y=-0", Hess, "x,x", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=0, y=-0", Hess, "x,y", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=0, y=-0", Hess, "y,x", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=0, y=-0", Hess, "y,y", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=0, y=1", Hess, "y,x", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=0, y=1", Hess, "y,y", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=0, y=2.5", Hess, "y,x", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=0, y=2.5", Hess, "y,y", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=0, y=0.5", Hess, "y,x", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=0, y=0.5", Hess, "y,y", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=0, y=Infinity", Hess, "y,x", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=0, y=Infinity", Hess, "y,y", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=-0, y=0", Hess, "x,x", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=-0, y=0", Hess, "x,y", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=-0, y=0", Hess, "y,x", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=-0, y=0", Hess, "y,y", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=-0, y=-0", Hess, "x,x", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=-0, y=-0", Hess, "x,y", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=-0, y=-0", Hess, "y,x", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=-0, y=-0", Hess, "y,y", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=-0, y=1", Hess, "y,x", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=-0, y=1", Hess, "y,y", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=-0, y=2.5", Hess, "y,x", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=-0, y=2.5", Hess, "y,y", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=-0, y=0.5", Hess, "y,x", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=-0, y=0.5", Hess, "y,y", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=-0, y=Infinity", Hess, "y,x", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=-0, y=Infinity", Hess, "y,y", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=-1, y=0", Hess, "x,y", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=-1, y=-0", Hess, "x,y", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=-2.5, y=0", Hess, "x,y", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=-2.5, y=-0", Hess, "x,y", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=Infinity, y=0", Hess, "x,y", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=Infinity, y=-0", Hess, "x,y", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=-Infinity, y=0", Hess, "x,y", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=-Infinity, y=-0", Hess, "x,y", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=NaN, y=0", Hess, "x,x", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=NaN, y=0", Hess, "x,y", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=NaN, y=-0", Hess, "x,x", BranchNotTaken), // binary **: NaN vs 0
        new("x ** y", "x=NaN, y=-0", Hess, "x,y", BranchNotTaken), // binary **: NaN vs 0
        new("((x - x) ** log(y)) * abs(softplus(x))", "x=29.692230083342288, y=19.366572107727855", Hess, "y,x", BranchNotTaken), // random: NaN vs 0
        new("((x - x) ** log(y)) * abs(softplus(x))", "x=29.692230083342288, y=19.366572107727855", Hess, "y,y", BranchNotTaken), // random: NaN vs 0
        new("((x - x) ** expm1(y)) / (sin(y) - (y / y))", "x=18.79130753992822, y=0.0740147221521801", Hess, "y,y", BranchNotTaken), // random: NaN vs 0

        // DivForward
        new("x / y", "x=-0, y=-1", Fwd, "y", DivForward), // binary /: -0 vs 0
        new("x / y", "x=-0, y=-2.5", Fwd, "y", DivForward), // binary /: -0 vs 0
        new("x / y", "x=-0, y=-Infinity", Fwd, "x", DivForward), // binary /: -0 vs 0
        new("x / y", "x=-0, y=-Infinity", Fwd, "y", DivForward), // binary /: -0 vs 0
        new("x / y", "x=-1, y=-Infinity", Fwd, "x", DivForward), // binary /: -0 vs 0
        new("x / y", "x=-1, y=-Infinity", Fwd, "y", DivForward), // binary /: -0 vs 0
        new("x / y", "x=-2.5, y=-Infinity", Fwd, "x", DivForward), // binary /: -0 vs 0
        new("x / y", "x=-2.5, y=-Infinity", Fwd, "y", DivForward), // binary /: -0 vs 0
        new("expm1(x / x)", "x=-1.051434809989852", Fwd, "x", DivForward), // random: -0 vs 0
        new("sigmoid(sin((y / x) / (x * y)))", "y=6.339397631453837, x=-1.0768505261939054", Fwd, "y", DivForward), // random: -0 vs 0
        new("x / x", "x=-1.9525014580921924", Fwd, "x", DivForward), // random: -0 vs 0
        new("x / x", "x=-0.3840590926861207", Fwd, "x", DivForward), // random: -0 vs 0
        new("log(atan(atan(x / x)))", "x=-0.41182384273432326", Fwd, "x", DivForward), // random: -0 vs 0
        new("max(cos(sigmoid(x)), (y / y) - gelu(y))", "x=21.796443777214854, y=-0.35197758707424764", Fwd, "x", DivForward), // random: -0 vs 0
        new("exp(x / x)", "x=-2.63947152219927", Fwd, "x", DivForward), // random: -0 vs 0
        new("abs(x / x)", "x=-2.1934097459705013", Fwd, "x", DivForward), // random: -0 vs 0
        new("leaky_relu(softplus(sigmoid(x / x)))", "x=-2.931119181081291", Fwd, "x", DivForward), // random: -0 vs 0
        new("sigmoid(((y - y) / (y - x)) - sigmoid(y))", "y=-4.75561056125469, x=0.4208666783117101", Fwd, "x", DivForward), // random: -0 vs 0
        new("x / x", "x=-2.4453397337284852", Fwd, "x", DivForward), // random: -0 vs 0
        new("log1p(relu(x / x))", "x=-0.05280036814452327", Fwd, "x", DivForward), // random: -0 vs 0
        new("relu(x / x)", "x=-2.2804826498535125", Fwd, "x", DivForward), // random: -0 vs 0
        new("x / x", "x=-2.452881152863501", Fwd, "x", DivForward), // random: -0 vs 0
        new("(x + x) / ((-2.5) * x)", "x=0.6627224629961557", Fwd, "x", DivForward), // random: -0 vs 0
        new("x / y", "x=1, y=0", Fwd, "y", DivForward), // binary /: -Infinity vs NaN
        new("x / y", "x=1, y=-0", Fwd, "y", DivForward), // binary /: -Infinity vs NaN
        new("x / y", "x=-1, y=0", Fwd, "y", DivForward), // binary /: Infinity vs NaN
        new("x / y", "x=-1, y=-0", Fwd, "y", DivForward), // binary /: Infinity vs NaN
        new("x / y", "x=2.5, y=0", Fwd, "y", DivForward), // binary /: -Infinity vs NaN
        new("x / y", "x=2.5, y=-0", Fwd, "y", DivForward), // binary /: -Infinity vs NaN
        new("x / y", "x=-2.5, y=0", Fwd, "y", DivForward), // binary /: Infinity vs NaN
        new("x / y", "x=-2.5, y=-0", Fwd, "y", DivForward), // binary /: Infinity vs NaN
        new("x / y", "x=0.5, y=0", Fwd, "y", DivForward), // binary /: -Infinity vs NaN
        new("x / y", "x=0.5, y=-0", Fwd, "y", DivForward), // binary /: -Infinity vs NaN
        new("x / y", "x=Infinity, y=0", Fwd, "y", DivForward), // binary /: -Infinity vs NaN
        new("x / y", "x=Infinity, y=-0", Fwd, "y", DivForward), // binary /: -Infinity vs NaN
        new("x / y", "x=-Infinity, y=0", Fwd, "y", DivForward), // binary /: Infinity vs NaN
        new("x / y", "x=-Infinity, y=-0", Fwd, "y", DivForward), // binary /: Infinity vs NaN

        // MaxMinForward
        new("max(-x, tanh(gelu(softplus(3))))", "x=0.07103274136199403", Fwd, "x", MaxMinForward), // random: -0 vs 0
        new("max(x, y)", "x=0, y=NaN", Fwd, "x", MaxMinForward), // binary max: 0 vs 1
        new("max(x, y)", "x=-0, y=NaN", Fwd, "x", MaxMinForward), // binary max: 0 vs 1
        new("max(x, y)", "x=1, y=NaN", Fwd, "x", MaxMinForward), // binary max: 0 vs 1
        new("max(x, y)", "x=-1, y=NaN", Fwd, "x", MaxMinForward), // binary max: 0 vs 1
        new("max(x, y)", "x=2.5, y=NaN", Fwd, "x", MaxMinForward), // binary max: 0 vs 1
        new("max(x, y)", "x=-2.5, y=NaN", Fwd, "x", MaxMinForward), // binary max: 0 vs 1
        new("max(x, y)", "x=0.5, y=NaN", Fwd, "x", MaxMinForward), // binary max: 0 vs 1
        new("max(x, y)", "x=Infinity, y=NaN", Fwd, "x", MaxMinForward), // binary max: 0 vs 1
        new("max(x, y)", "x=-Infinity, y=NaN", Fwd, "x", MaxMinForward), // binary max: 0 vs 1
        new("max(x, y)", "x=NaN, y=0", Fwd, "x", MaxMinForward), // binary max: 0 vs 1
        new("max(x, y)", "x=NaN, y=-0", Fwd, "x", MaxMinForward), // binary max: 0 vs 1
        new("max(x, y)", "x=NaN, y=1", Fwd, "x", MaxMinForward), // binary max: 0 vs 1
        new("max(x, y)", "x=NaN, y=-1", Fwd, "x", MaxMinForward), // binary max: 0 vs 1
        new("max(x, y)", "x=NaN, y=2.5", Fwd, "x", MaxMinForward), // binary max: 0 vs 1
        new("max(x, y)", "x=NaN, y=-2.5", Fwd, "x", MaxMinForward), // binary max: 0 vs 1
        new("max(x, y)", "x=NaN, y=0.5", Fwd, "x", MaxMinForward), // binary max: 0 vs 1
        new("max(x, y)", "x=NaN, y=Infinity", Fwd, "x", MaxMinForward), // binary max: 0 vs 1
        new("max(x, y)", "x=NaN, y=-Infinity", Fwd, "x", MaxMinForward), // binary max: 0 vs 1
        new("max(x, y)", "x=NaN, y=NaN", Fwd, "x", MaxMinForward), // binary max: 0 vs 1
        new("min(x, y)", "x=0, y=NaN", Fwd, "x", MaxMinForward), // binary min: 0 vs 1
        new("min(x, y)", "x=-0, y=NaN", Fwd, "x", MaxMinForward), // binary min: 0 vs 1
        new("min(x, y)", "x=1, y=NaN", Fwd, "x", MaxMinForward), // binary min: 0 vs 1
        new("min(x, y)", "x=-1, y=NaN", Fwd, "x", MaxMinForward), // binary min: 0 vs 1
        new("min(x, y)", "x=2.5, y=NaN", Fwd, "x", MaxMinForward), // binary min: 0 vs 1
        new("min(x, y)", "x=-2.5, y=NaN", Fwd, "x", MaxMinForward), // binary min: 0 vs 1
        new("min(x, y)", "x=0.5, y=NaN", Fwd, "x", MaxMinForward), // binary min: 0 vs 1
        new("min(x, y)", "x=Infinity, y=NaN", Fwd, "x", MaxMinForward), // binary min: 0 vs 1
        new("min(x, y)", "x=-Infinity, y=NaN", Fwd, "x", MaxMinForward), // binary min: 0 vs 1
        new("min(x, y)", "x=NaN, y=0", Fwd, "x", MaxMinForward), // binary min: 0 vs 1
        new("min(x, y)", "x=NaN, y=-0", Fwd, "x", MaxMinForward), // binary min: 0 vs 1
        new("min(x, y)", "x=NaN, y=1", Fwd, "x", MaxMinForward), // binary min: 0 vs 1
        new("min(x, y)", "x=NaN, y=-1", Fwd, "x", MaxMinForward), // binary min: 0 vs 1
        new("min(x, y)", "x=NaN, y=2.5", Fwd, "x", MaxMinForward), // binary min: 0 vs 1
        new("min(x, y)", "x=NaN, y=-2.5", Fwd, "x", MaxMinForward), // binary min: 0 vs 1
        new("min(x, y)", "x=NaN, y=0.5", Fwd, "x", MaxMinForward), // binary min: 0 vs 1
        new("min(x, y)", "x=NaN, y=Infinity", Fwd, "x", MaxMinForward), // binary min: 0 vs 1
        new("min(x, y)", "x=NaN, y=-Infinity", Fwd, "x", MaxMinForward), // binary min: 0 vs 1
        new("min(x, y)", "x=NaN, y=NaN", Fwd, "x", MaxMinForward), // binary min: 0 vs 1
        new("max(x, 0)", "x=NaN", Fwd, "x", MaxMinForward), // composition: 0 vs 1
        new("min(x, 0)", "x=NaN", Fwd, "x", MaxMinForward), // composition: 0 vs 1
        new("max(x, -x)", "x=NaN", Fwd, "x", MaxMinForward), // composition: -1 vs 0
        new("max(max(x + x, y) * cos(-x), elu(x - x) ** 0.5)", "x=-0.4362635343686039, y=0.9912595439871028", Fwd, "x", MaxMinForward), // random: NaN vs 0.4188625946478631
        new("max(max(x + x, y) * cos(-x), elu(x - x) ** 0.5)", "x=-0.4362635343686039, y=0.9912595439871028", Fwd, "y", MaxMinForward), // random: NaN vs 0.906336851998029
        new("min((max(x, 0.1) - relu(3)) * elu(elu(x)), exp(max(x, x)) ** x)", "x=24.985845456574296", Fwd, "x", MaxMinForward), // random: 0 vs 46.97169091314859
        new("max(x / (x - x), tanh(abs(x)))", "x=-1.80085891502261", Fwd, "x", MaxMinForward), // random: NaN vs -0.10339007033767926

        // Elementary
        new("log1p(x)", "x=1E-310", Val, "", Elementary), // unary log1p: 1.00000000000005E-310 vs 1E-310
        new("log1p(x)", "x=-1E-310", Val, "", Elementary), // unary log1p: -1.00000000000005E-310 vs -1E-310
        new("log1p(x)", "x=2", Val, "", Elementary), // unary log1p: 1.0986122886681098 vs 1.0986122886681096
        new("expm1(x)", "x=1", Val, "", Elementary), // unary expm1: 1.7182818284590453 vs 1.718281828459045
        new("expm1(x)", "x=1", Grad, "x", Elementary), // unary expm1: 2.7182818284590455 vs 2.718281828459045
        new("expm1(x)", "x=1", Hess, "x,x", Elementary), // unary expm1: 2.7182818284590455 vs 2.718281828459045
        new("expm1(x)", "x=1", Fwd, "x", Elementary), // unary expm1: 2.7182818284590455 vs 2.718281828459045
        new("sin(x) * cos(x)", "x=2.5", Val, "", Elementary), // composition: -0.47946213733156917 vs -0.4794621373315693
        new("sin(x) * cos(x)", "x=2.5", Grad, "x", Elementary), // composition: 0.2836621854632263 vs 0.28366218546322614
        new("sin(x) * cos(x)", "x=2.5", Hess, "x,x", Elementary), // composition: 1.9178485493262767 vs 1.9178485493262771
        new("sin(x) * cos(x)", "x=2.5", Fwd, "x", Elementary), // composition: 0.2836621854632263 vs 0.28366218546322614
        new("sin(x) * cos(x)", "x=-2.5", Val, "", Elementary), // composition: 0.47946213733156917 vs 0.4794621373315693
        new("sin(x) * cos(x)", "x=-2.5", Grad, "x", Elementary), // composition: 0.2836621854632263 vs 0.28366218546322614
        new("sin(x) * cos(x)", "x=-2.5", Hess, "x,x", Elementary), // composition: -1.9178485493262767 vs -1.9178485493262771
        new("sin(x) * cos(x)", "x=-2.5", Fwd, "x", Elementary), // composition: 0.2836621854632263 vs 0.28366218546322614
        new("tanh(x)", "x=0.9945362165306348", Val, "", Elementary), // sweep tanh: 0.7592899417567814 vs 0.7592899417567813
        new("tanh(x)", "x=0.9945362165306348", Grad, "x", Elementary), // sweep tanh: 0.42347878434698344 vs 0.4234787843469836
        new("tanh(x)", "x=0.9945362165306348", Hess, "x,x", Elementary), // sweep tanh: -0.6430863630041074 vs -0.6430863630041075
        new("tanh(x)", "x=0.9945362165306348", Fwd, "x", Elementary), // sweep tanh: 0.42347878434698344 vs 0.4234787843469836
        new("tanh(x)", "x=0.6219933307178325", Val, "", Elementary), // sweep tanh: 0.5525143759398171 vs 0.5525143759398172
        new("tanh(x)", "x=0.6219933307178325", Grad, "x", Elementary), // sweep tanh: 0.6947278643798345 vs 0.6947278643798344
        new("tanh(x)", "x=0.6219933307178325", Fwd, "x", Elementary), // sweep tanh: 0.6947278643798345 vs 0.6947278643798344
        new("tanh(x)", "x=0.7919489806099209", Val, "", Elementary), // sweep tanh: 0.6595117122993285 vs 0.6595117122993284
        new("tanh(x)", "x=0.7919489806099209", Grad, "x", Elementary), // sweep tanh: 0.5650443013400078 vs 0.5650443013400079
        new("tanh(x)", "x=0.7919489806099209", Fwd, "x", Elementary), // sweep tanh: 0.5650443013400078 vs 0.5650443013400079
        new("tanh(x)", "x=-0.8279259563391044", Val, "", Elementary), // sweep tanh: -0.6793607710072618 vs -0.6793607710072619
        new("tanh(x)", "x=-0.8279259563391044", Grad, "x", Elementary), // sweep tanh: 0.5384689428164188 vs 0.5384689428164187
        new("tanh(x)", "x=-0.8279259563391044", Fwd, "x", Elementary), // sweep tanh: 0.5384689428164188 vs 0.5384689428164187
        new("tanh(x)", "x=-0.09563470912961508", Val, "", Elementary), // sweep tanh: -0.09534421355898123 vs -0.09534421355898125
        new("tanh(x)", "x=-0.09563470912961508", Hess, "x,x", Elementary), // sweep tanh: 0.18895497033688147 vs 0.1889549703368815
        new("tanh(x)", "x=0.2941720932302134", Val, "", Elementary), // sweep tanh: 0.28597027011671966 vs 0.2859702701167197
        new("tanh(x)", "x=0.2941720932302134", Hess, "x,x", Elementary), // sweep tanh: -0.5251678174299746 vs -0.5251678174299748
        new("tanh(x)", "x=1.0567913774456565", Val, "", Elementary), // sweep tanh: 0.7844327161733619 vs 0.784432716173362
        new("tanh(x)", "x=1.0567913774456565", Grad, "x", Elementary), // sweep tanh: 0.3846653137968819 vs 0.38466531379688174
        new("tanh(x)", "x=1.0567913774456565", Hess, "x,x", Elementary), // sweep tanh: -0.6034881138387332 vs -0.6034881138387331
        new("tanh(x)", "x=1.0567913774456565", Fwd, "x", Elementary), // sweep tanh: 0.3846653137968819 vs 0.38466531379688174
        new("tanh(x)", "x=-1.0066564268397085", Val, "", Elementary), // sweep tanh: -0.7643755431256215 vs -0.7643755431256216
        new("tanh(x)", "x=-1.0066564268397085", Grad, "x", Elementary), // sweep tanh: 0.41573002907141116 vs 0.415730029071411
        new("tanh(x)", "x=-1.0066564268397085", Hess, "x,x", Elementary), // sweep tanh: 0.6355477335301807 vs 0.6355477335301805
        new("tanh(x)", "x=-1.0066564268397085", Fwd, "x", Elementary), // sweep tanh: 0.41573002907141116 vs 0.415730029071411
        new("tanh(x)", "x=0.050300583706025415", Val, "", Elementary), // sweep tanh: 0.05025820394383657 vs 0.050258203943836566
        new("tanh(x)", "x=0.050300583706025415", Hess, "x,x", Elementary), // sweep tanh: -0.10026251479330407 vs -0.10026251479330406
        new("tanh(x)", "x=-0.3314944334767942", Val, "", Elementary), // sweep tanh: -0.31986295202048265 vs -0.3198629520204827
        new("tanh(x)", "x=-0.3314944334767942", Hess, "x,x", Elementary), // sweep tanh: 0.5742740702630034 vs 0.5742740702630035
        new("exp(x)", "x=1.6650834769921428", Val, "", Elementary), // sweep exp: 5.286114500281979 vs 5.28611450028198
        new("exp(x)", "x=1.6650834769921428", Grad, "x", Elementary), // sweep exp: 5.286114500281979 vs 5.28611450028198
        new("exp(x)", "x=1.6650834769921428", Hess, "x,x", Elementary), // sweep exp: 5.286114500281979 vs 5.28611450028198
        new("exp(x)", "x=1.6650834769921428", Fwd, "x", Elementary), // sweep exp: 5.286114500281979 vs 5.28611450028198
        new("exp(x)", "x=-0.417118336257551", Val, "", Elementary), // sweep exp: 0.6589429384889144 vs 0.6589429384889145
        new("exp(x)", "x=-0.417118336257551", Grad, "x", Elementary), // sweep exp: 0.6589429384889144 vs 0.6589429384889145
        new("exp(x)", "x=-0.417118336257551", Hess, "x,x", Elementary), // sweep exp: 0.6589429384889144 vs 0.6589429384889145
        new("exp(x)", "x=-0.417118336257551", Fwd, "x", Elementary), // sweep exp: 0.6589429384889144 vs 0.6589429384889145
        new("exp(x)", "x=17.527033470352816", Val, "", Elementary), // sweep exp: 40916070.6944714 vs 40916070.694471404
        new("exp(x)", "x=17.527033470352816", Grad, "x", Elementary), // sweep exp: 40916070.6944714 vs 40916070.694471404
        new("exp(x)", "x=17.527033470352816", Hess, "x,x", Elementary), // sweep exp: 40916070.6944714 vs 40916070.694471404
        new("exp(x)", "x=17.527033470352816", Fwd, "x", Elementary), // sweep exp: 40916070.6944714 vs 40916070.694471404
        new("exp(x)", "x=2.4221030549573577", Val, "", Elementary), // sweep exp: 11.269534861825845 vs 11.269534861825843
        new("exp(x)", "x=2.4221030549573577", Grad, "x", Elementary), // sweep exp: 11.269534861825845 vs 11.269534861825843
        new("exp(x)", "x=2.4221030549573577", Hess, "x,x", Elementary), // sweep exp: 11.269534861825845 vs 11.269534861825843
        new("exp(x)", "x=2.4221030549573577", Fwd, "x", Elementary), // sweep exp: 11.269534861825845 vs 11.269534861825843
        new("sin(x)", "x=0.063523206946003", Grad, "x", Elementary), // sweep sin: 0.9979830794492919 vs 0.997983079449292
        new("sin(x)", "x=0.063523206946003", Fwd, "x", Elementary), // sweep sin: 0.9979830794492919 vs 0.997983079449292
        new("sin(x)", "x=-2.9829769636973418", Grad, "x", Elementary), // sweep sin: -0.9874468831901054 vs -0.9874468831901053
        new("sin(x)", "x=-2.9829769636973418", Fwd, "x", Elementary), // sweep sin: -0.9874468831901054 vs -0.9874468831901053
        new("sin(x)", "x=14.955953450346783", Val, "", Elementary), // sweep sin: 0.6831079435072728 vs 0.6831079435072729
        new("sin(x)", "x=14.955953450346783", Hess, "x,x", Elementary), // sweep sin: -0.6831079435072728 vs -0.6831079435072729
        new("cos(x)", "x=0.36538691324810646", Val, "", Elementary), // sweep cos: 0.9339855828371514 vs 0.9339855828371515
        new("cos(x)", "x=0.36538691324810646", Hess, "x,x", Elementary), // sweep cos: -0.9339855828371514 vs -0.9339855828371515
        new("cos(x)", "x=0.06720943602029322", Val, "", Elementary), // sweep cos: 0.9977422959047202 vs 0.9977422959047203
        new("cos(x)", "x=0.06720943602029322", Hess, "x,x", Elementary), // sweep cos: -0.9977422959047202 vs -0.9977422959047203
        new("cos(x)", "x=2.8661307037809385", Grad, "x", Elementary), // sweep cos: -0.27199150010264644 vs -0.2719915001026464
        new("cos(x)", "x=2.8661307037809385", Fwd, "x", Elementary), // sweep cos: -0.27199150010264644 vs -0.2719915001026464
        new("cos(x)", "x=-0.6774429282652199", Grad, "x", Elementary), // sweep cos: 0.6268026612475134 vs 0.6268026612475135
        new("cos(x)", "x=-0.6774429282652199", Fwd, "x", Elementary), // sweep cos: 0.6268026612475134 vs 0.6268026612475135
        new("gelu(x)", "x=-1.1201777712972454", Val, "", Elementary), // sweep gelu: -0.14710063285329056 vs -0.1471006328532905
        new("gelu(x)", "x=-1.1201777712972454", Grad, "x", Elementary), // sweep gelu: -0.10730879451626643 vs -0.10730879451626649
        new("gelu(x)", "x=-1.1201777712972454", Fwd, "x", Elementary), // sweep gelu: -0.10730879451626643 vs -0.10730879451626649
        new("gelu(x)", "x=-0.6068929134126329", Val, "", Elementary), // sweep gelu: -0.16505119796957635 vs -0.16505119796957637
        new("gelu(x)", "x=-0.6068929134126329", Grad, "x", Elementary), // sweep gelu: 0.07056877697522557 vs 0.07056877697522562
        new("gelu(x)", "x=-0.6068929134126329", Fwd, "x", Elementary), // sweep gelu: 0.07056877697522557 vs 0.07056877697522562
        new("log1p(x)", "x=-0.5876697301319811", Val, "", Elementary), // sweep log1p: -0.885930624869791 vs -0.8859306248697911
        new("log1p(x)", "x=0.918430687505357", Val, "", Elementary), // sweep log1p: 0.6515075015692168 vs 0.6515075015692167
        new("log1p(x)", "x=-0.9885953927484827", Val, "", Elementary), // sweep log1p: -4.473737860356294 vs -4.473737860356293
        new("expm1(x)", "x=-2.5749146768842888", Val, "", Elementary), // sweep expm1: -0.923839679242746 vs -0.9238396792427461
        new("expm1(x)", "x=-2.5749146768842888", Grad, "x", Elementary), // sweep expm1: 0.07616032075725399 vs 0.07616032075725387
        new("expm1(x)", "x=-2.5749146768842888", Hess, "x,x", Elementary), // sweep expm1: 0.07616032075725399 vs 0.07616032075725387
        new("expm1(x)", "x=-2.5749146768842888", Fwd, "x", Elementary), // sweep expm1: 0.07616032075725399 vs 0.07616032075725387
        new("expm1(x)", "x=2.8789709025136094", Val, "", Elementary), // sweep expm1: 16.79594998565469 vs 16.795949985654694
        new("expm1(x)", "x=2.8789709025136094", Grad, "x", Elementary), // sweep expm1: 17.79594998565469 vs 17.795949985654694
        new("expm1(x)", "x=2.8789709025136094", Hess, "x,x", Elementary), // sweep expm1: 17.79594998565469 vs 17.795949985654694
        new("expm1(x)", "x=2.8789709025136094", Fwd, "x", Elementary), // sweep expm1: 17.79594998565469 vs 17.795949985654694
        new("expm1(x)", "x=-1.8717842451084057", Val, "", Elementary), // sweep expm1: -0.8461510873916983 vs -0.8461510873916982
        new("expm1(x)", "x=-1.8717842451084057", Grad, "x", Elementary), // sweep expm1: 0.1538489126083017 vs 0.1538489126083018
        new("expm1(x)", "x=-1.8717842451084057", Hess, "x,x", Elementary), // sweep expm1: 0.1538489126083017 vs 0.1538489126083018
        new("expm1(x)", "x=-1.8717842451084057", Fwd, "x", Elementary), // sweep expm1: 0.1538489126083017 vs 0.1538489126083018
        new("expm1(x)", "x=-1.0133416551631131", Val, "", Elementary), // sweep expm1: -0.6369960833707059 vs -0.6369960833707058
        new("expm1(x)", "x=-1.0133416551631131", Grad, "x", Elementary), // sweep expm1: 0.3630039166292941 vs 0.3630039166292942
        new("expm1(x)", "x=-1.0133416551631131", Hess, "x,x", Elementary), // sweep expm1: 0.3630039166292941 vs 0.3630039166292942
        new("expm1(x)", "x=-1.0133416551631131", Fwd, "x", Elementary), // sweep expm1: 0.3630039166292941 vs 0.3630039166292942
        new("expm1(x)", "x=2.025328208440877", Val, "", Elementary), // sweep expm1: 6.578597896294835 vs 6.578597896294834
        new("expm1(x)", "x=2.025328208440877", Grad, "x", Elementary), // sweep expm1: 7.578597896294835 vs 7.578597896294834
        new("expm1(x)", "x=2.025328208440877", Hess, "x,x", Elementary), // sweep expm1: 7.578597896294835 vs 7.578597896294834
        new("expm1(x)", "x=2.025328208440877", Fwd, "x", Elementary), // sweep expm1: 7.578597896294835 vs 7.578597896294834
        new("atan(x)", "x=-1.2702706411954652", Val, "", Elementary), // sweep atan: -0.90388826447747 vs -0.9038882644774698
        new("atan(x)", "x=-1.5102603500959988", Val, "", Elementary), // sweep atan: -0.9859358639040114 vs -0.9859358639040116
        new("atan(atan(max(y, x)))", "y=0.0636264399422522, x=-22.36730324329705", Val, "", Elementary), // random: 0.06345548044446538 vs 0.06345548044446536
        new("cos(exp(x))", "x=-1.4193378628530244", Val, "", Elementary), // random: 0.9708907865842639 vs 0.970890786584264
        new("expm1(x / x)", "x=-1.051434809989852", Val, "", Elementary), // random: 1.7182818284590453 vs 1.718281828459045
        new("gelu(abs(x * x)) * (expm1(x / x) + ((x * x) * gelu(x)))", "x=-0.016215365988748218", Val, "", Elementary), // random: 0.00022594799059577793 vs 0.0002259479905957779
        new("atan(gelu(leaky_relu(x))) - log1p((x / x) * x)", "x=0.14398554749530312", Val, "", Elementary), // random: -0.054454682326905895 vs -0.05445468232690591
        new("log(gelu(min(2, x)) ** exp(exp(x)))", "x=1.8583214218437192", Val, "", Elementary), // random: 358.2602047186245 vs 358.2602047186248
        new("exp(y)", "y=-1.1477902792322054", Val, "", Elementary), // random: 0.317337221841356 vs 0.31733722184135593
        new("exp(y)", "y=-1.1477902792322054", Grad, "y", Elementary), // random: 0.317337221841356 vs 0.31733722184135593
        new("exp(y)", "y=-1.1477902792322054", Hess, "y,y", Elementary), // random: 0.317337221841356 vs 0.31733722184135593
        new("exp(y)", "y=-1.1477902792322054", Fwd, "y", Elementary), // random: 0.317337221841356 vs 0.31733722184135593
        new("tanh(log1p(softplus(atan(y))))", "y=-0.08247623178414645", Val, "", Elementary), // random: 0.4640810872011856 vs 0.46408108720118557
        new("log(x)", "x=1.6544163096033921", Val, "", Elementary), // random: 0.503448263602645 vs 0.5034482636026452
        new("log1p(gelu(x))", "x=-0.3290944651030103", Val, "", Elementary), // random: -0.13023160389725524 vs -0.13023160389725527
        new("max(elu(x), cos(x))", "x=0.48476203165326925", Val, "", Elementary), // random: 0.8847858668909117 vs 0.8847858668909118
        new("(x * (x + x)) ** log1p(tanh(x))", "x=-0.9533699714706421", Val, "", Elementary), // random: 0.44571488604725845 vs 0.4457148860472586
        new("log1p(log1p(x))", "x=2.2588371758841923", Val, "", Elementary), // random: 0.7799533202220604 vs 0.7799533202220603
        new("tanh(x) ** -1", "x=-0.7375059138740965", Val, "", Elementary), // random: -1.5932803631377952 vs -1.593280363137795
        new("tanh(exp(x * 2) + ((x / y) / (y - x)))", "x=-1.2061857097373379, y=-1.8495479997345345", Val, "", Elementary), // random: -0.7278119600714841 vs -0.727811960071484
        new("expm1(cos(y) ** 1) - (((x / x) ** -0.5) / (tanh(x) + (y * y)))", "y=1.1074663666240419, x=-0.2793941863696747", Val, "", Elementary), // random: -0.4845630112696876 vs -0.4845630112696877
        new("sin(atan(x))", "x=-17.711816351219262", Val, "", Elementary), // random: -0.9984099637499693 vs -0.9984099637499694
        new("tanh(x) - expm1(x)", "x=-0.5775028827007924", Val, "", Elementary), // random: -0.08214635022037758 vs -0.08214635022037753
        new("min(tanh(x) / atan(x), abs((-2.5) + y))", "x=0.04061778055139151, y=1.0953162803356689", Val, "", Elementary), // random: 0.9999998188420672 vs 0.9999998188420671
        new("((tanh(x) / elu(x)) ** 2) ** -3", "x=-0.014233230776520611", Val, "", Elementary), // random: 0.9586359449353634 vs 0.9586359449353647
        new("tanh((softplus(x) + expm1(x)) - gelu(softplus(x)))", "x=-9.71812820741874", Val, "", Elementary), // random: -0.761556241649612 vs -0.7615562416496121
        new("relu(cos(softplus(sin(x))))", "x=-1.4732692673659553", Val, "", Elementary), // random: 0.9509382006842163 vs 0.9509382006842164
        new("tanh(x)", "x=-0.08234998202517783", Val, "", Elementary), // random: -0.0821643329313747 vs -0.08216433293137472
        new("tanh(x)", "x=-0.08234998202517783", Hess, "x,x", Elementary), // random: 0.16321928671947664 vs 0.16321928671947666
        new("((atan(x) ** 4) + log1p(-x)) - x", "x=-2.2621906772690448", Val, "", Elementary), // random: 5.221586856319041 vs 5.221586856319039
        new("(abs(sigmoid(x)) * ((x ** -2) / (x ** 1.5))) / (((x - x) - log1p(x)) * ((x * x) * x))", "x=2.308132124191145", Val, "", Elementary), // random: -0.003309489049047851 vs -0.00330948904904785
        new("atan(min(x, tanh(softplus(x))))", "x=-0.11374531165735435", Val, "", Elementary), // random: -0.11325853936193749 vs -0.11325853936193747
        new("tanh(min(x, tanh(3)))", "x=-0.7877405136777904", Val, "", Elementary), // random: -0.6571271376536469 vs -0.657127137653647
        new("cos(y)", "y=-2.2429960244020144", Grad, "y", Elementary), // random: 0.7824537892664457 vs 0.7824537892664458
        new("cos(y)", "y=-2.2429960244020144", Fwd, "y", Elementary), // random: 0.7824537892664457 vs 0.7824537892664458
        new("log1p(x)", "x=1.3857369542339502", Val, "", Elementary), // random: 0.8695080720969642 vs 0.8695080720969641
        new("-elu(min(min(x, x), log1p(x)))", "x=-0.09722038447552378", Val, "", Elementary), // random: 0.09722038447552384 vs 0.09722038447552372
        new("exp(cos(y))", "y=-2.8318142962745645", Val, "", Elementary), // random: 0.38581351018174936 vs 0.3858135101817494
        new("(log1p(x / y) * ((x ** -2) - (-0.1))) ** 1", "x=-0.8890194420598023, y=-0.8592348271920249", Val, "", Elementary), // random: 0.9697814102476037 vs 0.9697814102476038
        new("cos(y)", "y=-0.09693564919257934", Val, "", Elementary), // random: 0.9953054177469292 vs 0.995305417746929
        new("cos(y)", "y=-0.09693564919257934", Hess, "y,y", Elementary), // random: -0.9953054177469292 vs -0.995305417746929
        new("sin(sigmoid(max(y, x)))", "y=0.08591947460774296, x=0.15854164723165454", Val, "", Elementary), // random: 0.5137522003019525 vs 0.5137522003019526
        new("tanh(abs(x))", "x=-1.197281959388065", Val, "", Elementary), // random: 0.832823669494058 vs 0.8328236694940578
        new("cos(x)", "x=-14.25976574373032", Grad, "x", Elementary), // random: 0.9924941752102466 vs 0.9924941752102465
        new("cos(x)", "x=-14.25976574373032", Fwd, "x", Elementary), // random: 0.9924941752102466 vs 0.9924941752102465
        new("tanh(log1p(sigmoid(y)))", "y=-0.005544334064735895", Val, "", Elementary), // random: 0.38382738161129565 vs 0.3838273816112956
        new("log1p(max(max(2, x), 0.5 + x))", "x=-2.8180306923992102", Val, "", Elementary), // random: 1.0986122886681098 vs 1.0986122886681096
        new("tanh(x) / sin(y)", "x=-0.07085422373128392, y=0.07144173094010389", Val, "", Elementary), // random: -0.9909628124391067 vs -0.9909628124391069
        new("expm1((y ** -2) ** (x * y))", "y=0.6183008045759779, x=1.4265348617113052", Val, "", Elementary), // random: 9.33213702651119 vs 9.332137026511187
        new("tanh(x) - min(min(x, x), -x)", "x=0.4848967071747916", Val, "", Elementary), // random: 0.9350533451202409 vs 0.935053345120241
        new("log1p(x)", "x=-0.260333843736114", Val, "", Elementary), // random: -0.30155633476220906 vs -0.3015563347622091
        new("leaky_relu(expm1(x / x) + (x + min(x, -1)))", "x=0.19813751880707464", Val, "", Elementary), // random: 0.91641934726612 vs 0.9164193472661197
        new("tanh(min(x, x))", "x=-0.302582892963815", Val, "", Elementary), // random: -0.2936745308422443 vs -0.2936745308422444
        new("max(elu(y * y) ** sqrt(exp(y)), expm1(max(y * y, exp(x))))", "y=1.965294099789718, x=0.727210018049405", Val, "", Elementary), // random: 46.578496200457955 vs 46.57849620045795
        new("log1p(softplus(elu(x) / (x / x)))", "x=-0.06188916479195328", Val, "", Elementary), // random: 0.5089784223845869 vs 0.508978422384587
        new("tanh(y + x) * (min(y, x) / x)", "y=-0.7224055881501483, x=0.43414049423601675", Val, "", Elementary), // random: 0.4668112318111068 vs 0.4668112318111069
        new("-min(y / y, expm1(x))", "y=26.708718268803846, x=-1.3692442643641292", Val, "", Elementary), // random: 0.7457009301793985 vs 0.7457009301793986

        // FormulaOrder
        new("sigmoid(x)", "x=-20", Hess, "x,x", FormulaOrder), // unary sigmoid: 2.061153605445141E-09 vs 2.0611536054451413E-09
        new("softplus(x)", "x=0.5", Hess, "x,x", FormulaOrder), // unary softplus: 0.2350037122015945 vs 0.23500371220159444
        new("softplus(x)", "x=1", Hess, "x,x", FormulaOrder), // unary softplus: 0.19661193324148185 vs 0.1966119332414818
        new("softplus(x)", "x=-1", Hess, "x,x", FormulaOrder), // unary softplus: 0.19661193324148185 vs 0.19661193324148188
        new("softplus(x)", "x=2", Hess, "x,x", FormulaOrder), // unary softplus: 0.10499358540350662 vs 0.10499358540350653
        new("softplus(x)", "x=-2", Hess, "x,x", FormulaOrder), // unary softplus: 0.1049935854035065 vs 0.10499358540350652
        new("softplus(x)", "x=-20", Hess, "x,x", FormulaOrder), // unary softplus: 2.0611536139418496E-09 vs 2.061153613941849E-09
        new("gelu(x)", "x=0.5", Hess, "x,x", FormulaOrder), // unary gelu: 0.6161143218375241 vs 0.616114321837524
        new("gelu(x)", "x=-0.5", Hess, "x,x", FormulaOrder), // unary gelu: 0.6161143218375241 vs 0.616114321837524
        new("gelu(x)", "x=1", Hess, "x,x", FormulaOrder), // unary gelu: 0.24197072451914337 vs 0.2419707245191433
        new("gelu(x)", "x=-1", Hess, "x,x", FormulaOrder), // unary gelu: 0.24197072451914337 vs 0.2419707245191433
        new("gelu(x)", "x=2", Hess, "x,x", FormulaOrder), // unary gelu: -0.10798193302637613 vs -0.10798193302637615
        new("gelu(x)", "x=-2", Hess, "x,x", FormulaOrder), // unary gelu: -0.10798193302637613 vs -0.10798193302637615
        new("gelu(x)", "x=20.5", Hess, "x,x", FormulaOrder), // unary gelu: -9.25162467023071E-90 vs -9.251624670230712E-90
        new("sigmoid(x)", "x=-0.44197056349995734", Hess, "x,x", FormulaOrder), // sweep sigmoid: 0.05179348780499053 vs 0.051793487804990525
        new("sigmoid(x)", "x=-0.4249834167141664", Hess, "x,x", FormulaOrder), // sweep sigmoid: 0.05004373464674203 vs 0.05004373464674204
        new("sigmoid(x)", "x=-2.291362224861399", Hess, "x,x", FormulaOrder), // sweep sigmoid: 0.06808594192847037 vs 0.06808594192847038
        new("sigmoid(x)", "x=-0.6234940931291022", Hess, "x,x", FormulaOrder), // sweep sigmoid: 0.0686187495704436 vs 0.06861874957044362
        new("sigmoid(x)", "x=-0.0033195752012463303", Hess, "x,x", FormulaOrder), // sweep sigmoid: 0.00041494537597925674 vs 0.0004149453759792706
        new("sigmoid(x)", "x=-2.8873710989033823", Hess, "x,x", FormulaOrder), // sweep sigmoid: 0.04471785444060446 vs 0.044717854440604464
        new("sigmoid(x)", "x=-1.0751215682235413", Hess, "x,x", FormulaOrder), // sweep sigmoid: 0.09316694172603686 vs 0.09316694172603687
        new("sigmoid(x)", "x=-0.33611972694833314", Hess, "x,x", FormulaOrder), // sweep sigmoid: 0.04046998469585377 vs 0.040469984695853764
        new("sigmoid(x)", "x=-0.02241312268045466", Hess, "x,x", FormulaOrder), // sweep sigmoid: 0.0028011712522617994 vs 0.0028011712522618133
        new("sigmoid(x)", "x=-2.9021929682817333", Hess, "x,x", FormulaOrder), // sweep sigmoid: 0.0442010859500681 vs 0.044201085950068095
        new("sigmoid(x)", "x=-0.19224750080927322", Hess, "x,x", FormulaOrder), // sweep sigmoid: 0.023737193958434908 vs 0.023737193958434898
        new("softplus(x)", "x=-0.9094939759970897", Hess, "x,x", FormulaOrder), // sweep softplus: 0.2046750362480199 vs 0.20467503624801991
        new("softplus(x)", "x=2.2003708094317425", Hess, "x,x", FormulaOrder), // sweep softplus: 0.08977367622342458 vs 0.08977367622342465
        new("softplus(x)", "x=-2.8038311796629065", Hess, "x,x", FormulaOrder), // sweep softplus: 0.0538550884893529 vs 0.053855088489352894
        new("softplus(x)", "x=-2.753040128592385", Hess, "x,x", FormulaOrder), // sweep softplus: 0.05632535523397229 vs 0.056325355233972293
        new("softplus(x)", "x=-2.7870457564666338", Hess, "x,x", FormulaOrder), // sweep softplus: 0.05466095129718063 vs 0.054660951297180634
        new("softplus(x)", "x=-0.5420479187759186", Hess, "x,x", FormulaOrder), // sweep softplus: 0.23249970326361732 vs 0.23249970326361738
        new("softplus(x)", "x=-2.9846082680974777", Hess, "x,x", FormulaOrder), // sweep softplus: 0.04580996402709671 vs 0.0458099640270967
        new("softplus(x)", "x=0.0034216570594078066", Hess, "x,x", FormulaOrder), // sweep softplus: 0.2499992682678633 vs 0.24999926826786334
        new("softplus(x)", "x=0.01731548054840419", Hess, "x,x", FormulaOrder), // sweep softplus: 0.2499812618197083 vs 0.24998126181970834
        new("softplus(x)", "x=-0.07650524209714236", Hess, "x,x", FormulaOrder), // sweep softplus: 0.2496345408064978 vs 0.24963454080649783
        new("softplus(x)", "x=2.6560563714570398", Hess, "x,x", FormulaOrder), // sweep softplus: 0.06131115567498448 vs 0.06131115567498443
        new("softplus(x)", "x=-18.921186948868005", Hess, "x,x", FormulaOrder), // sweep softplus: 6.0622370125769076E-09 vs 6.062237012576906E-09
        new("softplus(x)", "x=13.575305800354489", Hess, "x,x", FormulaOrder), // sweep softplus: 1.271506241381574E-06 vs 1.2715062414778838E-06
        new("softplus(x)", "x=-1.926069683921692", Hess, "x,x", FormulaOrder), // sweep softplus: 0.11100990423434076 vs 0.11100990423434075
        new("softplus(x)", "x=-1.984373155312535", Hess, "x,x", FormulaOrder), // sweep softplus: 0.10624787730801229 vs 0.10624787730801231
        new("softplus(x)", "x=2.8445832395239545", Hess, "x,x", FormulaOrder), // sweep softplus: 0.051941172150503985 vs 0.05194117215050411
        new("softplus(x)", "x=0.016364233141425433", Hess, "x,x", FormulaOrder), // sweep softplus: 0.24998326398906165 vs 0.24998326398906162
        new("softplus(x)", "x=1.7898575659768756", Hess, "x,x", FormulaOrder), // sweep softplus: 0.12261538552344367 vs 0.12261538552344349
        new("softplus(x)", "x=2.1016685464986384", Hess, "x,x", FormulaOrder), // sweep softplus: 0.09706797263276634 vs 0.0970679726327663
        new("softplus(x)", "x=2.9234718733417413", Hess, "x,x", FormulaOrder), // sweep softplus: 0.04840383724285003 vs 0.04840383724285006
        new("softplus(x)", "x=-0.967669581433122", Hess, "x,x", FormulaOrder), // sweep softplus: 0.1995302422548261 vs 0.19953024225482607
        new("softplus(x)", "x=1.817402140616216", Hess, "x,x", FormulaOrder), // sweep softplus: 0.12021697447741934 vs 0.12021697447741932
        new("softplus(x)", "x=1.2629958475603775", Hess, "x,x", FormulaOrder), // sweep softplus: 0.17185660840891195 vs 0.1718566084089119
        new("softplus(x)", "x=-0.047485629851421865", Hess, "x,x", FormulaOrder), // sweep softplus: 0.24985912263154694 vs 0.249859122631547
        new("softplus(x)", "x=1.0633406367137308", Hess, "x,x", FormulaOrder), // sweep softplus: 0.19079127633708498 vs 0.190791276337085
        new("softplus(x)", "x=-2.781295966010192", Hess, "x,x", FormulaOrder), // sweep softplus: 0.05493937278617491 vs 0.0549393727861749
        new("softplus(x)", "x=-19.149071768880077", Hess, "x,x", FormulaOrder), // sweep softplus: 4.826849891005439E-09 vs 4.8268498910054375E-09
        new("softplus(x)", "x=1.0647069795189967", Hess, "x,x", FormulaOrder), // sweep softplus: 0.19066438584040715 vs 0.19066438584040712
        new("softplus(x)", "x=0.701742492404021", Hess, "x,x", FormulaOrder), // sweep softplus: 0.22158280926157528 vs 0.22158280926157534
        new("softplus(x)", "x=2.796759870530166", Hess, "x,x", FormulaOrder), // sweep softplus: 0.0541933231917955 vs 0.05419332319179549
        new("softplus(x)", "x=2.589103804219655", Hess, "x,x", FormulaOrder), // sweep softplus: 0.06496493964296972 vs 0.06496493964296969
        new("softplus(x)", "x=-0.6260637857802642", Hess, "x,x", FormulaOrder), // sweep softplus: 0.22701853069448977 vs 0.2270185306944898
        new("softplus(x)", "x=1.8621445874955214", Hess, "x,x", FormulaOrder), // sweep softplus: 0.11637559446933853 vs 0.1163755944693385
        new("softplus(x)", "x=1.2791048232341256", Hess, "x,x", FormulaOrder), // sweep softplus: 0.17030820109855882 vs 0.17030820109855876
        new("softplus(x)", "x=16.426982017804406", Hess, "x,x", FormulaOrder), // sweep softplus: 7.342640944576929E-08 vs 7.342640954222586E-08
        new("gelu(x)", "x=-1.7035295962551602", Hess, "x,x", FormulaOrder), // sweep gelu: -0.08432546970420698 vs -0.08432546970420701
        new("gelu(x)", "x=0.8376310906932463", Hess, "x,x", FormulaOrder), // sweep gelu: 0.3647151566500175 vs 0.3647151566500176
        new("gelu(x)", "x=1.4997034155467075", Hess, "x,x", FormulaOrder), // sweep gelu: -0.03227852694438793 vs -0.032278526944387986
        new("gelu(x)", "x=-1.7837002940428788", Hess, "x,x", FormulaOrder), // sweep gelu: -0.09605122140895922 vs -0.09605122140895919
        new("gelu(x)", "x=-7.370420622350937", Hess, "x,x", FormulaOrder), // sweep gelu: -3.338045224646578E-11 vs -3.3380452246465787E-11
        new("gelu(x)", "x=-3.9226632712851552", Hess, "x,x", FormulaOrder), // sweep gelu: -0.0024338605771711576 vs -0.0024338605771711585
        new("gelu(x)", "x=-1.8125971611213687", Hess, "x,x", FormulaOrder), // sweep gelu: -0.09920782050705876 vs -0.09920782050705881
        new("gelu(x)", "x=-2.7699704973544335", Hess, "x,x", FormulaOrder), // sweep gelu: -0.04881902565007777 vs -0.04881902565007776
        new("gelu(x)", "x=1.217746135778075", Hess, "x,x", FormulaOrder), // sweep gelu: 0.09828132130863071 vs 0.09828132130863068
        new("gelu(x)", "x=10.972302673132624", Hess, "x,x", FormulaOrder), // sweep gelu: -3.400668806601859E-25 vs -3.4006688066018587E-25
        new("gelu(x)", "x=19.534586473098067", Hess, "x,x", FormulaOrder), // sweep gelu: -2.074121954126821E-81 vs -2.0741219541268214E-81
        new("gelu(x)", "x=-0.8441702867568246", Hess, "x,x", FormulaOrder), // sweep gelu: 0.35964285041132604 vs 0.359642850411326
        new("gelu(x)", "x=1.2244948733675631", Hess, "x,x", FormulaOrder), // sweep gelu: 0.09436776843089323 vs 0.09436776843089312
        new("gelu(x)", "x=1.4861165419315112", Hess, "x,x", FormulaOrder), // sweep gelu: -0.0275756336068676 vs -0.027575633606867572
        new("gelu(x)", "x=0.7299960750951904", Hess, "x,x", FormulaOrder), // sweep gelu: 0.4483890093161672 vs 0.44838900931616715
        new("gelu(x)", "x=-1.6917226485723138", Hess, "x,x", FormulaOrder), // sweep gelu: -0.08220922892697904 vs -0.08220922892697899
        new("gelu(x)", "x=-2.127615034608195", Hess, "x,x", FormulaOrder), // sweep gelu: -0.10483378357104044 vs -0.10483378357104042
        new("gelu(x)", "x=1.6164419364403537", Hess, "x,x", FormulaOrder), // sweep gelu: -0.06620763282074107 vs -0.06620763282074102
        new("gelu(x)", "x=0.0712687323005387", Hess, "x,x", FormulaOrder), // sweep gelu: 0.7938396302551555 vs 0.7938396302551554
        new("gelu(x)", "x=-0.9210656697177111", Hess, "x,x", FormulaOrder), // sweep gelu: 0.30061220133633615 vs 0.3006122013363362
        new("gelu(x)", "x=-0.03317766279359631", Hess, "x,x", FormulaOrder), // sweep gelu: 0.7970066459913924 vs 0.7970066459913925
        new("gelu(x)", "x=-0.9119238535459822", Hess, "x,x", FormulaOrder), // sweep gelu: 0.3075522841257504 vs 0.3075522841257505
        new("gelu(x)", "x=19.21700388044508", Hess, "x,x", FormulaOrder), // sweep gelu: -9.438766326124609E-79 vs -9.43876632612461E-79
        new("gelu(x)", "x=-1.3973569579259104", Hess, "x,x", FormulaOrder), // sweep gelu: 0.007122394673518551 vs 0.007122394673518495
        new("gelu(x)", "x=1.480497138995637", Hess, "x,x", FormulaOrder), // sweep gelu: -0.0255836354415378 vs -0.025583635441537855
        new("gelu(x)", "x=-1.4682250531545251", Hess, "x,x", FormulaOrder), // sweep gelu: -0.021137581226461588 vs -0.021137581226461644
        new("gelu(x)", "x=-7.602154193894372", Hess, "x,x", FormulaOrder), // sweep gelu: -6.2798889209962055E-12 vs -6.279888920996206E-12
        new("gelu(x)", "x=-0.9908978325099289", Hess, "x,x", FormulaOrder), // sweep gelu: 0.24859790130915566 vs 0.2485979013091556
        new("gelu(x)", "x=-2.4508571816789395", Hess, "x,x", FormulaOrder), // sweep gelu: -0.07931557171690756 vs -0.07931557171690758
        new("gelu(x)", "x=-1.0028277154389293", Hess, "x,x", FormulaOrder), // sweep gelu: 0.23991999353354468 vs 0.2399199935335447
        new("gelu(x)", "x=9.888404117505699", Hess, "x,x", FormulaOrder), // sweep gelu: -2.2357009925484415E-20 vs -2.235700992548442E-20
        new("softplus(y)", "y=19.760488578229932", Hess, "y,y", FormulaOrder), // random: 2.6189599309467472E-09 vs 2.6189599171686272E-09
        new("gelu(x)", "x=10.280301568916709", Hess, "x,x", FormulaOrder), // random: -4.650556737781172E-22 vs -4.650556737781171E-22
        new("softplus(x)", "x=-0.5327252638870279", Hess, "x,x", FormulaOrder), // random: 0.23306917286312726 vs 0.23306917286312728
        new("gelu(x)", "x=-1.2394749071565077", Hess, "x,x", FormulaOrder), // random: 0.08581162188461305 vs 0.08581162188461297
        new("softplus(x)", "x=-1.1927434008377822", Hess, "x,x", FormulaOrder), // random: 0.17858740013031374 vs 0.1785874001303138
        new("softplus(x)", "x=0.028671770941337105", Hess, "x,x", FormulaOrder), // random: 0.24994862763570472 vs 0.24994862763570475
        new("softplus(x)", "x=-0.00406680851304822", Hess, "x,x", FormulaOrder), // random: 0.24999896631963175 vs 0.24999896631963173
        new("softplus(x)", "x=2.137057234701185", Hess, "x,x", FormulaOrder), // random: 0.09440673934717358 vs 0.09440673934717363
        new("softplus(y)", "y=1.1817325542673771", Hess, "y,y", FormulaOrder), // random: 0.1796375681570181 vs 0.17963756815701812
        new("gelu(x)", "x=1.7974724506875877", Hess, "x,x", FormulaOrder), // random: -0.09762314509806955 vs -0.09762314509806957
        new("softplus(x)", "x=1.1381000222081967", Hess, "x,x", FormulaOrder), // random: 0.1837809468486407 vs 0.18378094684864063
        new("softplus(x)", "x=-1.6666852105103394", Hess, "x,x", FormulaOrder), // random: 0.1336280217492931 vs 0.13362802174929314
        new("gelu(x)", "x=0.13101697594659356", Hess, "x,x", FormulaOrder), // random: 0.7842763415140769 vs 0.7842763415140768
        new("gelu(x)", "x=-0.7140988495145111", Hess, "x,x", FormulaOrder), // random: 0.4606628595616048 vs 0.46066285956160474
        new("softplus(x)", "x=1.7505004055460534", Hess, "x,x", FormulaOrder), // random: 0.1260848014887098 vs 0.12608480148870982
        new("gelu(y)", "y=0.5476116621155356", Hess, "y,y", FormulaOrder), // random: 0.5838109294828575 vs 0.5838109294828574
        new("gelu(y)", "y=-7.896823300318579", Hess, "y,y", FormulaOrder), // random: -6.924613097125146E-13 vs -6.924613097125147E-13
        new("sigmoid(x)", "x=-2.815563185184539", Hess, "x,x", FormulaOrder), // random: 0.047276452698856775 vs 0.04727645269885677
        new("softplus(x)", "x=2.7255099729455763", Hess, "x,x", FormulaOrder), // random: 0.05770437327544229 vs 0.05770437327544215
        new("softplus(y)", "y=0.0716120855390657", Hess, "y,y", FormulaOrder), // random: 0.24967975557813554 vs 0.24967975557813551
        new("sigmoid(y)", "y=-1.0848295382094828", Hess, "y,y", FormulaOrder), // random: 0.09341580317313261 vs 0.09341580317313262
        new("gelu(y)", "y=1.309407663056211", Hess, "y,y", FormulaOrder), // random: 0.04832068075514284 vs 0.048320680755142814
        new("gelu(x)", "x=-1.7360383327596252", Hess, "x,x", FormulaOrder), // random: -0.08962520110901787 vs -0.08962520110901791

        // Carried
        new("(((((x + y) + ((x + y) + 1)) + (1 + ((x + y) + ((x + y) + 1)) + -x)) - (((x * y + y ** 3) + ((x * y + y ** 3) * 2 + relu(y + x))) + (3 * ((x * y + y ** 3) + ((x * y + y ** 3) * 2 + relu(y + x))) + relu(y - x)))) ** 2) / 2.0 + 10.0 / (((((x + y) + ((x + y) + 1)) + (1 + ((x + y) + ((x + y) + 1)) + -x)) - (((x * y + y ** 3) + ((x * y + y ** 3) * 2 + relu(y + x))) + (3 * ((x * y + y ** 3) + ((x * y + y ** 3) * 2 + relu(y + x))) + relu(y - x)))) ** 2)", "x=-4, y=2", Hess, "y,x", Carried), // micrograd: 1989.7809246147435 vs 1989.7809246147438
        new("y / atan(tanh(y) / cos(x))", "y=28.38372010540939, x=2.4195821061024407", Fwd, "x", Carried), // random: -13.964743143593186 vs -13.964743143593187
        new("cos(exp(x))", "x=-1.4193378628530244", Hess, "x,x", Carried), // random: -0.11473442980757112 vs -0.11473442980757113
        new("gelu(atan(x) - min(x, x)) * x", "x=2.8211617121922377", Hess, "x,x", Carried), // random: 0.11026034171707541 vs 0.1102603417170755
        new("min(sigmoid(leaky_relu(y ** y)), (softplus(x) ** cos(y)) / (-x))", "y=1.6786216292928549, x=0.0029883105708799207", Grad, "y", Carried), // random: -126.06721880415913 vs -126.06721880415911
        new("min(sigmoid(leaky_relu(y ** y)), (softplus(x) ** cos(y)) / (-x))", "y=1.6786216292928549, x=0.0029883105708799207", Hess, "y,y", Carried), // random: -32.0206806016592 vs -32.02068060165919
        new("min(sigmoid(leaky_relu(y ** y)), (softplus(x) ** cos(y)) / (-x))", "y=1.6786216292928549, x=0.0029883105708799207", Hess, "y,x", Carried), // random: 42445.98587183586 vs 42445.98587183585
        new("min(sigmoid(leaky_relu(y ** y)), (softplus(x) ** cos(y)) / (-x))", "y=1.6786216292928549, x=0.0029883105708799207", Hess, "x,y", Carried), // random: 42445.98587183587 vs 42445.98587183586
        new("min(sigmoid(leaky_relu(y ** y)), (softplus(x) ** cos(y)) / (-x))", "y=1.6786216292928549, x=0.0029883105708799207", Fwd, "y", Carried), // random: -126.06721880415911 vs -126.0672188041591
        new("expm1((elu(x) + (y - y)) - sigmoid(y ** y))", "x=0.03402786639402203, y=2.92041324265987", Hess, "y,x", Carried), // random: -2.104996958447484E-09 vs -2.1049969584474835E-09
        new("min(atan(-(x ** -2)), max(max(x ** 0.3, x), -x))", "x=2.730529443247681", Fwd, "x", Carried), // random: 0.09650420140862714 vs 0.09650420140862713
        new("gelu(abs(x * x)) * (expm1(x / x) + ((x * x) * gelu(x)))", "x=-0.016215365988748218", Grad, "x", Carried), // random: -0.02787417442928152 vs -0.027874174429281518
        new("gelu(abs(x * x)) * (expm1(x / x) + ((x * x) * gelu(x)))", "x=-0.016215365988748218", Hess, "x,x", Carried), // random: 1.7204238284547109 vs 1.7204238284547102
        new("gelu(abs(x * x)) * (expm1(x / x) + ((x * x) * gelu(x)))", "x=-0.016215365988748218", Fwd, "x", Carried), // random: -0.027874174429281525 vs -0.02787417442928152
        new("relu(elu(sigmoid(y)) * sqrt(y * y))", "y=-2.762979211989972", Hess, "y,y", Carried), // random: 0.024286338395559784 vs 0.024286338395559798
        new("tanh(x) + max(sin(x), x)", "x=-19.445733837438198", Grad, "x", Carried), // random: 0.8274876922964666 vs 0.8274876922964667
        new("tanh(x) + max(sin(x), x)", "x=-19.445733837438198", Fwd, "x", Carried), // random: 0.8274876922964666 vs 0.8274876922964667
        new("max(min(sqrt(expm1(3)), (0.5 ** 3) + (x * x)), -max(leaky_relu(x), x))", "x=0.09978445996469423", Fwd, "x", Carried), // random: 0.1995689199293884 vs 0.19956891992938847
        new("(tanh((-1) * x) * relu(sin(-2.5))) + gelu(elu(sqrt(x)))", "x=0.1354605825205164", Hess, "x,x", Carried), // random: -2.6323398007282264 vs -2.632339800728227
        new("x ** x", "x=2.6703336201662244", Hess, "x,x", Carried), // random: 59.27966142377191 vs 59.27966142377192
        new("log1p(x) / tanh(expm1(x))", "x=-0.0038425991876241683", Hess, "x,x", Carried), // random: 2.0106406369741308 vs 2.0106406369886827
        new("log1p(x) / tanh(expm1(x))", "x=-0.0038425991876241683", Fwd, "x", Carried), // random: -1.0077055950335654 vs -1.007705595033542
        new("min(x * expm1(atan(x)), ((x - x) + (x / x)) * exp(exp(x)))", "x=2.569060603808846", Fwd, "x", Carried), // random: 3.4406150802969933 vs 3.440615080238943
        new("sin(-x) + max(x / x, max(x, x))", "x=-0.08195084215628778", Hess, "x,x", Carried), // random: -0.08185914345683105 vs -0.08185914345682477
        new("sin(0.1 + (-1)) - (y * gelu(x))", "y=1.9779700159716986, x=2.6518568150968704", Hess, "x,x", Carried), // random: 0.11799019509306752 vs 0.1179901950930675
        new("tanh(log(y)) ** y", "y=25.877936486879", Hess, "y,y", Carried), // random: -0.00020539781115694775 vs -0.00020539781115694783
        new("log(gelu(min(2, x)) ** exp(exp(x)))", "x=1.8583214218437192", Grad, "x", Carried), // random: 2670.2750294384005 vs 2670.275029438404
        new("log(gelu(min(2, x)) ** exp(exp(x)))", "x=1.8583214218437192", Hess, "x,x", Carried), // random: 21549.57018267874 vs 21549.570183258587
        new("log(gelu(min(2, x)) ** exp(exp(x)))", "x=1.8583214218437192", Fwd, "x", Carried), // random: 2670.2750294384005 vs 2670.2750294384036
        new("sqrt(x) / gelu(x)", "x=2.8565137944739405", Fwd, "x", Carried), // random: -0.10779657475479094 vs -0.10779657475479093
        new("sigmoid(sin((y / x) / (x * y)))", "y=6.339397631453837, x=-1.0768505261939054", Hess, "x,y", Carried), // random: 3.469446951953614E-18 vs 0
        new("sigmoid(sin((y / x) / (x * y)))", "y=6.339397631453837, x=-1.0768505261939054", Hess, "x,x", Carried), // random: 0.1219557104966319 vs 0.12195571049663192
        new("tanh(min(x, x)) / sqrt(softplus(x))", "x=2.936255154194413", Hess, "x,x", Carried), // random: 0.024026737684666725 vs 0.02402673768466674
        new("elu(atan(exp(x))) + softplus(softplus(-x))", "x=-2.828012853110188", Hess, "x,x", Carried), // random: 0.1530836688155489 vs 0.153083668815549
        new("tanh(log1p(softplus(atan(y))))", "y=-0.08247623178414645", Hess, "y,y", Carried), // random: 0.028339045382946567 vs 0.02833904538294658
        new("x ** x", "x=1.289958554899151", Hess, "x,x", Carried), // random: 3.2626477352514556 vs 3.262647735251455
        new("cos(max((x * x) / sqrt(x), (-x) ** 2))", "x=0.7511623989380292", Fwd, "x", Carried), // random: -0.7878343884058466 vs -0.7878343884058465
        new("sin(softplus(min(y, x)))", "y=1.8009888616212786, x=0.43107762031071806", Hess, "x,x", Carried), // random: -0.15249996498116727 vs -0.1524999649811673
        new("elu(y) / (y ** 1)", "y=-1.1413427458121048", Fwd, "y", Carried), // random: 0.24263892162950026 vs 0.24263892162950024
        new("log1p(gelu(x))", "x=-0.3290944651030103", Grad, "x", Carried), // random: 0.2809831964933114 vs 0.28098319649331144
        new("log1p(gelu(x))", "x=-0.3290944651030103", Hess, "x,x", Carried), // random: 0.7353827580220987 vs 0.7353827580220986
        new("log1p(gelu(x))", "x=-0.3290944651030103", Fwd, "x", Carried), // random: 0.2809831964933114 vs 0.28098319649331144
        new("max(elu(x), cos(x))", "x=0.48476203165326925", Hess, "x,x", Carried), // random: -0.8847858668909117 vs -0.8847858668909118
        new("leaky_relu((x + x) / (x ** -1.5))", "x=0.6152166404632791", Fwd, "x", Carried), // random: 2.4127488375263515 vs 2.412748837526351
        new("leaky_relu(gelu(sqrt(x)))", "x=11.396688737672452", Hess, "x,x", Carried), // random: -0.006800428690528103 vs -0.0068004286905281024
        new("softplus(max(x, x)) + relu(x)", "x=-0.08675711716130488", Hess, "x,x", Carried), // random: 0.2495301646672975 vs 0.24953016466729747
        new("-leaky_relu(gelu(x) - x)", "x=2.123263666814906", Hess, "x,x", Carried), // random: 0.0010503327309333353 vs 0.0010503327309333355
        new("sigmoid(y) / softplus(y)", "y=-0.9269862578608778", Hess, "y,y", Carried), // random: -0.06066947614551765 vs -0.06066947614551771
        new("sigmoid(y) / softplus(y)", "y=-0.9269862578608778", Fwd, "y", Carried), // random: -0.11386817106837926 vs -0.11386817106837921
        new("(x * (x + x)) ** log1p(tanh(x))", "x=-0.9533699714706421", Grad, "x", Carried), // random: 1.7281050041740396 vs 1.7281050041740393
        new("(x * (x + x)) ** log1p(tanh(x))", "x=-0.9533699714706421", Hess, "x,x", Carried), // random: 4.64988317408956 vs 4.649883174089559
        new("(x * (x + x)) ** log1p(tanh(x))", "x=-0.9533699714706421", Fwd, "x", Carried), // random: 1.7281050041740396 vs 1.7281050041740391
        new("softplus(x ** x)", "x=2.3195025574643164", Hess, "x,x", Carried), // random: 27.025910445088854 vs 27.025910445088833
        new("x ** x", "x=0.0810749434887624", Hess, "x,x", Carried), // random: 11.927018275380064 vs 11.927018275380068
        new("max((-x) + relu(x), relu(y)) / ((-(-y)) - gelu(x - y))", "x=23.99054327957184, y=1.803407236721962", Fwd, "y", Carried), // random: -0.05773947325935947 vs -0.057739473259359464
        new("tanh(x) ** -1", "x=-0.7375059138740965", Grad, "x", Carried), // random: -1.5385423155605045 vs -1.5385423155605036
        new("tanh(x) ** -1", "x=-0.7375059138740965", Hess, "x,x", Carried), // random: -4.90265851847821 vs -4.902658518478206
        new("tanh(x) ** -1", "x=-0.7375059138740965", Fwd, "x", Carried), // random: -1.5385423155605045 vs -1.5385423155605036
        new("sin(softplus(y) ** 2)", "y=-0.0917535941330967", Hess, "y,y", Carried), // random: 0.5547588023579006 vs 0.5547588023579005
        new("abs(sigmoid(gelu(x)))", "x=2.6975822421050717", Hess, "x,x", Carried), // random: -0.0579411615623098 vs -0.05794116156230981
        new("((log(x) + x) * x) + abs(tanh(exp(x)))", "x=0.8232017240289986", Hess, "x,x", Carried), // random: 2.8902691703082004 vs 2.890269170308201
        new("(-x) ** tanh(x)", "x=-0.017585526833332893", Hess, "x,x", Carried), // random: -51.25419782549099 vs -51.25419782549098
        new("(log(y) - leaky_relu(x)) / gelu(x / y)", "y=0.2583706312639169, x=-0.0034293291332170295", Fwd, "y", Carried), // random: 199.72910289076614 vs 199.72910289076617
        new("softplus(exp(y) + x)", "y=-0.06563615523488106, x=2.471849670175316", Hess, "y,x", Carried), // random: 0.029040061158763567 vs 0.029040061158763546
        new("softplus(exp(y) + x)", "y=-0.06563615523488106, x=2.471849670175316", Hess, "x,y", Carried), // random: 0.029040061158763564 vs 0.02904006115876347
        new("softplus(exp(y) + x)", "y=-0.06563615523488106, x=2.471849670175316", Hess, "x,x", Carried), // random: 0.03101008428823834 vs 0.03101008428823824
        new("sigmoid(x + x)", "x=-0.02008036514555729", Hess, "x,x", Carried), // random: 0.02006957307636397 vs 0.020069573076363915
        new("elu(max(1.5 / y, sin(y)) / (elu(y) - cos(x)))", "y=-0.009384343816107865, x=9.693172241424678", Hess, "y,y", Carried), // random: -1.04564651486755 vs -1.0456465148675498
        new("elu(max(1.5 / y, sin(y)) / (elu(y) - cos(x)))", "y=-0.009384343816107865, x=9.693172241424678", Hess, "y,x", Carried), // random: 0.2907433094815943 vs 0.29074330948159427
        new("elu(max(1.5 / y, sin(y)) / (elu(y) - cos(x)))", "y=-0.009384343816107865, x=9.693172241424678", Hess, "x,y", Carried), // random: 0.2907433094815945 vs 0.29074330948159444
        new("min(x, softplus(-x))", "x=-0.009382183161269736", Fwd, "x", Carried), // random: 0.9999999999999999 vs 1
        new("(max(x, x) / sin(x)) ** 3", "x=-0.6714180595753403", Fwd, "x", Carried), // random: -0.8706170065815038 vs -0.8706170065815041
        new("tanh(exp(x * 2) + ((x / y) / (y - x)))", "x=-1.2061857097373379, y=-1.8495479997345345", Grad, "x", Carried), // random: 1.2204770883558322 vs 1.2204770883558325
        new("tanh(exp(x * 2) + ((x / y) / (y - x)))", "x=-1.2061857097373379, y=-1.8495479997345345", Grad, "y", Carried), // random: -0.9987204130783311 vs -0.9987204130783314
        new("tanh(exp(x * 2) + ((x / y) / (y - x)))", "x=-1.2061857097373379, y=-1.8495479997345345", Hess, "x,x", Carried), // random: 1.2469374260668407 vs 1.2469374260668395
        new("tanh(exp(x * 2) + ((x / y) / (y - x)))", "x=-1.2061857097373379, y=-1.8495479997345345", Hess, "x,y", Carried), // random: -0.24067790093595431 vs -0.24067790093595315
        new("tanh(exp(x * 2) + ((x / y) / (y - x)))", "x=-1.2061857097373379, y=-1.8495479997345345", Hess, "y,x", Carried), // random: -0.24067790093595393 vs -0.24067790093595282
        new("tanh(exp(x * 2) + ((x / y) / (y - x)))", "x=-1.2061857097373379, y=-1.8495479997345345", Hess, "y,y", Carried), // random: -0.2961555481089288 vs -0.29615554810892986
        new("tanh(exp(x * 2) + ((x / y) / (y - x)))", "x=-1.2061857097373379, y=-1.8495479997345345", Fwd, "x", Carried), // random: 1.220477088355832 vs 1.2204770883558325
        new("tanh(exp(x * 2) + ((x / y) / (y - x)))", "x=-1.2061857097373379, y=-1.8495479997345345", Fwd, "y", Carried), // random: -0.9987204130783311 vs -0.9987204130783314
        new("(cos(x - x) ** 2) / (atan(y) ** 4)", "x=-2.090529449017929, y=-27.870063611558425", Fwd, "y", Carried), // random: 0.0006036443416844284 vs 0.0006036443416844285
        new("abs(0.1 ** x) + sigmoid(x * x)", "x=-1.6655966911236662", Hess, "x,x", Carried), // random: 245.05590993903195 vs 245.05590993903192
        new("softplus(softplus(x) ** 0.5)", "x=0.19380218752095635", Hess, "x,x", Carried), // random: 0.042783875488868583 vs 0.04278387548886863
        new("tanh(y) / sigmoid(x)", "y=-2.042517319619321, x=2.8761326974085133", Fwd, "x", Carried), // random: 0.05448766218019309 vs 0.054487662180193096
        new("relu(max(x, x) ** -1) + (((y ** 4) ** 3) / cos(log(x)))", "x=0.012667017963274033, y=25.057656458450673", Fwd, "x", Carried), // random: 4.012498019446389E+19 vs 4.01249801944639E+19
        new("relu(softplus(abs(x + x)))", "x=1.899912629129103", Hess, "x,x", Carried), // random: 0.08562422976851454 vs 0.08562422976851443
        new("(x ** 0.3) / (x * x)", "x=2.1309122420683", Fwd, "x", Carried), // random: -0.22045598692176074 vs -0.22045598692176077
        new("max(-x, softplus(x)) / (min(x, x) ** -2)", "x=1.640255160900149", Hess, "x,x", Carried), // random: 9.496348963874327 vs 9.496348963874329
        new("softplus(x + x) / (tanh(x) - (x / x))", "x=0.025274716395393387", Fwd, "x", Carried), // random: -1.8078560403917465 vs -1.8078560403917463
        new("(y ** y) ** abs(x)", "y=0.671871246957525, x=-1.4331133631833273", Hess, "y,y", Carried), // random: 1.9624788804353113 vs 1.9624788804353117
        new("max(cos(sigmoid(x)), (y / y) - gelu(y))", "x=21.796443777214854, y=-0.35197758707424764", Hess, "y,y", Carried), // random: -0.703504354953976 vs -0.7035043549539759
        new("(x ** x) / (-x)", "x=0.04316509315346573", Fwd, "x", Carried), // random: 511.962104916575 vs 511.96210491657496
        new("tanh(leaky_relu(x)) + min(x, min(0.5, x))", "x=-1.690593715777797", Hess, "x,x", Carried), // random: 3.379899238409369E-06 vs 3.3798992384093693E-06
        new("sin(cos(y ** y))", "y=0.1916550406901112", Hess, "y,y", Carried), // random: -2.2018448707667373 vs -2.2018448707667377
        new("elu(gelu(elu(x ** -3)))", "x=-1.8077988824820859", Hess, "x,x", Carried), // random: -0.11285260381684724 vs -0.11285260381684725
        new("(1.5 - x) / x", "x=1.0206183717011967", Fwd, "x", Carried), // random: -1.4400066438625605 vs -1.4400066438625607
        new("cos(-(x + x)) + (sqrt(x ** x) - max(leaky_relu(x), sin(x)))", "x=1.6464924122984606", Fwd, "x", Carried), // random: 0.43129852757897674 vs 0.43129852757897663
        new("leaky_relu(gelu(abs(x + x)))", "x=2.5386500091260125", Hess, "x,x", Carried), // random: -9.579212270013587E-05 vs -9.579212270013589E-05
        new("(abs(y) * abs(0.1)) - (((-2.5) / x) / (x / y))", "y=2.61350025265077, x=-27.731166075058034", Fwd, "x", Carried), // random: 0.0006127568227102914 vs 0.0006127568227102915
        new("relu(softplus(cos(x - y)))", "x=-0.17723847492328648, y=-1.5934545022863844", Hess, "x,x", Carried), // random: 0.15973552916274236 vs 0.15973552916274247
        new("relu(softplus(cos(x - y)))", "x=-0.17723847492328648, y=-1.5934545022863844", Hess, "x,y", Carried), // random: -0.15973552916274236 vs -0.15973552916274247
        new("relu(softplus(cos(x - y)))", "x=-0.17723847492328648, y=-1.5934545022863844", Hess, "y,x", Carried), // random: -0.15973552916274236 vs -0.15973552916274247
        new("relu(softplus(cos(x - y)))", "x=-0.17723847492328648, y=-1.5934545022863844", Hess, "y,y", Carried), // random: 0.15973552916274236 vs 0.15973552916274247
        new("relu(softplus(cos(x - y)))", "x=-0.17723847492328648, y=-1.5934545022863844", Fwd, "x", Carried), // random: -0.5319955577274749 vs -0.531995557727475
        new("relu(softplus(cos(x - y)))", "x=-0.17723847492328648, y=-1.5934545022863844", Fwd, "y", Carried), // random: 0.5319955577274749 vs 0.531995557727475
        new("gelu(gelu(sqrt(min(x, x))))", "x=0.30407784997985976", Hess, "x,x", Carried), // random: -0.23353549416823188 vs -0.23353549416823158
        new("(max(min(2, y), y) - (log(0.1) + exp(x))) - softplus(sin(-2.5))", "y=-2.392569621478575, x=-0.26780925339799655", Grad, "x", Carried), // random: -0.7650536985791444 vs -0.7650536985791443
        new("(max(min(2, y), y) - (log(0.1) + exp(x))) - softplus(sin(-2.5))", "y=-2.392569621478575, x=-0.26780925339799655", Hess, "x,x", Carried), // random: -0.7650536985791444 vs -0.7650536985791443
        new("(max(min(2, y), y) - (log(0.1) + exp(x))) - softplus(sin(-2.5))", "y=-2.392569621478575, x=-0.26780925339799655", Fwd, "x", Carried), // random: -0.7650536985791444 vs -0.7650536985791443
        new("gelu(elu(x)) / x", "x=-0.6612529798054867", Hess, "x,x", Carried), // random: 0.3512071002506986 vs 0.35120710025069857
        new("gelu(elu(x)) / x", "x=-0.6612529798054867", Fwd, "x", Carried), // random: 0.23641480094230446 vs 0.2364148009423044
        new("max(softplus(sigmoid(y) ** (x * x)), sqrt(y * 0.5) + ((-y) ** 3))", "y=0.448118830375142, x=0.08171155012727901", Fwd, "y", Carried), // random: 0.001894752598362054 vs 0.0018947525983620526
        new("expm1(exp(x) - leaky_relu(y)) ** abs(softplus(x * y))", "x=1.4151774972179787, y=1.0895586763982479", Hess, "y,y", Carried), // random: 182.30022684488574 vs 182.30022684488586
        new("expm1(cos(y) ** 1) - (((x / x) ** -0.5) / (tanh(x) + (y * y)))", "y=1.1074663666240419, x=-0.2793941863696747", Grad, "y", Carried), // random: 1.0343180806757668 vs 1.034318080675767
        new("expm1(cos(y) ** 1) - (((x / x) ** -0.5) / (tanh(x) + (y * y)))", "y=1.1074663666240419, x=-0.2793941863696747", Fwd, "y", Carried), // random: 1.0343180806757672 vs 1.034318080675767
        new("max((x / log(y)) - cos(leaky_relu(y)), x)", "x=-0.9784444634866061, y=0.17531471148200062", Fwd, "x", Carried), // random: -0.574325611315837 vs -0.5743256113158371
        new("abs((y ** y) ** 3)", "y=0.7778944710839202", Hess, "y,y", Carried), // random: 4.954469937757541 vs 4.954469937757542
        new("softplus(expm1(x)) * abs(log(x))", "x=2.857114894162608", Hess, "x,x", Carried), // random: 28.456096436704087 vs 28.456096436704016
        new("abs((y / y) / (y * y))", "y=-0.06158796805501954", Fwd, "y", Carried), // random: 8561.352290056171 vs 8561.352290056173
        new("exp(abs(sigmoid(x)))", "x=-0.07578008622656916", Hess, "x,x", Carried), // random: 0.11611762224402644 vs 0.11611762224402646
        new("(sigmoid(y) ** -2) / sigmoid(2 ** log(x))", "y=1.2255534324206039, x=1.73652282167554", Hess, "x,y", Carried), // random: 0.10260784472612093 vs 0.10260784472612096
        new("softplus(x) - x", "x=-8.956838637327065", Hess, "x,x", Carried), // random: 0.0001288197617086234 vs 0.00012881976170862344
        new("log(sigmoid(x) ** atan(x)) - log1p(leaky_relu(x / x))", "x=0.40734141452835315", Hess, "x,x", Carried), // random: 0.8982646476559196 vs 0.8982646476559197
        new("x * sigmoid(x / sin(x))", "x=-1.415225722453737", Hess, "x,x", Carried), // random: -0.4221186431735111 vs -0.42211864317351117
        new("-gelu(x)", "x=-2.523337439845406", Hess, "x,x", Carried), // random: 0.07219206878314224 vs 0.07219206878314226
        new("(sqrt(x) ** 0.3) / expm1(x)", "x=1.8535069712758503", Fwd, "x", Carried), // random: -0.2251925471198516 vs -0.22519254711985157
        new("sigmoid(x) + relu(x)", "x=-1.843061884023579", Hess, "x,x", Carried), // random: 0.08574528110544793 vs 0.08574528110544792
        new("tanh(x) - expm1(x)", "x=-0.5775028827007924", Grad, "x", Carried), // random: 0.16741900631194084 vs 0.16741900631194095
        new("tanh(x) - expm1(x)", "x=-0.5775028827007924", Hess, "x,x", Carried), // random: 0.1978037533731981 vs 0.19780375337319822
        new("tanh(x) - expm1(x)", "x=-0.5775028827007924", Fwd, "x", Carried), // random: 0.16741900631194084 vs 0.16741900631194095
        new("abs(softplus(y))", "y=-13.440230254704066", Hess, "y,y", Carried), // random: 1.4553950742548548E-06 vs 1.455395074254855E-06
        new("x + sin(y - 3)", "x=22.080739999085765, y=-2.3009869408045684", Hess, "y,y", Carried), // random: -0.8317199023234297 vs -0.8317199023234298
        new("relu(-elu(x)) / (leaky_relu(0.5 - x) + tanh(-x))", "x=-11.961092947151553", Fwd, "x", Carried), // random: 0.005518222826019728 vs 0.005518222826019727
        new("(-gelu(min(-1, x))) * gelu((x + x) ** sigmoid(x))", "x=2.9529780216541432", Hess, "x,x", Carried), // random: 0.010295008816080246 vs 0.01029500881608025
        new("((x + y) / (x / x)) / (y ** 2)", "x=0.5942730776256671, y=0.02543225646039457", Fwd, "y", Carried), // random: -73799.98619239968 vs -73799.98619239967
        new("abs((sigmoid(x) * (y + y)) + log1p(sigmoid(x)))", "x=-0.9488667114775646, y=-2.08259391445773", Hess, "x,x", Carried), // random: 0.3254907776255461 vs 0.32549077762554607
        new("min(x * y, x ** -0.5)", "x=0.08312087261090992, y=0.8039974291226897", Fwd, "x", Carried), // random: 0.8039974291226883 vs 0.8039974291226897
        new("min(tanh(x) / atan(x), abs((-2.5) + y))", "x=0.04061778055139151, y=1.0953162803356689", Grad, "x", Carried), // random: -1.7825557485195986E-05 vs -1.7825557481643273E-05
        new("min(tanh(x) / atan(x), abs((-2.5) + y))", "x=0.04061778055139151, y=1.0953162803356689", Hess, "x,x", Carried), // random: -0.0013144130434739054 vs -0.001314413043701279
        new("min(tanh(x) / atan(x), abs((-2.5) + y))", "x=0.04061778055139151, y=1.0953162803356689", Fwd, "x", Carried), // random: -1.78255574868205E-05 vs -1.7825557481643273E-05
        new("((tanh(x) / elu(x)) ** 2) ** -3", "x=-0.014233230776520611", Grad, "x", Carried), // random: 2.8145128273194473 vs 2.814512827319561
        new("((tanh(x) / elu(x)) ** 2) ** -3", "x=-0.014233230776520611", Hess, "x,x", Carried), // random: 12.576054952689447 vs 12.576054952707636
        new("((tanh(x) / elu(x)) ** 2) ** -3", "x=-0.014233230776520611", Fwd, "x", Carried), // random: 2.8145128273194273 vs 2.8145128273195574
        new("sin(softplus(x))", "x=-1.5083184190098664", Hess, "x,x", Carried), // random: 0.1388856565463127 vs 0.13888565654631274
        new("atan(gelu(y) / sqrt(x + y))", "y=0.7879563546316346, x=1.4017098177031375", Fwd, "x", Carried), // random: -0.08122631502649483 vs -0.08122631502649481
        new("exp(max(x * x, x - 0.5))", "x=-0.09688996453441208", Fwd, "x", Carried), // random: -0.1956076356970097 vs -0.19560763569700962
        new("x ** x", "x=1.2571617615725703", Hess, "x,x", Carried), // random: 3.0741267074676 vs 3.0741267074675998
        new("cos(max(x, x))", "x=4.965373211289742", Grad, "x", Carried), // random: 0.9681697978787117 vs 0.9681697978787118
        new("cos(max(x, x))", "x=4.965373211289742", Fwd, "x", Carried), // random: 0.9681697978787117 vs 0.9681697978787118
        new("(((y / y) - (x + x)) / elu(y / y)) / ((cos(y) - (y ** y)) ** min((-2.5) / y, y))", "y=0.37540748188197126, x=1.436280533327344", Hess, "y,y", Carried), // random: -0.006066703472473397 vs -0.006066703472473404
        new("elu(exp(y - x) ** elu(tanh(x)))", "y=-0.33848875730747174, x=-2.8131518712088135", Grad, "x", Carried), // random: 0.13533783457543067 vs 0.1353378345754306
        new("elu(exp(y - x) ** elu(tanh(x)))", "y=-0.33848875730747174, x=-2.8131518712088135", Hess, "y,x", Carried), // random: -0.08407488552366793 vs -0.08407488552366792
        new("elu(exp(y - x) ** elu(tanh(x)))", "y=-0.33848875730747174, x=-2.8131518712088135", Hess, "x,y", Carried), // random: -0.08407488552366793 vs -0.08407488552366792
        new("elu(exp(y - x) ** elu(tanh(x)))", "y=-0.33848875730747174, x=-2.8131518712088135", Hess, "x,x", Carried), // random: 0.09025841317452427 vs 0.09025841317452415
        new("elu(exp(y - x) ** elu(tanh(x)))", "y=-0.33848875730747174, x=-2.8131518712088135", Fwd, "x", Carried), // random: 0.13533783457543067 vs 0.1353378345754306
        new("x + sigmoid(x)", "x=-0.4385850354494276", Hess, "x,x", Carried), // random: 0.05144695400025028 vs 0.051446954000250296
        new("softplus(max(exp(x) ** log1p(x), x))", "x=1.562751569821911", Hess, "x,x", Carried), // random: 13.237628563911542 vs 13.23762856391154
        new("sqrt(y - x) / (expm1(x) ** (2 ** 1))", "y=-0.02801482249598733, x=-0.051267421080772584", Fwd, "x", Carried), // random: 1008.430884390163 vs 1008.4308843901629
        new("atan(sin(x) ** -2) / ((expm1(x) * y) / 2)", "x=2.6747437900627506, y=1.700613746382774", Fwd, "x", Carried), // random: -0.06096538804764329 vs -0.060965388047643274
        new("atan(y ** 3) + min(tanh(x), abs(x))", "y=-1.7139907177074272, x=-1.3046425123691132", Fwd, "x", Carried), // random: 0.2553802476304867 vs 0.25538024763048667
        new("tanh((softplus(x) + expm1(x)) - gelu(softplus(x)))", "x=-9.71812820741874", Grad, "x", Carried), // random: 3.7915925590959494E-05 vs 3.791592559095949E-05
        new("tanh((softplus(x) + expm1(x)) - gelu(softplus(x)))", "x=-9.71812820741874", Hess, "x,x", Carried), // random: 3.7919164451602334E-05 vs 3.791916445160232E-05
        new("tanh((softplus(x) + expm1(x)) - gelu(softplus(x)))", "x=-9.71812820741874", Fwd, "x", Carried), // random: 3.7915925590959494E-05 vs 3.791592559095948E-05
        new("(-(sigmoid(x) - y)) * atan(elu(exp(x)))", "x=0.07298533309350769, y=2.352429063988364", Hess, "x,x", Carried), // random: -0.30815756594478283 vs -0.3081575659447829
        new("x * (sigmoid(x * x) * log1p(x))", "x=0.6702674719971955", Hess, "x,x", Carried), // random: 1.298274458509568 vs 1.2982744585095682
        new("(sigmoid(x) - (x + 2)) + tanh(y)", "x=-16.909313777055885, y=2.8183941656677245", Hess, "x,x", Carried), // random: 4.532922094812784E-08 vs 4.532922094812783E-08
        new("exp(softplus(x))", "x=-6.487818987319363", Hess, "x,x", Carried), // random: 0.0015218645970671702 vs 0.0015218645970671704
        new("elu(softplus(log1p(x)))", "x=-0.5087401845389286", Hess, "x,x", Carried), // random: -0.44966943597163767 vs -0.44966943597163755
        new("log(x) / x", "x=2.8274732837612397", Fwd, "x", Carried), // random: -0.004926257070883704 vs -0.004926257070883705
        new("softplus(x - y)", "x=6.897479115107747, y=0.29509485430708526", Hess, "x,x", Carried), // random: 0.0013534523189083869 vs 0.0013534523189085734
        new("softplus(x - y)", "x=6.897479115107747, y=0.29509485430708526", Hess, "x,y", Carried), // random: -0.0013534523189083869 vs -0.0013534523189085734
        new("softplus(x - y)", "x=6.897479115107747, y=0.29509485430708526", Hess, "y,x", Carried), // random: -0.0013534523189083869 vs -0.0013534523189085734
        new("softplus(x - y)", "x=6.897479115107747, y=0.29509485430708526", Hess, "y,y", Carried), // random: 0.0013534523189083869 vs 0.0013534523189085734
        new("relu(tanh(y * y)) * gelu(leaky_relu(-y))", "y=2.9208833414168893", Hess, "y,y", Carried), // random: 7.985866321835504E-05 vs 7.985866321835505E-05
        new("-min(gelu(y), exp(y))", "y=1.7453609189911372", Hess, "y,y", Carried), // random: 0.09100549790482507 vs 0.09100549790482514
        new("relu(-gelu(x)) / (expm1(min(x, x)) * x)", "x=-0.15834277173093625", Fwd, "x", Carried), // random: 20.08712554166803 vs 20.087125541668026
        new("max(0.5 / x, (-1) / x)", "x=1.6650765862231882", Fwd, "x", Carried), // random: -0.18034394951414395 vs -0.18034394951414398
        new("((atan(x) ** 4) + log1p(-x)) - x", "x=-2.2621906772690448", Grad, "x", Carried), // random: -2.312896068371166 vs -2.3128960683711655
        new("((atan(x) ** 4) + log1p(-x)) - x", "x=-2.2621906772690448", Hess, "x,x", Carried), // random: -0.4108060364502566 vs -0.4108060364502563
        new("((atan(x) ** 4) + log1p(-x)) - x", "x=-2.2621906772690448", Fwd, "x", Carried), // random: -2.312896068371166 vs -2.3128960683711655
        new("(abs(sigmoid(x)) * ((x ** -2) / (x ** 1.5))) / (((x - x) - log1p(x)) * ((x * x) * x))", "x=2.308132124191145", Grad, "x", Carried), // random: 0.009856797402641072 vs 0.009856797402641069
        new("(abs(sigmoid(x)) * ((x ** -2) / (x ** 1.5))) / (((x - x) - log1p(x)) * ((x * x) * x))", "x=2.308132124191145", Hess, "x,x", Carried), // random: -0.03358658626880133 vs -0.03358658626880132
        new("(abs(sigmoid(x)) * ((x ** -2) / (x ** 1.5))) / (((x - x) - log1p(x)) * ((x * x) * x))", "x=2.308132124191145", Fwd, "x", Carried), // random: 0.00985679740264107 vs 0.009856797402641069
        new("(elu(y) * x) + max(expm1(0.5), x ** x)", "y=-0.07851063589758299, x=0.2385121654953708", Hess, "x,x", Carried), // random: 3.1120471812683883 vs 3.1120471812683888
        new("softplus(y * y)", "y=-2.808192547662525", Hess, "y,y", Carried), // random: 2.0110995646100016 vs 2.0110995646100043
        new("log1p(gelu(sigmoid(y) ** -0.5))", "y=17.064034314143505", Hess, "y,y", Carried), // random: 1.1422834300524696E-08 vs 1.1422834300524693E-08
        new("(cos(x) * x) - ((max(x, x) + (x + x)) * (x ** sin(x)))", "x=0.36761872772313353", Hess, "x,x", Carried), // random: -3.3842958804977115 vs -3.384295880497711
        new("(3 + (max(x, x) / sqrt(y))) - (x + softplus(atan(x)))", "x=0.494450345325538, y=15.064118265147075", Hess, "x,x", Carried), // random: 0.23809859291227717 vs 0.23809859291227714
        new("tanh(min(x, tanh(3)))", "x=-0.7877405136777904", Grad, "x", Carried), // random: 0.568183924959125 vs 0.5681839249591248
        new("tanh(min(x, tanh(3)))", "x=-0.7877405136777904", Fwd, "x", Carried), // random: 0.568183924959125 vs 0.5681839249591248
        new("-sqrt((x / y) / x)", "x=0.9482129495379752, y=0.06699421128796007", Fwd, "x", Carried), // random: -2.4244485598737925E-16 vs -2.2988935199610247E-16
        new("relu(x) / atan(x)", "x=10.014332515242566", Fwd, "x", Carried), // random: 0.6340095570089095 vs 0.6340095570089094
        new("softplus(abs(y))", "y=0.04600274171404278", Hess, "y,y", Carried), // random: 0.24986778087197928 vs 0.2498677808719793
        new("(((y - x) + (x / (-1))) / log1p(x * x)) / leaky_relu(max(tanh(y), min(x, x)))", "y=-2.2747256701923524, x=-18.79057453718102", Fwd, "x", Carried), // random: 23.693040656426806 vs 23.69304065642681
        new("min(sin(y), y * y)", "y=2.5077679055651574", Fwd, "y", Carried), // random: -0.8057682733690932 vs -0.8057682733690935
        new("softplus(log1p(x))", "x=0.09554597399220005", Hess, "x,x", Carried), // random: -0.22772232727253003 vs -0.22772232727253
        new("((y / (-2.5)) / (y - x)) - (expm1(x) / log1p(y))", "y=-0.6271859365779955, x=-0.0909230351576511", Hess, "y,y", Carried), // random: -1.131322741408713 vs -1.1313227414087133
        new("((y / (-2.5)) / (y - x)) - (expm1(x) / log1p(y))", "y=-0.6271859365779955, x=-0.0909230351576511", Hess, "x,y", Carried), // random: 4.378363509182093 vs 4.378363509182094
        new("((y / (-2.5)) / (y - x)) - (expm1(x) / log1p(y))", "y=-0.6271859365779955, x=-0.0909230351576511", Fwd, "y", Carried), // random: -0.3659305973859327 vs -0.36593059738593275
        new("sin(sigmoid(y) * tanh(x))", "y=-1.4302490293244887, x=0.05409987665296834", Hess, "y,x", Carried), // random: 0.15530732773536612 vs 0.15530732773536615
        new("sin(sigmoid(y) * tanh(x))", "y=-1.4302490293244887, x=0.05409987665296834", Hess, "x,y", Carried), // random: 0.15530732773536615 vs 0.15530732773536618
        new("sin(sigmoid(y) * tanh(x))", "y=-1.4302490293244887, x=0.05409987665296834", Fwd, "x", Carried), // random: 0.19248546026878427 vs 0.1924854602687843
        new("sigmoid(exp(x))", "x=2.684765877899621", Hess, "x,x", Carried), // random: -8.645236604008522E-05 vs -8.645236604008524E-05
        new("relu((x * x) ** -0.5) * (sin(gelu(x)) + log(x * x))", "x=-4.545346560007054", Hess, "x,x", Carried), // random: 0.0005415790650927232 vs 0.0005415790650927371
        new("gelu(atan(x + x) / sigmoid(x * 2))", "x=1.1106424900334533", Fwd, "x", Carried), // random: 0.14008083535189128 vs 0.1400808353518913
        new("sqrt(expm1(x))", "x=0.9263114066804743", Grad, "x", Carried), // random: 1.0223549972172923 vs 1.022354997217292
        new("sqrt(expm1(x))", "x=0.9263114066804743", Hess, "x,x", Carried), // random: 0.17601817662511074 vs 0.17601817662511085
        new("sqrt(expm1(x))", "x=0.9263114066804743", Fwd, "x", Carried), // random: 1.0223549972172923 vs 1.022354997217292
        new("((sqrt(x) ** (x + x)) / ((x * x) / (x + x))) / cos(x)", "x=0.2155643619668277", Fwd, "x", Carried), // random: -33.80388709525453 vs -33.803887095254524
        new("(x ** 0.5) / expm1(x)", "x=0.025659459211353874", Fwd, "x", Carried), // random: -123.18692436936361 vs -123.18692436936362
        new("(((y ** y) + (x - (-2.5))) * sqrt(relu(x))) ** (-softplus(sin(x)))", "y=0.04849943187874978, x=1.7226954619646255", Hess, "y,x", Carried), // random: -0.02665053887406481 vs -0.026650538874064815
        new("(min(x, x) / (x * x)) ** (tanh(x) ** x)", "x=1.4506545692168338", Fwd, "x", Carried), // random: -0.47640778199852485 vs -0.47640778199852496
        new("relu(max(atan(x), sqrt(y)) / relu(x + y))", "x=2.7516318156969906, y=0.03720181821274232", Fwd, "x", Carried), // random: -0.11531250542935385 vs -0.11531250542935384
        new("exp(x) + (cos(log1p(x)) / x)", "x=0.0663365657965079", Hess, "x,x", Carried), // random: 6853.188272134484 vs 6853.188272134485
        new("(-x) / expm1(x)", "x=-1.654100323135508", Fwd, "x", Carried), // random: 0.7527912679133634 vs 0.7527912679133633
        new("abs((y * y) / softplus(x)) / leaky_relu(min(gelu(x), sin(0.5)))", "y=0.08766488754766219, x=0.005405731118051468", Fwd, "x", Carried), // random: -758.8002796501446 vs -758.8002796501445
        new("x ** x", "x=0.4120652767137418", Hess, "x,x", Carried), // random: 1.693055354887723 vs 1.6930553548877236
        new("x ** x", "x=28.894952008920107", Hess, "x,x", Carried), // random: 3.0965117493854294E+43 vs 3.096511749385429E+43
        new("(((x ** 0) ** -3) - x) / x", "x=-0.06779141786674753", Fwd, "x", Carried), // random: -217.59582851451017 vs -217.5958285145102
        new("(relu(x - x) - elu(max(x, x))) / atan((-y) ** x)", "x=0.008497964069804478, y=-1.3797934370761589", Fwd, "x", Carried), // random: -1.2688160328923543 vs -1.2688160328923546
        new("-elu(min(min(x, x), log1p(x)))", "x=-0.09722038447552378", Grad, "x", Carried), // random: -0.9999999999999999 vs -1
        new("-elu(min(min(x, x), log1p(x)))", "x=-0.09722038447552378", Hess, "x,x", Carried), // random: 2.220446049250313E-16 vs 0
        new("-elu(min(min(x, x), log1p(x)))", "x=-0.09722038447552378", Fwd, "x", Carried), // random: -0.9999999999999998 vs -0.9999999999999999
        new("max(softplus(x), max(x * x, gelu(x)))", "x=0.8681602008973028", Hess, "x,x", Carried), // random: 0.20823587461898382 vs 0.20823587461898377
        new("relu(softplus(max(x, x)))", "x=1.6922719189789435", Hess, "x,x", Carried), // random: 0.13130410524567873 vs 0.1313041052456787
        new("gelu(atan(y))", "y=-2.485727218919263", Hess, "y,y", Carried), // random: -0.009005568780617416 vs -0.009005568780617418
        new("(sigmoid(x) * (y - 1.5)) * y", "x=-0.009239087219051534, y=-0.40482178035788996", Hess, "x,x", Carried), // random: 0.0008905225917580434 vs 0.0008905225917580536
        new("((tanh(x) ** -3) * (sqrt(x) * atan(x))) - log1p(cos(sigmoid(y)))", "x=1.0523715598417445, y=2.9798771389559713", Hess, "x,x", Carried), // random: 3.2273992020230624 vs 3.2273992020230633
        new("((tanh(x) ** -3) * (sqrt(x) * atan(x))) - log1p(cos(sigmoid(y)))", "x=1.0523715598417445, y=2.9798771389559713", Hess, "y,y", Carried), // random: -0.0200763636376082 vs -0.020076363637608195
        new("(max(-y, x) / leaky_relu(y)) + ((sin(y) ** 0.3) / 2)", "y=0.29007158315746207, x=-13.08468010511432", Hess, "y,y", Carried), // random: -0.9125970304348279 vs -0.9125970304348281
        new("min(3, x) / atan(x)", "x=1.0974069997088414", Fwd, "x", Carried), // random: 0.4826675555215842 vs 0.48266755552158425
        new("(cos(x) ** abs(x)) * ((x / x) / (x ** x))", "x=0.05992441781248639", Hess, "x,x", Carried), // random: -16.0902352193466 vs -16.090235219346596
        new("exp(log(softplus(x)) ** 0.3)", "x=2.115020138466539", Hess, "x,x", Carried), // random: -0.1794937028616202 vs -0.17949370286162022
        new("exp(cos(y))", "y=-2.8318142962745645", Grad, "y", Carried), // random: 0.11761430379217301 vs 0.11761430379217302
        new("exp(cos(y))", "y=-2.8318142962745645", Hess, "y,y", Carried), // random: 0.4033036673320518 vs 0.40330366733205186
        new("exp(cos(y))", "y=-2.8318142962745645", Fwd, "y", Carried), // random: 0.11761430379217301 vs 0.11761430379217302
        new("exp((tanh(y) ** 1) + max(x ** 0.5, cos(y)))", "y=0.4377219987988994, x=1.3955282310378516", Grad, "y", Carried), // random: 4.084917912678151 vs 4.08491791267815
        new("exp((tanh(y) ** 1) + max(x ** 0.5, cos(y)))", "y=0.4377219987988994, x=1.3955282310378516", Hess, "y,y", Carried), // random: 0.02838781085808697 vs 0.028387810858086227
        new("exp((tanh(y) ** 1) + max(x ** 0.5, cos(y)))", "y=0.4377219987988994, x=1.3955282310378516", Hess, "y,x", Carried), // random: 1.728956333121806 vs 1.7289563331218059
        new("exp((tanh(y) ** 1) + max(x ** 0.5, cos(y)))", "y=0.4377219987988994, x=1.3955282310378516", Hess, "x,y", Carried), // random: 1.728956333121806 vs 1.7289563331218059
        new("exp((tanh(y) ** 1) + max(x ** 0.5, cos(y)))", "y=0.4377219987988994, x=1.3955282310378516", Fwd, "y", Carried), // random: 4.084917912678151 vs 4.08491791267815
        new("sigmoid(sigmoid(x))", "x=-0.42362616955005805", Hess, "x,x", Carried), // random: 0.009315075379821723 vs 0.009315075379821722
        new("(log1p(x / y) * ((x ** -2) - (-0.1))) ** 1", "x=-0.8890194420598023, y=-0.8592348271920249", Grad, "x", Carried), // random: 1.2409630268513765 vs 1.240963026851377
        new("(log1p(x / y) * ((x ** -2) - (-0.1))) ** 1", "x=-0.8890194420598023, y=-0.8592348271920249", Hess, "x,x", Carried), // random: 3.1198990214493345 vs 3.1198990214493363
        new("(log1p(x / y) * ((x ** -2) - (-0.1))) ** 1", "x=-0.8890194420598023, y=-0.8592348271920249", Fwd, "x", Carried), // random: 1.2409630268513765 vs 1.240963026851377
        new("gelu(log1p(x))", "x=0.08393088523505918", Hess, "x,x", Carried), // random: 0.19452513345712885 vs 0.19452513345712874
        new("(sin(x) ** -2) / (log(x ** x) - (x ** -1.5))", "x=2.1287215712147614", Fwd, "x", Carried), // random: -0.31650765186871305 vs -0.3165076518687133
        new("x / (exp(y) - sigmoid(x))", "x=-0.27331603731203113, y=-2.674397165084868", Hess, "x,y", Carried), // random: -0.7159577284017381 vs -0.7159577284017382
        new("atan(expm1(min(x, 0.1))) * x", "x=-1.4548588924178767", Grad, "x", Carried), // random: -0.867932126384705 vs -0.8679321263847048
        new("atan(expm1(min(x, 0.1))) * x", "x=-1.4548588924178767", Hess, "x,x", Carried), // random: 0.03193336432622536 vs 0.03193336432622533
        new("atan(expm1(min(x, 0.1))) * x", "x=-1.4548588924178767", Fwd, "x", Carried), // random: -0.867932126384705 vs -0.8679321263847048
        new("x - softplus(x)", "x=1.9592584137842302", Hess, "x,x", Carried), // random: -0.10828338470156078 vs -0.10828338470156097
        new("y / ((x / elu(y)) - x)", "y=2.04889543385383, x=-0.7192535465382095", Fwd, "y", Carried), // random: 0.12660232954273215 vs 0.12660232954273187
        new("y / ((x / elu(y)) - x)", "y=2.04889543385383, x=-0.7192535465382095", Fwd, "x", Carried), // random: 7.73647934414436 vs 7.736479344144361
        new("cos(elu(x) * (y - x)) / y", "x=-0.09756452737475296, y=0.9869332103585351", Fwd, "y", Carried), // random: -1.030921421524576 vs -1.0309214215245763
        new("x / (exp(x) + max(x, x))", "x=2.4778328532867224", Grad, "x", Carried), // random: -0.08499960480170346 vs -0.08499960480170342
        new("x / (exp(x) + max(x, x))", "x=2.4778328532867224", Hess, "x,x", Carried), // random: 0.010028476322993682 vs 0.010028476322993654
        new("x / (exp(x) + max(x, x))", "x=2.4778328532867224", Fwd, "x", Carried), // random: -0.08499960480170343 vs -0.08499960480170342
        new("abs(gelu(x) * min(x, x)) ** -2", "x=-1.2209762405191653", Hess, "x,x", Carried), // random: 158.75297323348403 vs 158.75297323348406
        new("y / (x + softplus(x - 1.5))", "y=0.05735506396652226, x=1.7306791709163365", Hess, "x,x", Carried), // random: 0.014679840490645869 vs 0.01467984049064587
        new("x / atan(x ** (-x))", "x=2.50954588396416", Hess, "x,x", Carried), // random: 141.97623398805408 vs 141.9762339880541
        new("x / atan(x ** (-x))", "x=2.50954588396416", Fwd, "x", Carried), // random: 58.437196874166226 vs 58.43719687416623
        new("max(relu(x / log1p(x)), -(tanh(0.5) + exp(x)))", "x=0.6736432312743146", Hess, "x,x", Carried), // random: -0.07748745096063447 vs -0.0774874509606347
        new("max(relu(x / log1p(x)), -(tanh(0.5) + exp(x)))", "x=0.6736432312743146", Fwd, "x", Carried), // random: 0.42417003457319846 vs 0.42417003457319824
        new("softplus(leaky_relu(x))", "x=0.060239819033129194", Hess, "x,x", Carried), // random: 0.24977333486354034 vs 0.24977333486354036
        new("exp(leaky_relu(x) / expm1(x)) ** 2", "x=0.2560088106876117", Fwd, "x", Carried), // random: -5.290470770474838 vs -5.290470770474835
        new("atan((-sigmoid(x)) ** (min(y, y) / (-y)))", "x=0.08597582313915497, y=2.3548558054052595", Hess, "x,x", Carried), // random: -0.04857139793725904 vs -0.048571397937259043
        new("max(softplus(y), max(y, y)) * cos(abs(x))", "y=0.01608394726970433, x=-8.804147875065436", Hess, "y,y", Carried), // random: -0.203364895724553 vs -0.20336489572455296
        new("log1p(max(leaky_relu(x), (x * x) ** softplus(x)))", "x=14.83019030232735", Hess, "x,x", Carried), // random: 0.13486189023634598 vs 0.13486189023634532
        new("x ** x", "x=0.5874389676668574", Hess, "x,x", Carried), // random: 1.4056751140554862 vs 1.405675114055486
        new("(((x / y) / (y + x)) ** tanh(y)) * (max(elu(y), y ** -2) + atan(tanh(y)))", "x=-28.576969252727885, y=2.562964318904908", Hess, "x,y", Carried), // random: 0.0019110205515243707 vs 0.0019110205515243729
        new("(((x / y) / (y + x)) ** tanh(y)) * (max(elu(y), y ** -2) + atan(tanh(y)))", "x=-28.576969252727885, y=2.562964318904908", Hess, "y,y", Carried), // random: 0.11594694067879746 vs 0.11594694067879752
        new("(((x / y) / (y + x)) ** tanh(y)) * (max(elu(y), y ** -2) + atan(tanh(y)))", "x=-28.576969252727885, y=2.562964318904908", Fwd, "x", Carried), // random: 0.00492983618726864 vs 0.004929836187268643
        new("expm1(x) / (x / ((y ** x) / softplus(y)))", "x=-0.6274542914863721, y=0.35413239241966465", Fwd, "x", Carried), // random: -0.9489974582424932 vs -0.948997458242493
        new("softplus(sigmoid(y ** y)) / leaky_relu(-leaky_relu(x))", "y=2.9013225376444387, x=0.01209920027889877", Hess, "y,x", Carried), // random: 0.006416042445863384 vs 0.0064160424458633855
        new("gelu(min(x, x))", "x=-1.9019035963212658", Hess, "x,x", Carried), // random: -0.10573303902929032 vs -0.1057330390292903
        new("relu(gelu(abs(abs(x))))", "x=6.199809779383303", Hess, "x,x", Carried), // random: -6.543838385939008E-08 vs -6.543838385939009E-08
        new("atan(3 / x) * (log1p(x) ** -1)", "x=26.90756459071055", Hess, "x,x", Carried), // random: 0.00013732234089022208 vs 0.00013732234089022205
        new("atan(3 / x) * (log1p(x) ** -1)", "x=26.90756459071055", Fwd, "x", Carried), // random: -0.0015884710546219911 vs -0.001588471054621991
        new("atan(sigmoid(y))", "y=-1.9755155907752044", Hess, "y,y", Carried), // random: 0.07701851649562695 vs 0.07701851649562694
        new("x ** x", "x=0.590172494782506", Hess, "x,x", Carried), // random: 1.4049067544928273 vs 1.4049067544928278
        new("sin(sigmoid(x))", "x=-2.6207328827980785", Hess, "x,x", Carried), // random: 0.0542462976353256 vs 0.054246297635325604
        new("(y + y) * softplus(x)", "y=1.8867992184061437, x=-2.141737130495228", Hess, "x,x", Carried), // random: 0.3549395299091608 vs 0.35493952990916067
        new("tanh(sigmoid(atan(y) ** -3))", "y=-9.699396644795943", Grad, "y", Carried), // random: -0.0013937362290190154 vs -0.0013937362290190145
        new("tanh(sigmoid(atan(y) ** -3))", "y=-9.699396644795943", Hess, "y,y", Carried), // random: -0.00032465958608581376 vs -0.00032465958608581354
        new("tanh(sigmoid(atan(y) ** -3))", "y=-9.699396644795943", Fwd, "y", Carried), // random: -0.0013937362290190154 vs -0.0013937362290190145
        new("elu(x ** x)", "x=0.351732589985871", Hess, "x,x", Carried), // random: 1.9700770207015994 vs 1.9700770207015996
        new("min(x ** -0.5, cos(x))", "x=1.0460122264288003", Grad, "x", Carried), // random: -0.8654321331587956 vs -0.8654321331587957
        new("min(x ** -0.5, cos(x))", "x=1.0460122264288003", Fwd, "x", Carried), // random: -0.8654321331587956 vs -0.8654321331587957
        new("min(expm1(x), x / y)", "x=-0.0023039763704495175, y=-0.0669383127223209", Fwd, "x", Carried), // random: 0.9976986757459123 vs 0.9976986757459128
        new("atan(sigmoid(x))", "x=0.4410847065550909", Hess, "x,x", Carried), // random: -0.0745142384490747 vs -0.07451423844907468
        new("sin(sigmoid(max(y, x)))", "y=0.08591947460774296, x=0.15854164723165454", Hess, "x,x", Carried), // random: -0.04856958952353029 vs -0.04856958952353031
        new("tanh(abs(x))", "x=-1.197281959388065", Grad, "x", Carried), // random: -0.3064047355304521 vs -0.30640473553045233
        new("tanh(abs(x))", "x=-1.197281959388065", Hess, "x,x", Carried), // random: -0.510362232389655 vs -0.5103622323896553
        new("tanh(abs(x))", "x=-1.197281959388065", Fwd, "x", Carried), // random: -0.3064047355304521 vs -0.30640473553045233
        new("x ** x", "x=0.04858761240874901", Hess, "x,x", Carried), // random: 21.30679388360283 vs 21.306793883602833
        new("x + (gelu(1.5 * x) ** 4)", "x=-0.8652898610381685", Hess, "x,x", Carried), // random: 0.005823948368354837 vs 0.005823948368354838
        new("sigmoid(x) * log1p(atan(0.5))", "x=0.6162940341357812", Hess, "x,x", Carried), // random: -0.025911583665232107 vs -0.025911583665232114
        new("(-softplus(x - x)) / (softplus(log(x)) ** -3)", "x=0.14307321549731045", Fwd, "x", Carried), // random: -0.032528815575059336 vs -0.03252881557505934
        new("leaky_relu(x ** x)", "x=1.4025723303334043", Hess, "x,x", Carried), // random: 4.024530648353084 vs 4.024530648353083
        new("tanh(log1p(sigmoid(y)))", "y=-0.005544334064735895", Grad, "y", Carried), // random: 0.14224310494808157 vs 0.1422431049480816
        new("tanh(log1p(sigmoid(y)))", "y=-0.005544334064735895", Hess, "y,y", Carried), // random: -0.041550233324343815 vs -0.04155023332434383
        new("tanh(log1p(sigmoid(y)))", "y=-0.005544334064735895", Fwd, "y", Carried), // random: 0.14224310494808154 vs 0.14224310494808157
        new("(gelu(y) + abs(y)) + elu(y / y)", "y=0.24681626859131223", Hess, "y,y", Carried), // random: 0.7503742906877111 vs 0.7503742906877129
        new("((-1) / x) ** gelu(x)", "x=-2.9639948888940375", Hess, "x,x", Carried), // random: 0.027315934575933582 vs 0.027315934575933568
        new("log1p(relu(relu(x)) + expm1(x / x))", "x=0.06878581630850775", Grad, "x", Carried), // random: 0.3588000463058018 vs 0.35880004630580187
        new("log1p(relu(relu(x)) + expm1(x / x))", "x=0.06878581630850775", Hess, "x,x", Carried), // random: -0.12873747322904552 vs -0.12873747322904555
        new("log1p(relu(relu(x)) + expm1(x / x))", "x=0.06878581630850775", Fwd, "x", Carried), // random: 0.3588000463058018 vs 0.35880004630580187
        new("x ** ((y * y) ** sin(x))", "x=2.777403589835128, y=1.1324094851540032", Hess, "x,x", Carried), // random: -1.0536469875772296 vs -1.0536469875772299
        new("log(cos(gelu(x))) / (x - softplus(x - x))", "x=-1.963669818939612", Hess, "x,x", Carried), // random: 0.006329512810938993 vs 0.006329512810938994
        new("x ** x", "x=0.08190065870494595", Hess, "x,x", Carried), // random: 11.785985718307412 vs 11.785985718307414
        new("log((min(x, x) / (x + (-2.5))) * cos(leaky_relu(x)))", "x=-5.445722453013306", Fwd, "x", Carried), // random: -0.057231373485232176 vs -0.057231373485232155
        new("gelu(0.1 - y)", "y=-0.04172967673038191", Hess, "y,y", Carried), // random: 0.7819774058322434 vs 0.7819774058322433
        new("(log1p(tanh(y)) + sqrt(min(y, x))) / log(softplus(min(y, y)))", "y=2.566543648278773, x=1.7388116031950576", Hess, "y,x", Carried), // random: -0.14144681450924146 vs -0.1414468145092415
        new("(log1p(tanh(y)) + sqrt(min(y, x))) / log(softplus(min(y, y)))", "y=2.566543648278773, x=1.7388116031950576", Fwd, "y", Carried), // random: -0.736195034828262 vs -0.7361950348282621
        new("-min(gelu(x) - atan(x), y)", "x=-2.7808115249292706, y=1.3404655194762087", Hess, "x,x", Carried), // random: 0.12080070680423922 vs 0.12080070680423921
        new("((x ** 1.5) ** 2) + (x / (x * x))", "x=1.8740730833920232", Hess, "x,x", Carried), // random: 11.548296326403888 vs 11.548296326403886
        new("(tanh(x + x) * x) + (tanh(leaky_relu(x)) ** softplus(x ** 2))", "x=1.6448979182666683", Hess, "x,x", Carried), // random: -0.10112927274433042 vs -0.10112927274433048
        new("softplus(x ** 3)", "x=1.6223235226622723", Hess, "x,x", Carried), // random: 10.447627636809028 vs 10.44762763680903
        new("min(cos(x), x ** x) ** 0.3", "x=0.029078389991340103", Hess, "x,x", Carried), // random: 10.565409895285892 vs 10.56540989528589
        new("(gelu(x) + atan(x)) * (cos(x) + min(x, x))", "x=-2.415879170851966", Hess, "x,x", Carried), // random: -0.621513792991933 vs -0.6215137929919332
        new("tanh(y) - atan(y + sigmoid(y))", "y=-1.3654204601330766", Hess, "y,y", Carried), // random: -0.20569627375010158 vs -0.20569627375010163
        new("(tanh(x) - (softplus(x) / min(y, 2))) / expm1(x * relu(y))", "x=1.5042061643190765, y=0.049444795679085024", Fwd, "x", Carried), // random: 87.9667203672417 vs 87.96672036724169
        new("gelu(y) * (x ** y)", "y=-2.642419235884664, x=0.24047023350876984", Hess, "y,y", Carried), // random: -0.12255364192203455 vs -0.12255364192203366
        new("((x / x) / log(x)) ** (max(x, x) ** 3)", "x=1.0738093318554274", Fwd, "x", Carried), // random: -185.81156676982638 vs -185.81156676982633
        new("tanh(x) / sin(y)", "x=-0.07085422373128392, y=0.07144173094010389", Grad, "y", Carried), // random: 13.847317156816077 vs 13.84731715681608
        new("tanh(x) / sin(y)", "x=-0.07085422373128392, y=0.07144173094010389", Hess, "x,x", Carried), // random: 1.9720089286506386 vs 1.972008928650639
        new("tanh(x) / sin(y)", "x=-0.07085422373128392, y=0.07144173094010389", Hess, "y,y", Carried), // random: -387.9846825252775 vs -387.9846825252776
        new("tanh(x) / sin(y)", "x=-0.07085422373128392, y=0.07144173094010389", Fwd, "y", Carried), // random: 13.847317156816077 vs 13.84731715681608
        new("(gelu(y) + log1p(x)) * ((y ** y) / sin(x))", "y=1.0013592694193676, x=0.4515737381417857", Hess, "y,y", Carried), // random: 11.115018619276167 vs 11.115018619276166
        new("gelu(min(x, x))", "x=-1.6038856703684385", Hess, "x,x", Carried), // random: -0.06310253348402337 vs -0.06310253348402345
        new("sqrt(sin(cos(x)) + ((x / x) ** 3))", "x=2.644136366112118", Hess, "x,x", Carried), // random: 0.5572754746816648 vs 0.557275474681665
        new("expm1((y ** -2) ** (x * y))", "y=0.6183008045759779, x=1.4265348617113052", Grad, "y", Carried), // random: -35.74282435792746 vs -35.74282435792745
        new("expm1((y ** -2) ** (x * y))", "y=0.6183008045759779, x=1.4265348617113052", Grad, "x", Carried), // random: 14.345035238450432 vs 14.34503523845043
        new("expm1((y ** -2) ** (x * y))", "y=0.6183008045759779, x=1.4265348617113052", Hess, "y,y", Carried), // random: 65.2599317616572 vs 65.2599317616571
        new("expm1((y ** -2) ** (x * y))", "y=0.6183008045759779, x=1.4265348617113052", Hess, "y,x", Carried), // random: -95.93098357526716 vs -95.93098357526718
        new("expm1((y ** -2) ** (x * y))", "y=0.6183008045759779, x=1.4265348617113052", Hess, "x,x", Carried), // random: 28.445107815117915 vs 28.445107815117908
        new("expm1((y ** -2) ** (x * y))", "y=0.6183008045759779, x=1.4265348617113052", Fwd, "x", Carried), // random: 14.345035238450432 vs 14.34503523845043
        new("exp(softplus(x ** x))", "x=1.2413480814861657", Hess, "x,x", Carried), // random: 20.406626700591513 vs 20.40662670059151
        new("(sigmoid(atan(y)) * (leaky_relu(y) + (0.1 / 1.5))) / relu(min(y / y, x ** y))", "y=-2.998062503897062, x=0.6256279510351548", Hess, "y,y", Carried), // random: 0.0007640475225789631 vs 0.0007640475225789633
        new("-(x ** x)", "x=0.663218279309139", Hess, "x,x", Carried), // random: -1.4128432500421426 vs -1.4128432500421424
        new("cos(softplus(min(x, x)) * sin(x ** x))", "x=0.15234799449520064", Hess, "x,x", Carried), // random: -1.2720415379347634 vs -1.2720415379347636
        new("(elu(x) + y) / log(leaky_relu(x))", "x=2.41103822889683, y=-3.4651673266085545", Fwd, "x", Carried), // random: 1.7007942656069952 vs 1.7007942656069948
        new("((-1) + sigmoid(leaky_relu(x))) + (gelu(x) / log1p(min(x, x)))", "x=2.630888717677273", Fwd, "x", Carried), // random: 0.426512796365877 vs 0.4265127963658771
        new("log(-(atan(x) / (0.5 ** x)))", "x=-6.877172808970462", Fwd, "x", Carried), // random: 0.6786310112132476 vs 0.6786310112132475
        new("softplus(x ** y) + ((y ** 0.3) ** atan(y))", "x=0.2807328483732139, y=0.7331905423881575", Grad, "y", Carried), // random: -0.1119633677592907 vs -0.11196336775929075
        new("softplus(x ** y) + ((y ** 0.3) ** atan(y))", "x=0.2807328483732139, y=0.7331905423881575", Fwd, "y", Carried), // random: -0.11196336775929075 vs -0.1119633677592908
        new("leaky_relu(cos(x ** x))", "x=0.5608339101187485", Hess, "x,x", Carried), // random: -1.0076954529865194 vs -1.0076954529865196
        new("exp(min(x * x, x / x)) * ((min(x, x) ** softplus(x)) / x)", "x=1.5157611240260804", Fwd, "x", Carried), // random: 2.9718448665032176 vs 2.9718448665032167
        new("sigmoid(cos(relu(log1p(x))))", "x=1.9977425243566351", Grad, "x", Carried), // random: -0.07052043821324039 vs -0.07052043821324037
        new("sigmoid(cos(relu(log1p(x))))", "x=1.9977425243566351", Hess, "x,x", Carried), // random: 0.006798967694813821 vs 0.006798967694813814
        new("sigmoid(cos(relu(log1p(x))))", "x=1.9977425243566351", Fwd, "x", Carried), // random: -0.07052043821324039 vs -0.07052043821324037
        new("tanh(min(x, x))", "x=-0.302582892963815", Hess, "x,x", Carried), // random: 0.5366933004053367 vs 0.5366933004053368
        new("max(elu(y * y) ** sqrt(exp(y)), expm1(max(y * y, exp(x))))", "y=1.965294099789718, x=0.727210018049405", Grad, "y", Carried), // random: 187.01147571925506 vs 187.01147571925503
        new("max(elu(y * y) ** sqrt(exp(y)), expm1(max(y * y, exp(x))))", "y=1.965294099789718, x=0.727210018049405", Hess, "y,y", Carried), // random: 830.222092048956 vs 830.2220920489559
        new("max(elu(y * y) ** sqrt(exp(y)), expm1(max(y * y, exp(x))))", "y=1.965294099789718, x=0.727210018049405", Fwd, "y", Carried), // random: 187.01147571925506 vs 187.01147571925503
        new("x ** x", "x=0.04496398946364405", Hess, "x,x", Carried), // random: 23.18753520187913 vs 23.187535201879133
        new("sqrt(x ** x) + (-((-2.5) - x))", "x=0.026744283902904814", Hess, "x,x", Carried), // random: 19.448563683881016 vs 19.448563683881012
        new("softplus(exp(x))", "x=0.39189716578205136", Hess, "x,x", Carried), // random: 1.5361405065597151 vs 1.5361405065597153
        new("(x ** x) + atan(x)", "x=0.26509111751632375", Hess, "x,x", Carried), // random: 2.2657630967567584 vs 2.265763096756759
        new("atan(x) / x", "x=-0.02263958953555452", Fwd, "x", Carried), // random: 0.015083781629953646 vs 0.015083781629954274
        new("softplus(log(x))", "x=0.4382796708850436", Hess, "x,x", Carried), // random: -0.4834074240713049 vs -0.48340742407130466
        new("-leaky_relu(sin(x) / min(x, x))", "x=0.1552897157552091", Fwd, "x", Carried), // random: 0.05163851953286557 vs 0.051638519532865246
        new("relu(min(tanh(x), min(x, x)))", "x=2.1560677341592998", Fwd, "x", Carried), // random: 0.0522104406075361 vs 0.05221044060753608
        new("atan(x) * ((-log(x)) * ((3 - x) ** 0))", "x=1.4937536674200702", Hess, "x,x", Carried), // random: 0.14005732252117956 vs 0.1400573225211796
        new("sin(min(min(x / y, x ** y), (x + y) + (x + 0.5)))", "x=2.5333719527848055, y=0.09673127724239444", Fwd, "x", Carried), // random: 0.019169012100536825 vs 0.01916901210053683
        new("min(sqrt(x / softplus(x)), sin(max(x - (-1), softplus(x))))", "x=0.7404175097806132", Hess, "x,x", Carried), // random: -0.5569317998428388 vs -0.5569317998428389
        new("min(sqrt(x / softplus(x)), sin(max(x - (-1), softplus(x))))", "x=0.7404175097806132", Fwd, "x", Carried), // random: 0.3041454045756282 vs 0.30414540457562816
        new("sigmoid(elu(x) - expm1(x))", "x=0.3283178622761058", Hess, "x,x", Carried), // random: -0.3457047907408541 vs -0.34570479074085414
        new("log1p(softplus(elu(x) / (x / x)))", "x=-0.06188916479195328", Hess, "x,x", Carried), // random: 0.33160521331153103 vs 0.3316052133115311
        new("elu(log1p(gelu(x)))", "x=-0.5367192947993686", Hess, "x,x", Carried), // random: 0.5913486260060402 vs 0.5913486260060403
        new("tanh(y + x) * (min(y, x) / x)", "y=-0.7224055881501483, x=0.43414049423601675", Hess, "x,x", Carried), // random: 11.155717207827339 vs 11.15571720782734
        new("tanh(y + x) * (min(y, x) / x)", "y=-0.7224055881501483, x=0.43414049423601675", Fwd, "y", Carried), // random: -2.179222362730499 vs -2.1792223627304996
        new("((y / x) - (x * y)) / (abs(y) + relu(y))", "y=-0.36537192763607607, x=-0.8750302415473614", Fwd, "y", Carried), // random: -4.557915950774602E-16 vs -4.440892098500626E-16
        new("atan(y) / y", "y=0.054132788292847484", Fwd, "y", Carried), // random: -0.035962019961630946 vs -0.035962019961630176
        new("softplus((x - x) * (x + x)) - (x ** x)", "x=0.4921473497938216", Hess, "x,x", Carried), // random: -1.4931570485382941 vs -1.493157048538294
        new("(softplus(x + y) * (sqrt(x) ** 1.5)) ** (softplus(log(x)) ** 0.5)", "x=1.3634053000256499, y=1.507416296655534", Hess, "y,y", Carried), // random: 0.030357098248634404 vs 0.030357098248634445
        new("-min(y / y, expm1(x))", "y=26.708718268803846, x=-1.3692442643641292", Grad, "x", Carried), // random: -0.25429906982060146 vs -0.25429906982060135
        new("-min(y / y, expm1(x))", "y=26.708718268803846, x=-1.3692442643641292", Hess, "x,x", Carried), // random: -0.25429906982060146 vs -0.25429906982060135
        new("-min(y / y, expm1(x))", "y=26.708718268803846, x=-1.3692442643641292", Fwd, "x", Carried), // random: -0.25429906982060146 vs -0.25429906982060135
        new("micrograd test_more_ops", "a=-4, b=2", Hess, "b,a", Carried), // micrograd test_engine: 1989.780924614744 vs 1989.7809246147444
        new("micrograd test_more_ops_as_written", "a=-4, b=2", Hess, "b,a", Carried), // micrograd test_engine: 1989.780924614744 vs 1989.7809246147444
    ];

    private static readonly Lazy<HashSet<CheckKey>> Known = new(() => [.. KnownDifferences.Select(d => d.Key)]);
}
