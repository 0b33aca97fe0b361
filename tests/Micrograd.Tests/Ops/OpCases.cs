using CsCheck;
using Micrograd.Ops;

namespace Micrograd.Tests.Ops;

/// <summary>One op of the engine under test: how to build it from leaves, and where each operand may be drawn.</summary>
/// <param name="Name">The op's name (its key in <see cref="OpCases"/>).</param>
/// <param name="Op">The op.</param>
/// <param name="Domains">One generator per input leaf, away from the op's kinks and singularities, where finite differences are meaningful.</param>
/// <param name="Build">Builds the op's node from the input leaves.</param>
internal sealed record OpCase(string Name, Op Op, Gen<double>[] Domains, Func<IReadOnlyList<Value>, Value> Build)
{
    public override string ToString() => Name;
}

/// <summary>
/// Every op of <see cref="OpCatalog.All"/>, and constant powers of exponents beyond the common ones, each with the domains
/// its tests draw from. The tests of every op read this list, which reads the catalog: an op added to the catalog without
/// a domain here fails every one of them, and <see cref="OpCatalogTests"/> fails for an op class missing from the catalog.
/// </summary>
internal static class OpCases
{
    private static readonly Gen<double> Wide = Gen.Double[-10, 10];

    private static readonly Gen<double> BeyondHalf = Gen.Double[-10, 10].Where(x => Math.Abs(x) > 0.5);

    /// <summary>Numbers at the edges of the ops' domains: zeros of both signs, subnormals, saturation and overflow, NaN, infinities.</summary>
    public static readonly double[] Edges =
        [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, -3.0, 1e-310, -1e-310, 20.0, 400.0, -400.0, 710.0, -800.0, 1e300,
         double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon];

    private static readonly Dictionary<string, Gen<double>[]> Domains = new()
    {
        ["+"] = [Wide, Wide],
        ["-"] = [Wide, Wide],
        ["*"] = [Wide, Wide],
        ["/"] = [Wide, Away(Wide, 0)],
        // At an exponent of exactly 0, d/da is 0 by PyTorch's convention (a where(b == 0, 0, …)), whose own derivative in b is then 0.
        ["**"] = [Gen.Double[0.1, 4], Away(Gen.Double[-3, 3], 0)],
        ["neg"] = [Wide],
        ["abs"] = [Away(Gen.Double[-5, 5], 0)],
        ["cos"] = [Gen.Double[-7, 7]],
        ["exp"] = [Gen.Double[-5, 5]],
        ["log"] = [Gen.Double[0.05, 20]],
        ["relu"] = [Away(Gen.Double[-5, 5], 0)],
        ["sigmoid"] = [Gen.Double[-8, 8]],
        ["sin"] = [Gen.Double[-7, 7]],
        ["sqrt"] = [Gen.Double[0.05, 20]],
        ["tanh"] = [Gen.Double[-4, 4]],
        ["**2"] = [Gen.Double[-5, 5]],
        ["**3"] = [Gen.Double[-3, 3]],
        ["**-1"] = [Away(Gen.Double[-5, 5], 0)],
        ["**0.5"] = [Gen.Double[0.05, 10]],
        ["**-2"] = [Away(Gen.Double[-5, 5], 0)],
        ["**-0.5"] = [Gen.Double[0.1, 10]],
        ["**1"] = [Gen.Double[-5, 5]],
        ["**0"] = [Gen.Double[-5, 5]],
        ["**1.7"] = [Gen.Double[0.05, 5]],
        ["**-2.5"] = [Gen.Double[0.2, 5]],
        ["sum"] = [Wide, Wide],
        ["fma+1"] = [Wide, Wide],
        // Disjoint, so that no central difference straddles a tie (a = b): a is the larger where a > 0, the smaller where a < 0.
        ["max"] = [BeyondHalf, Gen.Double[-0.4, 0.4]],
        ["min"] = [BeyondHalf, Gen.Double[-0.4, 0.4]],
        ["leaky_relu"] = [Away(Gen.Double[-5, 5], 0)],
        ["elu"] = [Away(Gen.Double[-5, 5], 0)],
        ["softplus"] = [Away(Gen.Double[-30, 30], 20)],
        ["gelu"] = [Gen.Double[-7, 7]],
        ["log1p"] = [Gen.Double[-0.95, 20]],
        ["expm1"] = [Gen.Double[-5, 5]],
        ["atan"] = [Wide],
        ["erf"] = [Gen.Double[-4, 4]],
        ["hardtanh"] = [Away(Away(Gen.Double[-3, 3], -1), 1)],
    };

    /// <summary>Constant powers beyond <see cref="PowConstantOp.Common"/>, which fall back to <see cref="Math.Pow"/>.</summary>
    private static readonly double[] OtherExponents = [1.7, -2.5];

    private static readonly Lazy<IReadOnlyList<OpCase>> s_all = new(() =>
        OpCatalog.All.Concat(OtherExponents.Select(PowConstantOp.For)).Select(Case).ToList());

    public static IReadOnlyList<OpCase> All => s_all.Value;

    public static OpCase Get(string name) => All.Single(c => c.Name == name);

    public static TheoryData<string> Names() => new(All.Select(c => c.Name));

    /// <summary>Points at least 0.01 away from a kink, where a central difference straddling it would be wrong.</summary>
    public static Gen<double> Away(Gen<double> gen, double kink) => gen.Where(x => Math.Abs(x - kink) > 0.01);

    /// <summary>The point generator of a case: one number per input.</summary>
    public static Gen<double[]> Points(OpCase c) => c.Domains.Aggregate(
        Gen.Const(Array.Empty<double>()), (points, domain) => Gen.Select(points, domain, (p, x) => (double[])[.. p, x]));

    private static OpCase Case(Op op)
    {
        if (!Domains.TryGetValue(op.Name, out var domains))
            throw new InvalidOperationException($"op '{op.Name}' of the catalog has no domain in {nameof(OpCases)}: give it one, so that every op test covers it");
        Func<IReadOnlyList<Value>, Value> build = op switch
        {
            UnaryOp unary => v => Value.Unary(unary, v[0]),
            BinaryOp binary => v => Value.Binary(binary, v[0], v[1]),
            // Operand 0 twice: an n-ary op must add a contribution for each appearance.
            NaryOp nary => v => Value.Nary(nary, [v[0], v[1], v[0]]),
            _ => throw new InvalidOperationException($"op '{op.Name}' has no arity the tests know"),
        };
        return new OpCase(op.Name, op, domains, build);
    }
}
