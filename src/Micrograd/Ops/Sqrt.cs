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
    }
}
