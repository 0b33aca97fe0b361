using System.Numerics;

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
        public override OpScript Script { get; } = OpScript.Unary("Math.exp(x)", "g * y", "exp({x})", "{y}");

        public override void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> gx) =>
            Lanes.Accumulate<VectorFormulas>(x, y, g, gx);

        /// <summary>The formulas above on vectors of lanes, for the compiled mode's batched replay. Forward keeps the generic lane kernel (the scalar formula per lane): no vector function rounds as Math's does.</summary>
        private readonly struct VectorFormulas : IUnaryBackwardLanes
        {
            public static Vector<double> Backward(Vector<double> x, Vector<double> y, Vector<double> g) => g * y;
        }
    }
}
