namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Natural logarithm; d/dx = 1/x. log(0) is −∞ with gradient +∞; for x &lt; 0 the value is NaN while the gradient 1/x stays finite (as in PyTorch); log(+∞) is +∞ with gradient 0.</summary>
        public Value Log() => Unary(Ops.LogOp.Instance, this);
    }
}

namespace Micrograd.Ops
{
    internal sealed class LogOp : FunctionOp
    {
        public static readonly LogOp Instance = new();
        public override string Name => "log";
        public override double Forward(double x) => Math.Log(x);
        public override double Backward(double x, double y, double g) => g / x;

        public override void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> gx)
        {
            var vx = Lanes.Of(x);
            var vg = Lanes.Of(g);
            var vgx = Lanes.Of(gx);
            for (var i = 0; i < vg.Length; i++) vgx[i] += vg[i] / vx[i];
        }
    }
}
