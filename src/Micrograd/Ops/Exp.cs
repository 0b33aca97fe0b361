namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Exponential, <c>eˣ</c>; d/dx = eˣ. Overflows to +∞ (gradient +∞) above about 709.78 and underflows to 0 (gradient 0) below about −745; exp(−∞) is 0, exp(NaN) is NaN.</summary>
        public Value Exp() => Unary(Ops.ExpOp.Instance, this);
    }
}

namespace Micrograd.Ops
{
    internal sealed class ExpOp : FunctionOp
    {
        public static readonly ExpOp Instance = new();
        public override string Name => "exp";
        public override double Forward(double x) => Math.Exp(x);
        public override double Backward(double x, double y, double g) => g * y;

        public override void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> gx)
        {
            var vy = Lanes.Of(y);
            var vg = Lanes.Of(g);
            var vgx = Lanes.Of(gx);
            for (var i = 0; i < vg.Length; i++) vgx[i] += vg[i] * vy[i];
        }
    }
}
