namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Product of two values: d/da = b, d/db = a. IEEE multiplication: 0 × ∞ is NaN, in the forward
        /// value and in a gradient (a zero gradient times an infinite operand gives NaN, as in PyTorch).</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        public static Value operator *(Value a, Value b) => Binary(Ops.MultiplyOp.Instance, a, b);
    }
}

namespace Micrograd.Ops
{
    internal sealed class MultiplyOp : BinaryOp
    {
        public static readonly MultiplyOp Instance = new();
        public override string Name => "*";
        public override double Forward(double a, double b) => a * b;
        public override double BackwardLeft(double a, double b, double y, double g) => g * b;
        public override double BackwardRight(double a, double b, double y, double g) => g * a;
        public override OpScript Script { get; } = OpScript.Binary("a * b", "g * b", "g * a", "{a} × {b}", "{b}", "{a}");
    }
}
