using System.Numerics;

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
        public override OpScript Script { get; } = OpScript.Unary("Math.log(x)", "g / x", "log({x})", "1 / {x}");

        public override void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> gx) =>
            Lanes.Accumulate<VectorFormulas>(x, y, g, gx);

        /// <summary>The formulas above on vectors of lanes, for the compiled mode's batched replay. Forward keeps the generic lane kernel (the scalar formula per lane): no vector function rounds as Math's does.</summary>
        private readonly struct VectorFormulas : IUnaryBackwardLanes
        {
            public static Vector<double> Backward(Vector<double> x, Vector<double> y, Vector<double> g) => g / x;
        }
    }
}
