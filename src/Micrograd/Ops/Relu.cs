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
    }
}
