namespace Micrograd.Explorer.Tests.Support;

/// <summary>Points at which the page's JavaScript is compared with the engine: edge cases and seeded random values.</summary>
public static class Points
{
    /// <summary>Zeros of both signs, ±1, saturation and overflow points of tanh, sigmoid and exp, tiny and huge values, NaN, ±∞.</summary>
    public static readonly double[] Edges =
    [
        0.0, -0.0, 1, -1, 0.5, -0.5, 2, -2, 3, -3, 0.1, 1.5, -1.5, Math.PI, Math.E, 20, -20, 19.06, 0.99999,
        1e-300, -1e-300, double.Epsilon, -double.Epsilon, 1e-8, -1e-8, 1e300, -1e300, double.MaxValue, -double.MaxValue,
        400, -400, 800, -800, 709.78, 710, -745.2, -746, 1e16, -1e16,
        double.NaN, double.PositiveInfinity, double.NegativeInfinity,
    ];

    /// <summary>Gradients flowing in: ordinary ones, zero, NaN and ∞ (where 0·∞ must give NaN as in the engine).</summary>
    public static readonly double[] Gradients = [1, -0.75, 0, 3.5e-3, double.NaN, double.PositiveInfinity];

    /// <summary>Seeded random values of both signs with magnitudes from 1e-6 to 1e3.</summary>
    public static double[] Random(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => (random.Next(2) == 0 ? -1 : 1) * random.NextDouble() * Math.Pow(10, random.Next(-6, 4)))
            .ToArray();
    }

    /// <summary>A double's bits as a decimal string, how the tests pass exact numbers (NaN, -0 and all) to the page and back.</summary>
    public static string Bits(double x) => unchecked((ulong)BitConverter.DoubleToInt64Bits(x)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static double FromBits(string bits) => BitConverter.Int64BitsToDouble(unchecked((long)ulong.Parse(bits, System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The page-side helpers to decode and encode bits, prepended to scripts the tests evaluate.</summary>
    public const string Codec = """
        const view = new DataView(new ArrayBuffer(8));
        const num = (s) => { view.setBigUint64(0, BigInt(s)); return view.getFloat64(0); };
        const bits = (x) => { view.setFloat64(0, x); return view.getBigUint64(0).toString(); };
        """;
}
