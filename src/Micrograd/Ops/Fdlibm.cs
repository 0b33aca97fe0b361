// erf, log1p and expm1 are ports of fdlibm (as FreeBSD's msun keeps it), which carries this notice:
//
// ====================================================
// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//
// Developed at SunPro, a Sun Microsystems, Inc. business.
// Permission to use, copy, modify, and distribute this
// software is freely granted, provided that this notice
// is preserved.
// ====================================================

#if MICROGRAD_SHARED_COPY
using Micrograd.Ops;

// a package's own copy (Micrograd.Onnx, Micrograd.Explorer): in its own namespace, so that a test project that sees both the
// core's internals and the package's never meets two Micrograd.Ops.Fdlibm
namespace Micrograd.Shared;
#else
namespace Micrograd.Ops;
#endif

/// <summary>A number that fdlibm's algorithms can run on: an <see cref="IOpNumber{T}"/> that can also zero the low 32 bits of
/// a double (fdlibm's <c>SET_LOW_WORD(x, 0)</c>).</summary>
/// <typeparam name="T">The number type itself.</typeparam>
internal interface IFdlibmNumber<T> : IOpNumber<T> where T : IFdlibmNumber<T>
{
    /// <summary>x with the low 32 bits of its representation zeroed; erf asks it only of |x| in [1.25, 6), and uses it
    /// only there.</summary>
    static abstract T WithLowWordZero(T x);
}

/// <summary>
/// The math functions the ops need that <see cref="Math"/> lacks (.NET has no erf; its <c>double.LogP1</c> and
/// <c>double.ExpM1</c> are <c>Log(1 + x)</c> and <c>Exp(x) − 1</c>, which lose every digit near 0): Sun's fdlibm algorithms,
/// ported operation for operation, so that each rounds exactly as the C original does. erf is written once, generic
/// (<see cref="Erf{T}"/>): the pages' JavaScript erf and the ONNX export's are made from it. The pages' log1p and expm1
/// (Micrograd.Explorer's Twins/Fdlibm.js) are ported the same way, so that C# and JavaScript give the same bits.
/// </summary>
/// <remarks>
/// Measured against correctly rounded values (mpmath, 200 bits; Fixtures/fdlibm_reference.csv), each is within 1 ulp, as
/// fdlibm states: see FdlibmTests for the largest errors. glibc (hence PyTorch on Linux) uses the same algorithms, with
/// polynomials evaluated in another order in places, so the two can differ in the last bit.
/// </remarks>
internal static class Fdlibm
{
#if !MICROGRAD_SHARED_COPY
    /// <summary>The error function, 2/√π ∫₀ˣ e^(−t²) dt: erf(±∞) = ±1, erf(NaN) = NaN, erf(−0) = −0.</summary>
    public static double Erf(double x) => Erf(new Scalar(x)).Number;
#endif

