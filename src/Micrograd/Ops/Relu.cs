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
        public override OpScript Script { get; } = OpScript.Unary("x > 0 || Number.isNaN(x) ? x : 0", "y > 0 ? g : 0", "relu({x})", "({y} > 0 ? 1 : 0)");

        public override void Forward(ReadOnlySpan<double> x, Span<double> y) => Lanes.Map<VectorFormulas>(x, y);

        public override void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> gx) =>
            Lanes.Accumulate<VectorFormulas>(x, y, g, gx);

        /// <summary>The formulas above on vectors of lanes, for the compiled mode's batched replay.</summary>
        private readonly struct VectorFormulas : IUnaryForwardLanes, IUnaryBackwardLanes
        {
            public static Vector<double> Forward(Vector<double> x) => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<double>.Zero) | ~Vector.Equals(x, x), x, Vector<double>.Zero);
            public static Vector<double> Backward(Vector<double> x, Vector<double> y, Vector<double> g) => Vector.ConditionalSelect(Vector.GreaterThan(y, Vector<double>.Zero), g, Vector<double>.Zero);
        }
    }
}
