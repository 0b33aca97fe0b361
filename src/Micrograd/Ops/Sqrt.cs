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
        public override OpScript Script { get; } = OpScript.Unary("Math.sqrt(x)", "g / (2 * y)", "sqrt({x})", "1 / (2 × {y})");

        public override void Forward(ReadOnlySpan<double> x, Span<double> y) => Lanes.Map<VectorFormulas>(x, y);

        public override void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> gx) =>
            Lanes.Accumulate<VectorFormulas>(x, y, g, gx);

        /// <summary>The formulas above on vectors of lanes, for the compiled mode's batched replay.</summary>
        private readonly struct VectorFormulas : IUnaryForwardLanes, IUnaryBackwardLanes
        {
            public static Vector<double> Forward(Vector<double> x) => Vector.SquareRoot(x);
            public static Vector<double> Backward(Vector<double> x, Vector<double> y, Vector<double> g) => g / (new Vector<double>(2.0) * y);
        }
    }
}
