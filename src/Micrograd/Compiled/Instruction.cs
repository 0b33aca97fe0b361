using Micrograd.Ops;

namespace Micrograd.Compiled;

/// <summary>How many operands an <see cref="Instruction"/>'s op takes, which says how to call it.</summary>
internal enum Arity : byte
{
    Unary,
    Binary,
    Nary,

    /// <summary>A sum whose operands include products fused into it (<see cref="SumOfProducts"/>).</summary>
    SumOfProducts,
}

/// <summary>
/// One interior node of a tape: its op and the slots it reads and writes. For a unary op <see cref="A"/> is the operand;
/// for a binary op <see cref="A"/> and <see cref="B"/> are the left and right operands; for an n-ary op (and a sum of
/// products) the operands are <c>Tape.NaryOperandSlots[A .. A + B]</c>, and a sum of products' terms are
/// <c>Tape.TermLeft[A .. A + B]</c> times <c>Tape.TermRight[A .. A + B]</c> (−1: the term is the left slot alone).
/// </summary>
internal readonly struct Instruction(Op op, Arity arity, int output, int a, int b)
{
    public readonly Op Op = op;
    public readonly Arity Arity = arity;
    public readonly int Output = output;
    public readonly int A = a;
    public readonly int B = b;

    public int OperandCount => Arity switch { Arity.Unary => 1, Arity.Binary => 2, _ => B };

    public int Operand(int k, int[] naryOperands) => Arity switch
    {
        Arity.Unary => A,
        Arity.Binary => k == 0 ? A : B,
        _ => naryOperands[A + k],
    };
}
