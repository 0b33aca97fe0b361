using System.Runtime.CompilerServices;
using Micrograd.Ops;

namespace Micrograd.Compiled;

// The replay loops: no allocation, no per-node objects. Each instruction calls its op's own scalar formula or lane kernel
// (Ops/*.cs), or, for a sum with fused products, SumOfProducts' exact copy of the sum's and the product's formulas, so
// compiled results are those of Value's ops, in the order Value.Backward applies them.
// Unsafe.As only skips a type check: an instruction's Arity is set from its op's class when the tape is traced.
internal sealed partial class Tape
{
    /// <summary>Recomputes every interior slot of <paramref name="values"/> from its operands, in topological order.</summary>
    public void Forward(double[] values)
    {
        var instructions = Instructions;
        for (var k = 0; k < instructions.Length; k++)
        {
            ref readonly var ins = ref instructions[k];
            values[ins.Output] = ins.Arity switch
            {
                Arity.Unary => Unsafe.As<UnaryOp>(ins.Op).Forward(values[ins.A]),
                Arity.Binary => Unsafe.As<BinaryOp>(ins.Op).Forward(values[ins.A], values[ins.B]),
                Arity.Nary => Unsafe.As<NaryOp>(ins.Op).Forward(new NaryOperands(NaryOperandSlots.AsSpan(ins.A, ins.B), values, 1, 0)),
                _ => SumOfProducts.Forward(TermLeft.AsSpan(ins.A, ins.B), TermRight.AsSpan(ins.A, ins.B), values),
            };
        }
    }

    /// <summary>
    /// Adds each instruction's gradient times its local derivatives into its operands' gradients, in reverse topological
    /// order, exactly as <see cref="Value.Backward"/> does. The caller sets up <paramref name="gradients"/> (zeros and the seed).
    /// </summary>
    public void Backward(double[] values, double[] gradients)
    {
        var instructions = Instructions;
        for (var k = instructions.Length - 1; k >= 0; k--)
        {
            ref readonly var ins = ref instructions[k];
            double y = values[ins.Output], g = gradients[ins.Output];
            switch (ins.Arity)
            {
                case Arity.Unary:
                    gradients[ins.A] += Unsafe.As<UnaryOp>(ins.Op).Backward(values[ins.A], y, g);
                    break;
                case Arity.Binary:
                    var op = Unsafe.As<BinaryOp>(ins.Op);
                    double a = values[ins.A], b = values[ins.B];
                    gradients[ins.A] += op.BackwardLeft(a, b, y, g);
                    gradients[ins.B] += op.BackwardRight(a, b, y, g);
                    break;
                case Arity.Nary:
                    var operands = NaryOperandSlots.AsSpan(ins.A, ins.B);
                    Unsafe.As<NaryOp>(ins.Op).Backward(new NaryOperands(operands, values, 1, 0), y, g, new NaryOperands(operands, gradients, 1, 0));
                    break;
                default:
                    SumOfProducts.Backward(TermLeft.AsSpan(ins.A, ins.B), TermRight.AsSpan(ins.A, ins.B), values, gradients, g);
                    break;
            }
        }
    }

    /// <summary>Instruction <paramref name="ins"/> forward over the lanes of <paramref name="rows"/>.</summary>
    public void Forward(in Instruction ins, LaneRows rows)
    {
        switch (ins.Arity)
        {
            case Arity.Unary:
                Unsafe.As<UnaryOp>(ins.Op).Forward(rows.Row(ins.A), rows.Row(ins.Output));
                break;
            case Arity.Binary:
                Unsafe.As<BinaryOp>(ins.Op).Forward(rows.Row(ins.A), rows.Row(ins.B), rows.Row(ins.Output));
                break;
            case Arity.Nary:
                Unsafe.As<NaryOp>(ins.Op).Forward(rows, NaryOperandSlots.AsSpan(ins.A, ins.B), rows.Row(ins.Output));
                break;
            default:
                SumOfProducts.Forward(TermLeft.AsSpan(ins.A, ins.B), TermRight.AsSpan(ins.A, ins.B), rows, rows.Row(ins.Output));
                break;
        }
    }

    /// <summary>Instruction <paramref name="ins"/> backward over the lanes of <paramref name="rows"/>, as
    /// <see cref="Backward(double[], double[])"/> does it in each lane; <paramref name="scratch"/> holds at least a row.</summary>
    public void Backward(in Instruction ins, LaneRows rows, LaneRows grads, Span<double> scratch)
    {
        switch (ins.Arity)
        {
            case Arity.Unary:
                Unsafe.As<UnaryOp>(ins.Op).Backward(rows.Row(ins.A), rows.Row(ins.Output), grads.Row(ins.Output), grads.Row(ins.A));
                break;
            case Arity.Binary:
                Unsafe.As<BinaryOp>(ins.Op).Backward(rows.Row(ins.A), rows.Row(ins.B), rows.Row(ins.Output), grads.Row(ins.Output), grads.Row(ins.A), grads.Row(ins.B));
                break;
            case Arity.Nary:
                Unsafe.As<NaryOp>(ins.Op).Backward(rows, grads, NaryOperandSlots.AsSpan(ins.A, ins.B), rows.Row(ins.Output), grads.Row(ins.Output));
                break;
            default:
                SumOfProducts.Backward(TermLeft.AsSpan(ins.A, ins.B), TermRight.AsSpan(ins.A, ins.B), rows, grads, grads.Row(ins.Output), scratch);
                break;
        }
    }
}
