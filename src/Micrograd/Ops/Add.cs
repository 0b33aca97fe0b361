namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Sum of two values: d/da = d/db = 1. IEEE addition: ∞ + (−∞) is NaN.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        public static Value operator +(Value a, Value b) => Binary(Ops.AddOp.Instance, a, b);
    }
}

namespace Micrograd.Ops
{
    internal sealed class AddOp : BinaryOp
    {
        public static readonly AddOp Instance = new();
        public override string Name => "+";
        public override double Forward(double a, double b) => a + b;
        public override double BackwardLeft(double a, double b, double y, double g) => g;
        public override double BackwardRight(double a, double b, double y, double g) => g;

        public override void Forward(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> y)
        {
            var va = Lanes.Of(a);
            var vb = Lanes.Of(b);
            var vy = Lanes.Of(y);
            for (var i = 0; i < vy.Length; i++) vy[i] = va[i] + vb[i];
        }

        public override void Backward(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> ga, Span<double> gb)
        {
            var vg = Lanes.Of(g);
            var vga = Lanes.Of(ga);
            var vgb = Lanes.Of(gb);
            for (var i = 0; i < vg.Length; i++)
            {
                vga[i] += vg[i];
                vgb[i] += vg[i];
            }
        }
    }
}
