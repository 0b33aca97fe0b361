namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Difference of two values: d/da = 1, d/db = −1. IEEE subtraction: ∞ − ∞ is NaN.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        public static Value operator -(Value a, Value b) => Binary(Ops.SubtractOp.Instance, a, b);
    }
}

namespace Micrograd.Ops
{
    internal sealed class SubtractOp : BinaryOp
    {
        public static readonly SubtractOp Instance = new();
        public override string Name => "-";
        public override double Forward(double a, double b) => a - b;
        public override double BackwardLeft(double a, double b, double y, double g) => g;
        public override double BackwardRight(double a, double b, double y, double g) => -g;

        public override void Forward(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> y)
        {
            var va = Lanes.Of(a);
            var vb = Lanes.Of(b);
            var vy = Lanes.Of(y);
            for (var i = 0; i < vy.Length; i++) vy[i] = va[i] - vb[i];
        }

        public override void Backward(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> ga, Span<double> gb)
        {
            var vg = Lanes.Of(g);
            var vga = Lanes.Of(ga);
            var vgb = Lanes.Of(gb);
            for (var i = 0; i < vg.Length; i++)
            {
                vga[i] += vg[i];
                vgb[i] += -vg[i];
            }
        }
    }
}
