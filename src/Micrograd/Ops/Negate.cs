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
    }
}
