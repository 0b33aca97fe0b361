using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Micrograd.NN.Gpt;

/// <summary>
/// <c>Math.Pow(x, 2)</c> and <c>Math.Pow(x, 0.5)</c> for <see cref="GptAdam"/>, which microgpt writes as <c>g ** 2</c> and
/// <c>v ** 0.5</c>: the same doubles, in about a fifth of the time. The correctly rounded <c>x · x</c> and
/// <see cref="Math.Sqrt"/> are returned where <c>pow</c> provably returns them too, and <see cref="Math.Pow"/> is called
/// everywhere else.
/// </summary>
/// <remarks>
/// <para>The proof rests on the C library's documented accuracy. glibc's <c>pow</c> (sysdeps/ieee754/dbl-64/e_pow.c, since
/// 2.28) is within 0.54 ULP of the exact result. So when the exact square or square root t lies within 0.45 of a gap of
/// the nearest double c (that is, at least 0.05 gap from the midpoint between c and its neighbour on t's side), the
/// neighbour is more than 0.55 ULP from t and <c>pow</c> can only return c. The distance is measured exactly: the
/// square's rounding error by a fused multiply-add, the square root's by its residual <c>s·s − v</c>. At ±0, <c>pow</c>
/// returns +0 (C99 Annex F). About nine in ten calls take the short path. Outside the normal range, and on any other C library (musl, Windows, macOS, whose
/// <c>pow</c> documents no such bound), every call is <see cref="Math.Pow"/>.</para>
/// </remarks>
internal static class CPow
{
    private const double Margin = 0.45;
    private const double Low = 1e-270;
    private const double High = 1e270;

