using System.Numerics;

namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Negation: d/dx = −1. Maps NaN to NaN and ±∞ to ∓∞.</summary>
        /// <param name="x">The operand.</param>
        public static Value operator -(Value x) => Unary(Ops.NegateOp.Instance, x);
    }
}

namespace Micrograd.Ops
{
    internal sealed class NegateOp : UnaryOp
    {
        public static readonly NegateOp Instance = new();
        public override string Name => "neg";
        public override double Forward(double x) => -x;
        public override double Backward(double x, double y, double g) => -g;
        public override OpScript Script { get; } = OpScript.Unary("-x", "-g", "−{x}", "−1");

        public override void Forward(ReadOnlySpan<double> x, Span<double> y) => Lanes.Map<VectorFormulas>(x, y);

        public override void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> gx) =>
            Lanes.Accumulate<VectorFormulas>(x, y, g, gx);

        /// <summary>The formulas above on vectors of lanes, for the compiled mode's batched replay.</summary>
        private readonly struct VectorFormulas : IUnaryForwardLanes, IUnaryBackwardLanes
        {
            public static Vector<double> Forward(Vector<double> x) => -x;
            public static Vector<double> Backward(Vector<double> x, Vector<double> y, Vector<double> g) => -g;
        }
    }
}
