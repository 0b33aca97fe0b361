namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>
        /// This value raised to a differentiable power, <c>xʸ</c>: d/dx = y·xʸ⁻¹ (0 when y is 0) and d/dy = xʸ·ln x
        /// (0 when x is 0 and y ≥ 0), as in PyTorch. With a negative base d/dy is NaN (ln of a negative number),
        /// even where the value itself is finite. C# has no power operator: write <c>x.Pow(y)</c>, never <c>x ^ y</c>.
        /// </summary>
        /// <param name="exponent">The exponent, which receives a gradient too.</param>
        public Value Pow(Value exponent) => Binary(Ops.PowOp.Instance, this, exponent);
    }
}

namespace Micrograd.Ops
{
    internal sealed class PowOp() : BinaryOp<PowOp.Formula>("**", forwardText: "{a} ** {b}", derivativeLeft: "{b} × {a} ** ({b} − 1)", derivativeRight: "{y} × log({a})")
    {
        public static readonly PowOp Instance = new();

        internal readonly struct Formula : IBinaryFormula
        {
            public T Forward<T>(T a, T b) where T : IOpNumber<T> => T.Pow(a, b);

            // PyTorch's pow_backward: grad * (b * a ** (b - 1)), zero when b == 0.
            public T BackwardLeft<T>(T a, T b, T y, T g) where T : IOpNumber<T> =>
                T.Choose(Comparison.Equal, b, T.Constant(0), T.Constant(0), g * (b * T.Pow(a, b - T.Constant(1))));

            // PyTorch's pow_backward_exponent: grad * (a ** b * log(a)), zero when a == 0 and b >= 0.
            public T BackwardRight<T>(T a, T b, T y, T g) where T : IOpNumber<T>
            {
                var byLog = y * T.Log(a);
                return g * T.Choose(Comparison.Equal, a, T.Constant(0), T.Choose(Comparison.GreaterOrEqual, b, T.Constant(0), T.Constant(0), byLog), byLog);
            }
        }
    }
}
