using System.Numerics;

namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Difference of two values: d/da = 1, d/db = −1. IEEE subtraction: ∞ − ∞ is NaN.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        public static Value operator -(Value a, Value b) => Binary(Ops.SubtractOp.Instance, a, b);
    }
}

namespace Micrograd.Ops
{
    internal sealed class SubtractOp : BinaryOp
    {
        public static readonly SubtractOp Instance = new();
        public override string Name => "-";
        public override double Forward(double a, double b) => a - b;
        public override double BackwardLeft(double a, double b, double y, double g) => g;
        public override double BackwardRight(double a, double b, double y, double g) => -g;
        public override OpScript Script { get; } = OpScript.Binary("a - b", "g", "-g", "{a} − {b}", "1", "−1");

        public override void Forward(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> y) => Lanes.Map<VectorFormulas>(a, b, y);

        public override void Backward(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> ga, Span<double> gb) =>
            Lanes.Accumulate<VectorFormulas>(a, b, y, g, ga, gb);

        /// <summary>The formulas above on vectors of lanes, for the compiled mode's batched replay.</summary>
        private readonly struct VectorFormulas : IBinaryForwardLanes, IBinaryBackwardLanes
        {
            public static Vector<double> Forward(Vector<double> a, Vector<double> b) => a - b;
            public static Vector<double> Left(Vector<double> a, Vector<double> b, Vector<double> y, Vector<double> g) => g;
            public static Vector<double> Right(Vector<double> a, Vector<double> b, Vector<double> y, Vector<double> g) => -g;
        }
    }
}
