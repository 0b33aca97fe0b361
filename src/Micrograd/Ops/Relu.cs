using System.Numerics;

namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Rectified linear unit, <c>max(0, x)</c>; d/dx is 1 where x &gt; 0 and 0 elsewhere, so the gradient at exactly 0 is 0 (as in PyTorch). relu(NaN) is NaN with gradient 0; relu(+∞) is +∞ with gradient 1; relu(−∞) is 0.</summary>
        public Value Relu() => Unary(Ops.ReluOp.Instance, this);
    }
}

namespace Micrograd.Ops
{
    internal sealed class ReluOp : FunctionOp
    {
        public static readonly ReluOp Instance = new();
        public override string Name => "relu";
        public override double Forward(double x) => x > 0 || double.IsNaN(x) ? x : 0.0;
        public override double Backward(double x, double y, double g) => y > 0 ? g : 0.0;

        public override void Forward(ReadOnlySpan<double> x, Span<double> y)
        {
            var vx = Lanes.Of(x);
            var vy = Lanes.Of(y);
            for (var i = 0; i < vy.Length; i++)
            {
                var xi = vx[i];
                var keep = Vector.GreaterThan(xi, Vector<double>.Zero) | ~Vector.Equals(xi, xi); // x > 0 or NaN
                vy[i] = Vector.ConditionalSelect(keep, xi, Vector<double>.Zero);
            }
        }

        public override void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> gx)
        {
            var vy = Lanes.Of(y);
            var vg = Lanes.Of(g);
            var vgx = Lanes.Of(gx);
            for (var i = 0; i < vg.Length; i++)
                vgx[i] += Vector.ConditionalSelect(Vector.GreaterThan(vy[i], Vector<double>.Zero), vg[i], Vector<double>.Zero);
        }
    }
}
