namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>
        /// This value raised to a constant power, <c>xᵉ</c>; d/dx = e·xᵉ⁻¹, and 0 when e is 0 (as in PyTorch).
        /// IEEE <c>pow</c> at the edges: x² at 0 has gradient 0, x^0.5 at 0 has gradient +∞, x^−1 at 0 is +∞ with gradient −∞,
        /// a negative x with a non-integer e gives NaN. C# has no power operator: write <c>x.Pow(2)</c>, never <c>x ^ 2</c>.
        /// </summary>
        /// <param name="exponent">The constant exponent; it gets no gradient (use <see cref="Pow(Value)"/> for that).</param>
        public Value Pow(double exponent) => Unary(Ops.PowConstantOp.For(exponent), this);
    }
}

namespace Micrograd.Ops
{
    internal sealed class PowConstantOp : UnaryOp<PowConstantOp.Formula>
    {
        /// <summary>The ops of the common exponents, made once; any other exponent gets a new op.</summary>
        public static readonly IReadOnlyList<PowConstantOp> Common = [new(2), new(3), new(-1), new(0.5), new(-2), new(-0.5), new(1), new(0)];

        private PowConstantOp(double exponent)
            : base("**" + Value.Format(exponent), "{x} ** " + OpText.Number(exponent), DerivativeText(exponent), new Formula(exponent))
        {
            Exponent = exponent;
        }

        public double Exponent { get; }

        public static PowConstantOp For(double exponent)
        {
            foreach (var op in Common)
            {
                if (op.Exponent.Equals(exponent)) return op;
            }
            return new PowConstantOp(exponent);
        }

        private static string DerivativeText(double e) =>
            e == 0 ? "0" : e - 1 == 0 ? OpText.Number(e)
            : e - 1 == 1 ? $"{OpText.Number(e)} × {{x}}" : $"{OpText.Number(e)} × {{x}} ** {OpText.Number(e - 1)}";

        internal readonly struct Formula(double exponent) : IUnaryFormula
        {
            // x ** e with PyTorch's shortcuts for the common exponents (IOpNumber.Pow's default)
            public T Forward<T>(T x) where T : IOpNumber<T> => T.Pow(x, exponent);

            // PyTorch's pow_backward: grad * (e * x ** (e - 1)), zero when e == 0. On values, x ** (e − 1) is a node of this op
            // (not the shortcut's arithmetic), so the next derivative is e·(e − 1)·x ** (e − 2), as PyTorch's, at 0 and ±∞ too.
            public T Backward<T>(T x, T y, T g) where T : IOpNumber<T> =>
                exponent == 0 ? T.Constant(0) : g * (T.Constant(exponent) * T.Pow(x, exponent - 1));
        }
    }
}
