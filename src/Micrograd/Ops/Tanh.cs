using System.Numerics;

namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Hyperbolic tangent; d/dx = 1 − tanh²(x). Computed without overflow: tanh(±400) and tanh(±∞) are ±1 with gradient 0 (a formula through exp(2x) would give NaN there). tanh(NaN) is NaN.</summary>
        public Value Tanh() => Unary(Ops.TanhOp.Instance, this);
    }
}

namespace Micrograd.Ops
{
    internal sealed class TanhOp : FunctionOp
    {
        public static readonly TanhOp Instance = new();
        public override string Name => "tanh";
        public override double Forward(double x) => Math.Tanh(x);
        // 1 - y² fused, rounded once: near saturation this keeps the digits PyTorch keeps.
        public override double Backward(double x, double y, double g) => g * Math.FusedMultiplyAdd(-y, y, 1.0);
        public override OpScript Script { get; } = OpScript.Unary("Math.tanh(x)", "g * fma(-y, y, 1)", "tanh({x})", "(1 − {y}²)");

        public override void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> gx) =>
            Lanes.Accumulate<VectorFormulas>(x, y, g, gx);

        /// <summary>The formulas above on vectors of lanes, for the compiled mode's batched replay. Forward keeps the generic lane kernel (the scalar formula per lane): no vector function rounds as Math's does.</summary>
        private readonly struct VectorFormulas : IUnaryBackwardLanes
        {
            public static Vector<double> Backward(Vector<double> x, Vector<double> y, Vector<double> g) => g * Vector.FusedMultiplyAdd(-y, y, Vector<double>.One);
        }
    }
}
