namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>
        /// This value raised to a differentiable power, <c>xʸ</c>: d/dx = y·xʸ⁻¹ (0 when y is 0) and d/dy = xʸ·ln x
        /// (0 when x is 0 and y ≥ 0), as in PyTorch. With a negative base d/dy is NaN (ln of a negative number),
        /// even where the value itself is finite. C# has no power operator: write <c>x.Pow(y)</c>, never <c>x ^ y</c>.
        /// </summary>
        /// <param name="exponent">The exponent, which receives a gradient too.</param>
        public Value Pow(Value exponent) => Binary(Ops.PowOp.Instance, this, exponent);
    }
}

namespace Micrograd.Ops
{
    internal sealed class PowOp : BinaryOp
    {
        public static readonly PowOp Instance = new();
        public override string Name => "**";
        public override double Forward(double a, double b) => Math.Pow(a, b);

        public override double BackwardLeft(double a, double b, double y, double g) =>
            b == 0 ? 0.0 : g * (b * Math.Pow(a, b - 1));

        public override double BackwardRight(double a, double b, double y, double g) =>
            g * (a == 0 && b >= 0 ? 0.0 : y * Math.Log(a));

        public override OpScript Script { get; } = OpScript.Binary(
            "pow(a, b)",
            "b === 0 ? 0 : g * (b * pow(a, b - 1))",
            "g * (a === 0 && b >= 0 ? 0 : y * Math.log(a))",
            "{a} ** {b}", "{b} × {a} ** ({b} − 1)", "{y} × log({a})");
    }
}