    /// <summary>
    /// The error function on any number type that can zero a double's low word: fdlibm's erf, written once, branch for
    /// branch with its coefficients and its order of operations, its branches as <see cref="IOpNumber{T}.Choose"/> (so a
    /// double, the pages' JavaScript and the ONNX export all compute it from this code). fdlibm branches on the high word
    /// of |x|; every threshold it compares has a zero low word, so comparing |x| itself takes the same branch. A NaN takes
    /// the last branch, which gives NaN; ±∞ the saturated one, ±1.
    /// </summary>
    public static T Erf<T>(T x) where T : IFdlibmNumber<T>
    {
        var a = T.Abs(x);

        // |x| < 0.84375: x + x·P(x²)/Q(x²); below 2⁻²⁸, x + efx·x (and below 2⁻¹⁰¹⁵, scaled so as not to underflow)
        var z = x * x;
        var r = Polynomial(z, [Pp0, Pp1, Pp2, Pp3, Pp4]);
        var s = Polynomial(z, [1, Qq1, Qq2, Qq3, Qq4, Qq5]);
        var tiny = T.Choose(Comparison.Less, a, T.Constant(Math.ScaleB(1, -1015)),
            (T.Constant(8) * x + T.Constant(Efx8) * x) / T.Constant(8), x + T.Constant(Efx) * x);
        var small = T.Choose(Comparison.Less, a, T.Constant(Math.ScaleB(1, -28)), tiny, x + x * (r / s));

        // 0.84375 <= |x| < 1.25: ±(erx + P(s)/Q(s)), s = |x| − 1
        var s1 = a - T.Constant(1);
        var p = Polynomial(s1, [Pa0, Pa1, Pa2, Pa3, Pa4, Pa5, Pa6]);
        var q = Polynomial(s1, [1, Qa1, Qa2, Qa3, Qa4, Qa5, Qa6]);
        var middle = T.Choose(Comparison.Less, x, T.Constant(0), T.Constant(-Erx) - p / q, T.Constant(Erx) + p / q);

        // 1.25 <= |x| < 6: ±(1 − e/|x|), e = exp(−z² − 0.5625)·exp((z − |x|)(z + |x|) + R/S), z = |x| with its low word zeroed
        var w = T.Constant(1) / (a * a);
        var nearer = BitConverter.Int64BitsToDouble(0x4006DB6E00000000); // 1/0.35 as fdlibm compares it
        var rr = T.Choose(Comparison.Less, a, T.Constant(nearer),
            Polynomial(w, [Ra0, Ra1, Ra2, Ra3, Ra4, Ra5, Ra6, Ra7]), Polynomial(w, [Rb0, Rb1, Rb2, Rb3, Rb4, Rb5, Rb6]));
        var ss = T.Choose(Comparison.Less, a, T.Constant(nearer),
            Polynomial(w, [1, Sa1, Sa2, Sa3, Sa4, Sa5, Sa6, Sa7, Sa8]), Polynomial(w, [1, Sb1, Sb2, Sb3, Sb4, Sb5, Sb6, Sb7]));
        var zz = T.WithLowWordZero(a);
        var e = T.Exp(-zz * zz - T.Constant(0.5625)) * T.Exp((zz - a) * (zz + a) + rr / ss);
        var tail = T.Choose(Comparison.Less, x, T.Constant(0), e / a - T.Constant(1), T.Constant(1) - e / a);

        // |x| >= 6, ∞ included: ±(1 − tiny), which rounds to ±1
        var saturated = T.Choose(Comparison.Less, x, T.Constant(0), T.Constant(Tiny) - T.Constant(1), T.Constant(1) - T.Constant(Tiny));
        return T.Choose(Comparison.Less, a, T.Constant(0.84375), small,
            T.Choose(Comparison.Less, a, T.Constant(1.25), middle,
                T.Choose(Comparison.GreaterOrEqual, a, T.Constant(6), saturated, tail)));
    }

    /// <summary><c>c₀ + x·(c₁ + x·(c₂ + … + x·cₙ))</c>, innermost first, as fdlibm writes its polynomials.</summary>
    private static T Polynomial<T>(T x, ReadOnlySpan<double> coefficients) where T : IOpNumber<T>
    {
        var sum = T.Constant(coefficients[^1]);
        for (var k = coefficients.Length - 2; k >= 0; k--) sum = T.Constant(coefficients[k]) + x * sum;
        return sum;
    }

