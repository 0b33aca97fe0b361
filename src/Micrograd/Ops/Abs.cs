namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Absolute value; d/dx = sign(x), so the gradient at exactly 0 is 0 (as in PyTorch). abs(±∞) is +∞; abs(NaN) is NaN with gradient NaN.</summary>
        public Value Abs() => Unary(Ops.AbsOp.Instance, this);
    }
}

namespace Micrograd.Ops
{
    internal sealed class AbsOp : FunctionOp
    {
        public static readonly AbsOp Instance = new();
        public override string Name => "abs";
        public override double Forward(double x) => Math.Abs(x);
        public override double Backward(double x, double y, double g) => g * (x > 0 ? 1.0 : x < 0 ? -1.0 : x == 0 ? 0.0 : double.NaN);
        public override OpScript Script { get; } = OpScript.Unary("Math.abs(x)", "g * (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : NaN)", "abs({x})", "sign({x})");
    }
}
