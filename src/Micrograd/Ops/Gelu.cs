namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>
        /// Gaussian error linear unit, the exact form (PyTorch's default): x·Φ(x) = x/2·(1 + erf(x/√2)), computed as PyTorch
        /// computes it; d/dx = Φ(x) + x·φ(x), with φ the standard normal density. The value is −0 below about −8.37 (where
        /// 1 + erf(x/√2) rounds to 0) and x itself above about 8.24; gelu(+∞) is +∞ with gradient NaN (∞·0 in x·φ(x)), gelu(−∞) is NaN (−∞·0) with
        /// gradient NaN, gelu(NaN) is NaN. Its erf is fdlibm's, within 1 ulp of the exact value.
        /// </summary>
        public Value Gelu() => Unary(Ops.GeluOp.Instance, this);
    }
}

namespace Micrograd.Ops
{
    internal sealed class GeluOp() : UnaryOp<GeluOp.Formula>("gelu", forwardText: "gelu({x})", derivativeText: "(Φ({x}) + {x} × φ({x}))")
    {
        public static readonly GeluOp Instance = new();

        /// <summary>1/√2 (C's M_SQRT1_2).</summary>
        private const double Alpha = 0.70710678118654752440;

        /// <summary>1/√(2π), as PyTorch computes it: M_2_SQRTPI · M_SQRT1_2 · 0.5.</summary>
        private const double Beta = 1.12837916709551257390 * Alpha * 0.5;

        internal readonly struct Formula : IUnaryFormula
        {
            public T Forward<T>(T x) where T : IOpNumber<T> => x * T.Constant(0.5) * (T.Constant(1) + T.Erf(x * T.Constant(Alpha)));

            // PyTorch's GeluBackwardKernelImpl: g·(cdf + x·pdf), cdf = 0.5·(1 + erf(x/√2)), pdf = β·exp(x·x·−0.5).
            public T Backward<T>(T x, T y, T g) where T : IOpNumber<T>
            {
                var cdf = T.Constant(0.5) * (T.Constant(1) + T.Erf(x * T.Constant(Alpha)));
                var pdf = T.Constant(Beta) * T.Exp(x * x * T.Constant(-0.5));
                return g * (cdf + x * pdf);
            }
        }
    }
}
