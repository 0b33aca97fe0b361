using Micrograd.Ops;
using static Micrograd.Onnx.OnnxTensor;

namespace Micrograd.Onnx;

/// <summary>
/// Functions that ONNX Runtime's CPU provider has no float64 kernel for (Atan; log1p and expm1 are no ONNX ops at all; erf is
/// the engine's own generic fdlibm erf, <see cref="Micrograd.Shared.Fdlibm.Erf{T}"/>, on <see cref="OnnxTensor"/>),
/// composed of ops that have one (arithmetic, Abs, Exp, Log, Floor, comparisons and Where), to give the engine's numbers to
/// about 1e-15. ONNX Runtime's Exp and Log differ from the C library's in the last bit at some points (an eighth of them for
/// Exp), so where a formula would magnify that (eˣ − 1 near 0), the composition does not call them. Each of these functions
/// is odd and keeps the sign of zero, which each puts back on its result (<see cref="OnnxTensor.WithSign"/>).
/// </summary>
internal static class OnnxMath
{
    /// <summary>Below this, log1p and expm1 use their series; above it, Log(1 + x) and Exp(x) − 1 lose at most 2 digits.</summary>
    private const double SeriesBelow = 0.01;

    /// <summary>expm1's Taylor series to x⁷, divided by x (its remainder is below 2⁻⁵³ of the value for |x| &lt; 0.01).</summary>
    private static ReadOnlySpan<double> Expm1Series => [1, 1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040];

    /// <summary>log1p's Taylor series to x⁸, divided by x.</summary>
    private static ReadOnlySpan<double> Log1pSeries => [1, -1.0 / 2, 1.0 / 3, -1.0 / 4, 1.0 / 5, -1.0 / 6, 1.0 / 7, -1.0 / 8];

    /// <summary>eˣ − 1: its series near 0 (x times a polynomial, which keeps −0), Exp(x) − 1 elsewhere. expm1(±0) = ±0,
    /// expm1(−∞) = −1, NaN stays NaN.</summary>
    public static OnnxTensor Expm1(OnnxTensor x) =>
        Where(x.Abs().Less(SeriesBelow), x * x.Polynomial(Expm1Series), x.Exp() - 1).WithSign(x.Sign());

    /// <summary>log(1 + x): its series near 0, Log(1 + x) elsewhere (1 + x is exact from −1 to −0.5). log1p(−1) = −∞, NaN
    /// below −1, log1p(±0) = ±0.</summary>
    public static OnnxTensor Log1p(OnnxTensor x) =>
        Where(x.Abs().Less(SeriesBelow), x * x.Polynomial(Log1pSeries), (x + 1).Log()).WithSign(x.Sign());

    /// <summary>
    /// eˣ, the export's <see cref="IOpNumber{T}.Exp"/>: rounded as the C library rounds it (correctly, but for rare ties) where
    /// that matters most, near 0: there 1 + expm1(x) by the series, so that eˣ − 1 (elu's, as PyTorch computes it) has the
    /// engine's value; ONNX's Exp elsewhere.
    /// </summary>
    public static OnnxTensor Exp(OnnxTensor x) => Where(x.Abs().Less(1e-3), 1 + x * x.Polynomial(Expm1Series), x.Exp());

    /// <summary>
    /// The arctangent by fdlibm's algorithm (reduction to |t| &lt; 7/16 about atan(0.5), atan(1), atan(1.5) or π/2, then an
    /// odd polynomial of degree 23): within 1 ulp, as the C library's. atan(±0) = ±0, atan(±∞) = ±π/2, NaN stays NaN.
    /// </summary>
    public static OnnxTensor Atan(OnnxTensor x)
    {
        var a = x.Abs();
        var below11 = a.Less(0.6875);
        var below19 = a.Less(1.1875);
        var below39 = a.Less(2.4375);
        var t = Where(below11, (2 * a - 1) / (2 + a),
            Where(below19, (a - 1) / (a + 1), Where(below39, (a - 1.5) / (1 + 1.5 * a), -1 / a)));
        var hi = Where(below11, 4.63647609000806093515e-01, Where(below19, 7.85398163397448278999e-01,
            Where(below39, 9.82793723247329054082e-01, 1.57079632679489655800e+00)));
        var lo = Where(below11, 2.26987774529616870924e-17, Where(below19, 3.06161699786838301793e-17,
            Where(below39, 1.39033110312309984516e-17, 6.12323399573676603587e-17)));
        var reduced = hi - ((t * AtanSeries(t) - lo) - t);

        // |x| < 7/16: x − x·(s₁ + s₂) on x itself; below 2⁻²⁷, x (which keeps −0). A NaN takes the reduced branch: NaN.
        var small = Where(a.Less(Math.ScaleB(1, -27)), x, x - x * AtanSeries(x));
        return Where(a.Less(0.4375), small, Where(x.Less(0), -reduced, reduced)).WithSign(x.Sign());
    }

    /// <summary>fdlibm's atan polynomial, s₁ + s₂: odd and even terms in w = t⁴ (t² = z), summed as fdlibm sums them.</summary>
    private static OnnxTensor AtanSeries(OnnxTensor t)
    {
        var z = t * t;
        var w = z * z;
        var s1 = z * w.Polynomial([3.33333333333329318027e-01, 1.42857142725034663711e-01, 9.09088713343650656196e-02,
            6.66107313738753120669e-02, 4.97687799461593236017e-02, 1.62858201153657823623e-02]);
        var s2 = w * w.Polynomial([-1.99999999998764832476e-01, -1.11111104054623557880e-01, -7.69187620504482999495e-02,
            -5.83357013379057348645e-02, -3.65315727442169155270e-02]);
        return s1 + s2;
    }
}