    /// <summary>Whether the short paths may be taken: the runtime is built for glibc (Linux, not musl).</summary>
    public static bool Enabled { get; } = OperatingSystem.IsLinux() && !RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal);

    /// <summary><see cref="Math.Pow"/>(x, 2): +0 at ±0, else x · x when that is provably <c>pow</c>'s result.</summary>
    public static double Square(double x)
    {
        if (Enabled)
        {
            if (x == 0) return 0.0;
            var p = x * x;
            if (p >= Low && p <= High && Math.Abs(Math.FusedMultiplyAdd(x, x, -p)) <= Margin * Gap(p)) return p; // the exact x² − p
        }
        return Math.Pow(x, 2);
    }

    /// <summary><see cref="Math.Pow"/>(x, 0.5): +0 at ±0, else <see cref="Math.Sqrt"/> when that is provably <c>pow</c>'s
    /// result.</summary>
    public static double SquareRoot(double x)
    {
        if (Enabled)
        {
            if (x == 0) return 0.0;
            if (x >= Low && x <= High)
            {
                // √x − s ≈ −(s² − x) / 2s, with s² − x exact: within Margin of a gap when |s² − x| ≤ 2·Margin · gap · s
                var s = Math.Sqrt(x);
                if (Math.Abs(Math.FusedMultiplyAdd(s, s, -x)) <= Margin * Gap(s) * (2 * s)) return s;
            }
        }
        return Math.Pow(x, 0.5);
    }

    /// <summary>
    /// <see cref="Math.Pow"/>(x, 2) for every entry of <paramref name="x"/> into <paramref name="squares"/>: the same numbers
    /// as <see cref="Square"/>, a vector at a time, with <see cref="Math.Pow"/> called for the lanes the test leaves open.
    /// </summary>
    public static void Squares(ReadOnlySpan<double> x, Span<double> squares)
    {
        var i = 0;
        if (Enabled && Vector.IsHardwareAccelerated)
        {
            for (; i + Vector<double>.Count <= x.Length; i += Vector<double>.Count)
            {
                var v = new Vector<double>(x[i..]);
                var square = v * v;
                var open = Open(v, square, Vector.FusedMultiplyAdd(v, v, -square), square, Vector<double>.One, ref square);
                square.CopyTo(squares[i..]);
                for (; open != 0; open &= open - 1)
                {
                    var lane = BitOperations.TrailingZeroCount(open);
                    squares[i + lane] = Math.Pow(v[lane], 2);
                }
            }
        }
        for (; i < x.Length; i++) squares[i] = Square(x[i]);
    }

    /// <summary><see cref="Math.Pow"/>(x, 0.5) for every entry of <paramref name="x"/> into <paramref name="roots"/> (which
    /// may be the same span), as <see cref="Squares"/> does for squares.</summary>
    public static void SquareRoots(ReadOnlySpan<double> x, Span<double> roots)
    {
        var i = 0;
        if (Enabled && Vector.IsHardwareAccelerated)
        {
            for (; i + Vector<double>.Count <= x.Length; i += Vector<double>.Count)
            {
                var v = new Vector<double>(x[i..]);
                var root = Vector.SquareRoot(v);
                var open = Open(v, v, Vector.FusedMultiplyAdd(root, root, -v), root, new Vector<double>(2) * root, ref root);
                root.CopyTo(roots[i..]);
                for (; open != 0; open &= open - 1)
                {
                    var lane = BitOperations.TrailingZeroCount(open);
                    roots[i + lane] = Math.Pow(v[lane], 0.5);
                }
            }
        }
        for (; i < x.Length; i++) roots[i] = SquareRoot(x[i]);
    }

    /// <summary>The vector form of the test: sets the lanes whose <paramref name="operand"/> is ±0 to +0 in
    /// <paramref name="result"/>, and returns a bit for each lane that is neither 0 nor provably <c>pow</c>'s: with
    /// <paramref name="ranged"/> (the square, or the square root's operand) in the normal range and
    /// |<paramref name="error"/>| ≤ Margin · gap · <paramref name="scale"/> (scale 1 for a square's rounding error, 2s for a
    /// square root's residual).</summary>
    private static uint Open(Vector<double> operand, Vector<double> ranged, Vector<double> error, Vector<double> candidate, Vector<double> scale, ref Vector<double> result)
    {
        var isZero = Vector.Equals(operand, Vector<double>.Zero);
        var inRange = Vector.GreaterThanOrEqual(ranged, new Vector<double>(Low)) & Vector.LessThanOrEqual(ranged, new Vector<double>(High));
        var close = Vector.LessThanOrEqual(Vector.Abs(error), new Vector<double>(Margin) * Gap(candidate) * scale);
        result = Vector.ConditionalSelect(isZero, Vector<double>.Zero, result);
        return ~Lanes(isZero | (inRange & close)) & ((1u << Vector<double>.Count) - 1);
    }

    /// <summary>A bit for each lane of a mask whose lane is all ones.</summary>
    private static uint Lanes(Vector<long> mask) => Vector<long>.Count switch
    {
        2 => Vector128.ExtractMostSignificantBits(mask.AsVector128()),
        4 => Vector256.ExtractMostSignificantBits(mask.AsVector256()),
        _ => (uint)Vector512.ExtractMostSignificantBits(mask.AsVector512()),
    };

    /// <summary>The smaller gap between positive normal <paramref name="x"/> and its neighbours: its ULP, halved at a power of
    /// two (whose neighbour below is half as far).</summary>
    private static double Gap(double x)
    {
        var bits = BitConverter.DoubleToInt64Bits(x);
        var ulp = BitConverter.Int64BitsToDouble((bits & ExponentMask) - (52L << 52));
        return (bits & MantissaMask) == 0 ? ulp * 0.5 : ulp;
    }

    private static Vector<double> Gap(Vector<double> x)
    {
        var bits = Vector.AsVectorInt64(x);
        // (Outside the normal range this is no gap, but such a lane is refused anyway.)
        var ulp = Vector.AsVectorDouble((bits & new Vector<long>(ExponentMask)) - new Vector<long>(52L << 52));
        return Vector.ConditionalSelect(Vector.Equals(bits & new Vector<long>(MantissaMask), Vector<long>.Zero), ulp * new Vector<double>(0.5), ulp);
    }

    private const long ExponentMask = 0x7FF0000000000000L;
    private const long MantissaMask = 0x000FFFFFFFFFFFFFL;
}
