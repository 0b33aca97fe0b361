namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Product of two values: d/da = b, d/db = a. IEEE multiplication: 0 × ∞ is NaN, in the forward
        /// value and in a gradient (a zero gradient times an infinite operand gives NaN, as in PyTorch).</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        public static Value operator *(Value a, Value b) => Binary(Ops.MultiplyOp.Instance, a, b);
    }
}

namespace Micrograd.Ops
{
    internal sealed class MultiplyOp : BinaryOp
    {
        public static readonly MultiplyOp Instance = new();
        public override string Name => "*";
        public override double Forward(double a, double b) => a * b;
        public override double BackwardLeft(double a, double b, double y, double g) => g * b;
        public override double BackwardRight(double a, double b, double y, double g) => g * a;

        public override void Forward(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> y)
        {
            var va = Lanes.Of(a);
            var vb = Lanes.Of(b);
            var vy = Lanes.Of(y);
            for (var i = 0; i < vy.Length; i++) vy[i] = va[i] * vb[i];
        }

        public override void Backward(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> ga, Span<double> gb)
        {
            var va = Lanes.Of(a);
            var vb = Lanes.Of(b);
            var vg = Lanes.Of(g);
            var vga = Lanes.Of(ga);
            var vgb = Lanes.Of(gb);
            for (var i = 0; i < vg.Length; i++)
            {
                var gi = vg[i];
                vga[i] += gi * vb[i];
                vgb[i] += gi * va[i];
            }
        }
    }
}
