using System.Numerics;

namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Logistic function, <c>1 / (1 + e⁻ˣ)</c>; d/dx = σ(x)(1 − σ(x)). Saturates without overflow: sigmoid(800) is 1 and sigmoid(−800) is 0, both with gradient 0. sigmoid(NaN) is NaN.</summary>
        public Value Sigmoid() => Unary(Ops.SigmoidOp.Instance, this);
    }
}

namespace Micrograd.Ops
{
    internal sealed class SigmoidOp : FunctionOp
    {
        public static readonly SigmoidOp Instance = new();
        public override string Name => "sigmoid";
        public override double Forward(double x) => 1.0 / (1.0 + Math.Exp(-x));
        public override double Backward(double x, double y, double g) => g * (1 - y) * y;
        public override OpScript Script { get; } = OpScript.Unary("1 / (1 + Math.exp(-x))", "g * (1 - y) * y", "sigmoid({x})", "(1 − {y}) × {y}");

        public override void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> gx) =>
            Lanes.Accumulate<VectorFormulas>(x, y, g, gx);

        /// <summary>The formulas above on vectors of lanes, for the compiled mode's batched replay. Forward keeps the generic lane kernel (the scalar formula per lane): no vector function rounds as Math's does.</summary>
        private readonly struct VectorFormulas : IUnaryBackwardLanes
        {
            public static Vector<double> Backward(Vector<double> x, Vector<double> y, Vector<double> g) => g * (Vector<double>.One - y) * y;
        }
    }
}
