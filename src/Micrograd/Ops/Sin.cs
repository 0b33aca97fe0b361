namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Sine (radians); d/dx = cos(x). sin(±∞) and sin(NaN) are NaN, and so is the gradient.</summary>
        public Value Sin() => Unary(Ops.SinOp.Instance, this);
    }
}

namespace Micrograd.Ops
{
    internal sealed class SinOp : FunctionOp
    {
        public static readonly SinOp Instance = new();
        public override string Name => "sin";
        public override double Forward(double x) => Math.Sin(x);
        public override double Backward(double x, double y, double g) => g * Math.Cos(x);
        public override OpScript Script { get; } = OpScript.Unary("Math.sin(x)", "g * Math.cos(x)", "sin({x})", "cos({x})");
    }
}
