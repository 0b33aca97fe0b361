using System.Numerics;

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
    internal sealed class PowConstantOp : UnaryOp
    {
        private static readonly PowConstantOp[] Common = [new(2), new(3), new(-1), new(0.5), new(-2), new(-0.5), new(1), new(0)];

        private PowConstantOp(double exponent)
        {
            Exponent = exponent;
            Name = "**" + Value.Format(exponent);
        }

        public double Exponent { get; }

        public override string Name { get; }

        public static PowConstantOp For(double exponent)
        {
            foreach (var op in Common)
            {
                if (op.Exponent.Equals(exponent)) return op;
            }
            return new PowConstantOp(exponent);
        }

        public override double Forward(double x) => Power(x, Exponent);

        // PyTorch's pow_backward: grad * (e * x ** (e - 1)), zero when e == 0.
        public override double Backward(double x, double y, double g) =>
            Exponent == 0 ? 0.0 : g * (Exponent * Power(x, Exponent - 1));

        public override OpScript Script => OpScript.Unary(
            PowerScript(Exponent),
            Exponent == 0 ? "0" : $"g * ({OpScript.Literal(Exponent)} * ({PowerScript(Exponent - 1)}))",
            "{x} ** " + OpScript.Literal(Exponent),
            Exponent == 0 ? "0" : Exponent - 1 == 0 ? OpScript.Literal(Exponent)
                : Exponent - 1 == 1 ? $"{OpScript.Literal(Exponent)} × {{x}}" : $"{OpScript.Literal(Exponent)} × {{x}} ** {OpScript.Literal(Exponent - 1)}");

        /// <summary><see cref="Power(double, double)"/> as a JavaScript expression in <c>x</c>, with the same shortcuts.</summary>
        private static string PowerScript(double e) => e switch
        {
            0 => "1",
            1 => "x",
            2 => "x * x",
            3 => "x * x * x",
            0.5 => "Math.sqrt(x)",
            -0.5 => "1 / Math.sqrt(x)",
            -1 => "1 / x",
            -2 => "1 / (x * x)",
            _ => $"pow(x, {OpScript.Literal(e)})",
        };

        public override void Forward(ReadOnlySpan<double> x, Span<double> y)
        {
            if (!HasVectorPower(Exponent))
            {
                base.Forward(x, y);
                return;
            }
            var vx = Lanes.Of(x);
            var vy = Lanes.Of(y);
            for (var i = 0; i < vy.Length; i++) vy[i] = Power(vx[i], Exponent);
        }

        public override void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> gx)
        {
            if (Exponent != 0 && !HasVectorPower(Exponent - 1))
            {
                base.Backward(x, y, g, gx);
                return;
            }
            var vx = Lanes.Of(x);
            var vg = Lanes.Of(g);
            var vgx = Lanes.Of(gx);
            var e = new Vector<double>(Exponent);
            for (var i = 0; i < vg.Length; i++)
                vgx[i] += Exponent == 0 ? Vector<double>.Zero : vg[i] * (e * Power(vx[i], Exponent - 1));
        }

        private static bool HasVectorPower(double e) => e is 0 or 1 or 2 or 3 or 0.5 or -0.5 or -1 or -2;

        /// <summary><see cref="Power(double, double)"/> lane by lane, for the exponents of <see cref="HasVectorPower"/>.</summary>
        private static Vector<double> Power(Vector<double> x, double e) => e switch
        {
            0 => Vector<double>.One,
            1 => x,
            2 => x * x,
            3 => x * x * x,
            0.5 => Vector.SquareRoot(x),
            -0.5 => Vector<double>.One / Vector.SquareRoot(x),
            -1 => Vector<double>.One / x,
            _ => Vector<double>.One / (x * x),
        };

        /// <summary><c>x ** e</c> with PyTorch's exact shortcuts for common exponents (x*x for 2, sqrt for 0.5, ...).</summary>
        internal static double Power(double x, double e) => e switch
        {
            0 => 1.0,
            1 => x,
            2 => x * x,
            3 => x * x * x,
            0.5 => Math.Sqrt(x),
            -0.5 => 1.0 / Math.Sqrt(x),
            -1 => 1.0 / x,
            -2 => 1.0 / (x * x),
            _ => Math.Pow(x, e),
        };
    }
}