    /// <summary>log(1 + x), accurate near 0: log1p(−1) = −∞, NaN below −1, log1p(+∞) = +∞, log1p(−0) = −0.</summary>
    public static double Log1p(double x)
    {
        var hx = HighWord(x);
        var ax = hx & 0x7fffffff;
        var k = 1;
        double f = 0, c = 0;
        var hu = 0;
        if (hx < 0x3FDA827A) // 1 + x < √2
        {
            if (ax >= 0x3ff00000) return x == -1.0 ? double.NegativeInfinity : double.NaN; // x <= -1
            if (ax < 0x3e200000) // |x| < 2⁻²⁹
            {
                if (ax < 0x3c900000) return x; // |x| < 2⁻⁵⁴
                return x - x * x * 0.5;
            }
            if (hx > 0 || hx <= unchecked((int)0xbfd2bec4)) // √2/2 <= 1 + x < √2
            {
                k = 0;
                f = x;
                hu = 1;
            }
        }
        if (hx >= 0x7ff00000) return x + x; // +∞ or NaN
        if (k != 0)
        {
            double u;
            if (hx < 0x43400000)
            {
                u = 1.0 + x;
                hu = HighWord(u);
                k = (hu >> 20) - 1023;
                c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0); // the rounding error of 1 + x
                c /= u;
            }
            else
            {
                u = x;
                hu = HighWord(u);
                k = (hu >> 20) - 1023;
                c = 0;
            }
            hu &= 0x000fffff;
            if (hu < 0x6a09e) // u < √2
            {
                u = WithHighWord(u, hu | 0x3ff00000);
            }
            else
            {
                k += 1;
                u = WithHighWord(u, hu | 0x3fe00000);
                hu = (0x00100000 - hu) >> 2;
            }
            f = u - 1.0;
        }
        var hfsq = 0.5 * f * f;
        double r;
        if (hu == 0) // |f| < 2⁻²⁰
        {
            if (f == 0)
            {
                if (k == 0) return 0;
                c += k * Ln2Lo;
                return k * Ln2Hi + c;
            }
            r = hfsq * (1.0 - 0.66666666666666666 * f);
            return k == 0 ? f - r : k * Ln2Hi - ((r - (k * Ln2Lo + c)) - f);
        }
        var s = f / (2.0 + f);
        var z = s * s;
        r = z * (Lp1 + z * (Lp2 + z * (Lp3 + z * (Lp4 + z * (Lp5 + z * (Lp6 + z * Lp7))))));
        return k == 0 ? f - (hfsq - s * (hfsq + r)) : k * Ln2Hi - ((hfsq - (s * (hfsq + r) + (k * Ln2Lo + c))) - f);
    }

    /// <summary>eˣ − 1, accurate near 0: expm1(+∞) = +∞ (and above about 709.78), expm1(−∞) = −1, expm1(−0) = −0.</summary>
    public static double Expm1(double x)
    {
        var hx = HighWord(x);
        var negative = hx < 0;
        hx &= 0x7fffffff;

        if (hx >= 0x4043687A) // |x| >= 56·ln2
        {
            if (hx >= 0x40862E42) // |x| >= 709.78…
            {
                if (hx >= 0x7ff00000) return double.IsNaN(x) ? x + x : negative ? -1.0 : x;
                if (x > OThreshold) return double.PositiveInfinity;
            }
            if (negative) return Tiny - 1; // x < -56·ln2: -1
        }

        double hi, lo, c = 0;
        int k;
        if (hx > 0x3fd62e42) // |x| > ln2/2: reduce x to r = hi - lo with x = k·ln2 + r
        {
            if (hx < 0x3FF0A2B2) // and |x| < 1.5·ln2
            {
                (hi, lo, k) = negative ? (x + Ln2Hi, -Ln2Lo, -1) : (x - Ln2Hi, Ln2Lo, 1);
            }
            else
            {
                k = (int)(InvLn2 * x + (negative ? -0.5 : 0.5));
                double t = k;
                hi = x - t * Ln2Hi; // exact
                lo = t * Ln2Lo;
            }
            x = hi - lo;
            c = (hi - x) - lo;
        }
        else if (hx < 0x3c900000) // |x| < 2⁻⁵⁴
        {
            return x;
        }
        else
        {
            k = 0;
        }

        var hfx = 0.5 * x;
        var hxs = x * hfx;
        var r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
        var tt = 3.0 - r1 * hfx;
        var e = hxs * ((r1 - tt) / (6.0 - x * tt));
        if (k == 0) return x - (x * e - hxs);

        e = x * (e - c) - c;
        e -= hxs;
        if (k == -1) return 0.5 * (x - e) - 0.5;
        if (k == 1) return x < -0.25 ? -2.0 * (e - (x + 0.5)) : 1.0 + 2.0 * (x - e);
        double y;
        if (k <= -2 || k > 56)
        {
            y = 1.0 - (e - x);
            y = k == 1024 ? y * 2.0 * TwoTo1023 : y * TwoTo(k);
            return y - 1.0;
        }
        if (k < 20)
        {
            var t = FromHighWord(0x3ff00000 - (0x200000 >> k)); // 1 - 2⁻ᵏ
            y = t - (e - x);
        }
        else
        {
            var t = FromHighWord((0x3ff - k) << 20); // 2⁻ᵏ
            y = x - (e + t);
            y += 1.0;
        }
        return y * TwoTo(k);
    }

    private static int HighWord(double x) => (int)(BitConverter.DoubleToInt64Bits(x) >> 32);

    private static double FromHighWord(int high) => BitConverter.Int64BitsToDouble((long)(uint)high << 32);

    private static double TwoTo(int k) => FromHighWord(0x3ff00000 + (k << 20));

    private static double WithHighWord(double x, int high) =>
        BitConverter.Int64BitsToDouble((BitConverter.DoubleToInt64Bits(x) & 0xffffffffL) | ((long)(uint)high << 32));


    private const double Tiny = 1e-300;

    /// <summary>2¹⁰²³.</summary>
    private const double TwoTo1023 = 8.98846567431158e307;

    // erf
    private const double Erx = 8.45062911510467529297e-01;
    private const double Efx = 1.28379167095512586316e-01;
    private const double Efx8 = 1.02703333676410069053e+00;
    private const double Pp0 = 1.28379167095512558561e-01;
    private const double Pp1 = -3.25042107247001499370e-01;
    private const double Pp2 = -2.84817495755985104766e-02;
    private const double Pp3 = -5.77027029648944159157e-03;
    private const double Pp4 = -2.37630166566501626084e-05;
    private const double Qq1 = 3.97917223959155352819e-01;
    private const double Qq2 = 6.50222499887672944485e-02;
    private const double Qq3 = 5.08130628187576562776e-03;
    private const double Qq4 = 1.32494738004321644526e-04;
    private const double Qq5 = -3.96022827877536812320e-06;
    private const double Pa0 = -2.36211856075265944077e-03;
    private const double Pa1 = 4.14856118683748331666e-01;
    private const double Pa2 = -3.72207876035701323847e-01;
    private const double Pa3 = 3.18346619901161753674e-01;
    private const double Pa4 = -1.10894694282396677476e-01;
    private const double Pa5 = 3.54783043256182359371e-02;
    private const double Pa6 = -2.16637559486879084300e-03;
    private const double Qa1 = 1.06420880400844228286e-01;
    private const double Qa2 = 5.40397917702171048937e-01;
    private const double Qa3 = 7.18286544141962662868e-02;
    private const double Qa4 = 1.26171219808761642112e-01;
    private const double Qa5 = 1.36370839120290507362e-02;
    private const double Qa6 = 1.19844998467991074170e-02;
    private const double Ra0 = -9.86494403484714822705e-03;
    private const double Ra1 = -6.93858572707181764372e-01;
    private const double Ra2 = -1.05586262253232909814e+01;
    private const double Ra3 = -6.23753324503260060396e+01;
    private const double Ra4 = -1.62396669462573470355e+02;
    private const double Ra5 = -1.84605092906711035994e+02;
    private const double Ra6 = -8.12874355063065934246e+01;
    private const double Ra7 = -9.81432934416914548592e+00;
    private const double Sa1 = 1.96512716674392571292e+01;
    private const double Sa2 = 1.37657754143519042600e+02;
    private const double Sa3 = 4.34565877475229228821e+02;
    private const double Sa4 = 6.45387271733267880336e+02;
    private const double Sa5 = 4.29008140027567833386e+02;
    private const double Sa6 = 1.08635005541779435134e+02;
    private const double Sa7 = 6.57024977031928170135e+00;
    private const double Sa8 = -6.04244152148580987438e-02;
    private const double Rb0 = -9.86494292470009928597e-03;
    private const double Rb1 = -7.99283237680523006574e-01;
    private const double Rb2 = -1.77579549177547519889e+01;
    private const double Rb3 = -1.60636384855821916062e+02;
    private const double Rb4 = -6.37566443368389627722e+02;
    private const double Rb5 = -1.02509513161107724954e+03;
    private const double Rb6 = -4.83519191608651397019e+02;
    private const double Sb1 = 3.03380607434824582924e+01;
    private const double Sb2 = 3.25792512996573918826e+02;
    private const double Sb3 = 1.53672958608443695994e+03;
    private const double Sb4 = 3.19985821950859553908e+03;
    private const double Sb5 = 2.55305040643316442583e+03;
    private const double Sb6 = 4.74528541206955367215e+02;
    private const double Sb7 = -2.24409524465858183362e+01;

    // log1p and expm1
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double Lp1 = 6.666666666666735130e-01;
    private const double Lp2 = 3.999999999940941908e-01;
    private const double Lp3 = 2.857142874366239149e-01;
    private const double Lp4 = 2.222219843214978396e-01;
    private const double Lp5 = 1.818357216161805012e-01;
    private const double Lp6 = 1.531383769920937332e-01;
    private const double Lp7 = 1.479819860511658591e-01;
    private const double OThreshold = 7.09782712893383973096e+02;
    private const double InvLn2 = 1.44269504088896338700e+00;
    private const double Q1 = -3.33333333333331316428e-02;
    private const double Q2 = 1.58730158725481460165e-03;
    private const double Q3 = -7.93650757867487942473e-05;
    private const double Q4 = 4.00821782732936239552e-06;
    private const double Q5 = -2.01099218183624371326e-07;
}
