using System.Numerics;

namespace Micrograd.NN.Gpt;

/// <summary>
/// One step of <see cref="GptAdam"/> over arrays, microgpt's loop body for each parameter:
/// <c>m = β₁·m + (1 − β₁)·g; v = β₂·v + (1 − β₂)·g ** 2; p − lr·(m / c₁) / ((v / c₂) ** 0.5 + ε)</c>, with
/// <c>c = 1 − β ** (t + 1)</c> given. It runs in passes over the arrays, a vector at a time where the hardware has them:
/// the squares, then the moments, then the square roots, then the parameters. Every entry gets the same operations as
/// the loop body, each power being <see cref="Math.Pow"/>'s number (<see cref="CPow"/>), so the result does not depend
/// on the path.
/// </summary>
internal readonly struct AdamRule(double beta1, double beta2, double epsilon, double learningRate, double correction1, double correction2)
{
    /// <summary>How many parameters go through the passes together: few enough that their arrays' parts stay in the
    /// processor's first-level cache from one pass to the next.</summary>
    private const int Block = 512;

    /// <summary>Updates <paramref name="data"/>, <paramref name="m"/> and <paramref name="v"/>; <paramref name="scratch"/>
    /// holds at least as many entries as the parameters.</summary>
    public void Apply(Span<double> data, ReadOnlySpan<double> gradients, Span<double> m, Span<double> v, Span<double> scratch)
    {
        for (var start = 0; start < data.Length; start += Block)
        {
            var n = Math.Min(Block, data.Length - start);
            ApplyBlock(data.Slice(start, n), gradients.Slice(start, n), m.Slice(start, n), v.Slice(start, n), scratch[..n]);
        }
    }

    private void ApplyBlock(Span<double> data, ReadOnlySpan<double> gradients, Span<double> m, Span<double> v, Span<double> scratch)
    {
        CPow.Squares(gradients, scratch);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<double> b1 = new(beta1), b2 = new(beta2), rest1 = new(1 - beta1), rest2 = new(1 - beta2), c1 = new(correction1), c2 = new(correction2);
            for (; i + Vector<double>.Count <= data.Length; i += Vector<double>.Count)
            {
                var vm = (b1 * new Vector<double>(m[i..])) + (rest1 * new Vector<double>(gradients[i..]));
                var vv = (b2 * new Vector<double>(v[i..])) + (rest2 * new Vector<double>(scratch[i..]));
                vm.CopyTo(m[i..]);
                vv.CopyTo(v[i..]);
                (vv / c2).CopyTo(scratch[i..]); // v̂
            }
        }
        for (; i < data.Length; i++)
        {
            m[i] = beta1 * m[i] + (1 - beta1) * gradients[i];
            v[i] = beta2 * v[i] + (1 - beta2) * scratch[i];
            scratch[i] = v[i] / correction2;
        }
        CPow.SquareRoots(scratch, scratch);
        i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<double> rate = new(learningRate), c1 = new(correction1), eps = new(epsilon);
            for (; i + Vector<double>.Count <= data.Length; i += Vector<double>.Count)
            {
                var mHat = new Vector<double>(m[i..]) / c1;
                (new Vector<double>(data[i..]) - (rate * mHat / (new Vector<double>(scratch[i..]) + eps))).CopyTo(data[i..]);
            }
        }
        for (; i < data.Length; i++) data[i] -= learningRate * (m[i] / correction1) / (scratch[i] + epsilon);
    }
}
