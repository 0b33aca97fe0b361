namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Negation: d/dx = −1. Maps NaN to NaN and ±∞ to ∓∞.</summary>
        /// <param name="x">The operand.</param>
        public static Value operator -(Value x) => Unary(Ops.NegateOp.Instance, x);
    }
}

namespace Micrograd.Ops
{
    internal sealed class NegateOp : UnaryOp
    {
        public static readonly NegateOp Instance = new();
        public override string Name => "neg";
        public override double Forward(double x) => -x;
        public override double Backward(double x, double y, double g) => -g;

        public override void Forward(ReadOnlySpan<double> x, Span<double> y)
        {
            var vx = Lanes.Of(x);
            var vy = Lanes.Of(y);
            for (var i = 0; i < vy.Length; i++) vy[i] = -vx[i];
        }

        public override void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> gx)
        {
            var vg = Lanes.Of(g);
            var vgx = Lanes.Of(gx);
            for (var i = 0; i < vg.Length; i++) vgx[i] += -vg[i];
        }
    }
}
