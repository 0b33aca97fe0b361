namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Cosine (radians); d/dx = −sin(x). cos(±∞) and cos(NaN) are NaN, and so is the gradient.</summary>
        public Value Cos() => Unary(Ops.CosOp.Instance, this);
    }
}

namespace Micrograd.Ops
{
    internal sealed class CosOp : FunctionOp
    {
        public static readonly CosOp Instance = new();
        public override string Name => "cos";
        public override double Forward(double x) => Math.Cos(x);
        public override double Backward(double x, double y, double g) => g * -Math.Sin(x);
        public override OpScript Script { get; } = OpScript.Unary("Math.cos(x)", "g * -Math.sin(x)", "cos({x})", "−sin({x})");
    }
}
