using System.Numerics;

namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Square root; d/dx = 1 / (2√x). sqrt(0) is 0 with gradient +∞; for x &lt; 0 the value and the gradient are NaN; sqrt(+∞) is +∞ with gradient 0.</summary>
        public Value Sqrt() => Unary(Ops.SqrtOp.Instance, this);
    }
}

namespace Micrograd.Ops
{
    internal sealed class SqrtOp : FunctionOp
    {
        public static readonly SqrtOp Instance = new();
        public override string Name => "sqrt";
        public override double Forward(double x) => Math.Sqrt(x);
        public override double Backward(double x, double y, double g) => g / (2 * y);

        public override void Forward(ReadOnlySpan<double> x, Span<double> y)
        {
            var vx = Lanes.Of(x);
            var vy = Lanes.Of(y);
            for (var i = 0; i < vy.Length; i++) vy[i] = Vector.SquareRoot(vx[i]);
        }

        public override void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> gx)
        {
            var vy = Lanes.Of(y);
            var vg = Lanes.Of(g);
            var vgx = Lanes.Of(gx);
            for (var i = 0; i < vg.Length; i++) vgx[i] += vg[i] / (new Vector<double>(2.0) * vy[i]);
        }
    }
}
