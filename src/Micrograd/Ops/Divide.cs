using System.Numerics;

namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Quotient of two values: d/da = 1/b, d/db = −(a/b)/b. IEEE division: 1/0 is +∞, −1/0 is −∞,
        /// 0/0 is NaN; so at b = 0 the gradients are infinite or NaN, as in PyTorch.</summary>
        /// <param name="a">The dividend.</param>
        /// <param name="b">The divisor.</param>
        public static Value operator /(Value a, Value b) => Binary(Ops.DivideOp.Instance, a, b);
    }
}

namespace Micrograd.Ops
{
    internal sealed class DivideOp : BinaryOp
    {
        public static readonly DivideOp Instance = new();
        public override string Name => "/";
        public override double Forward(double a, double b) => a / b;
        public override double BackwardLeft(double a, double b, double y, double g) => g / b;
        // PyTorch's order of operations: -grad * ((a / b) / b).
        public override double BackwardRight(double a, double b, double y, double g) => -g * (a / b / b);
        public override OpScript Script { get; } = OpScript.Binary("a / b", "g / b", "-g * (a / b / b)", "{a} / {b}", "1 / {b}", "−{a} / {b}²");

        public override void Forward(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> y) => Lanes.Map<VectorFormulas>(a, b, y);

        public override void Backward(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> ga, Span<double> gb) =>
            Lanes.Accumulate<VectorFormulas>(a, b, y, g, ga, gb);

        /// <summary>The formulas above on vectors of lanes, for the compiled mode's batched replay.</summary>
        private readonly struct VectorFormulas : IBinaryForwardLanes, IBinaryBackwardLanes
        {
            public static Vector<double> Forward(Vector<double> a, Vector<double> b) => a / b;
            public static Vector<double> Left(Vector<double> a, Vector<double> b, Vector<double> y, Vector<double> g) => g / b;
            public static Vector<double> Right(Vector<double> a, Vector<double> b, Vector<double> y, Vector<double> g) => -g * (a / b / b);
        }
    }
}
