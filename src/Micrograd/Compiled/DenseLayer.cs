using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Micrograd.Compiled;

/// <summary>
/// A dense layer found in a tape: sums of products <c>yⱼ = Σ(bⱼ, wⱼ₀·x₀, …, wⱼ,ₘ₋₁·xₘ₋₁)</c> that all read the same inputs
/// x (rows of lanes) in the same order, with weights and biases that are shared leaves (one number for every sample), as
/// <see cref="NN.Neuron"/> builds them. Run over a chunk of lanes as three blocked kernels, like a matrix product's, that
/// keep every number's order of operations: forward, each yⱼ from 0.0 + bⱼ, then the products added from k = 0 up; backward,
/// each input's gradient gets the neurons' contributions from the last neuron to the first, and each weight's and bias's
/// running total gets the samples' from the last sample to the first. That is the order of <see cref="Value.Backward"/> in
/// the eager graph of a batch, so results stay bit for bit those of eager mode (<see cref="SumOfProducts"/> has the
/// formulas; the arithmetic here is the same, a multiply then an add, never a fused multiply-add).
/// </summary>
internal sealed class DenseLayer
{
    private static readonly int V = Vector<double>.Count;

    private readonly int _n;
    private readonly int _m;
    private readonly int _mPad;
    private readonly int _chunk;
    private readonly nint[] _x;
    private readonly nint[] _y;
    private readonly int[] _weightLeaves;
    private readonly int[] _biasLeaves;
    private readonly double[] _w;
    private readonly double[] _xt;
    private readonly double[] _gp;
    private readonly double[] _tw;

    /// <summary>The layer of instructions <paramref name="members"/>, over row storage with rows starting at slot
    /// <paramref name="rowBase"/>, <paramref name="stride"/> lanes a row, run <paramref name="chunk"/> lanes at a time.</summary>
    public DenseLayer(Tape tape, List<int> members, int rowBase, int stride, int chunk)
    {
        var first = tape.Instructions[members[0]];
        _n = members.Count;
        _m = first.B - 1;
        _mPad = (_m + 2 * V - 1) / (2 * V) * (2 * V);
        _chunk = chunk;
        _x = new nint[_m];
        for (var k = 0; k < _m; k++) _x[k] = (nint)(tape.TermRight[first.A + 1 + k] - rowBase) * stride;
        _y = new nint[_n];
        _weightLeaves = new int[_n * _m];
        _biasLeaves = new int[_n];
        for (var j = 0; j < _n; j++)
        {
            var ins = tape.Instructions[members[j]];
            _y[j] = (nint)(ins.Output - rowBase) * stride;
            _biasLeaves[j] = tape.TermLeft[ins.A];
            for (var k = 0; k < _m; k++) _weightLeaves[j * _m + k] = tape.TermLeft[ins.A + 1 + k];
        }
        _w = new double[_n * _m];
        _xt = new double[chunk * _mPad];
        _gp = new double[_n * chunk];
        _tw = new double[_n * _mPad];
    }

    /// <summary>
    /// The groups of instructions of <paramref name="tape"/> that form dense layers: consecutive sums of products of the form
    /// <c>Σ(bias, w·x₀, w·x₁, …)</c> (bias and weights among the shared leaves <c>0 … shared − 1</c>, distinct inputs
    /// x), with the same inputs, where no instruction between them reads an input (it would add into an input's gradient,
    /// whose order the layer's backward would change).
    /// </summary>
    public static List<List<int>> Find(Tape tape, int shared)
    {
        var groups = new List<List<int>>();
        List<int>? current = null;
        int[] inputs = [];
        var inputSet = new HashSet<int>();
        var instructions = tape.Instructions;
        for (var i = 0; i < instructions.Length; i++)
        {
            var x = Inputs(tape, instructions[i], shared);
            if (x is not null)
            {
                if (current is not null && x.AsSpan().SequenceEqual(inputs))
                {
                    current.Add(i);
                    continue;
                }
                if (current is not null) groups.Add(current);
                inputSet = [.. x];
                var distinct = inputSet.Count == x.Length;
                current = distinct ? [i] : null;
                inputs = distinct ? x : [];
                continue;
            }
            if (current is not null && Reads(tape, instructions[i], inputSet))
            {
                groups.Add(current);
                current = null;
            }
        }
        if (current is not null) groups.Add(current);
        return groups;
    }

    /// <summary>The inputs x of a sum of products <c>Σ(bias, w·x₀, …)</c> with shared bias and weights, or null.</summary>
    private static int[]? Inputs(Tape tape, in Instruction ins, int shared)
    {
        if (ins.Arity != Arity.SumOfProducts || ins.B < 2) return null;
        if (tape.TermRight[ins.A] >= 0 || tape.TermLeft[ins.A] >= shared) return null;
        var x = new int[ins.B - 1];
        for (var k = 1; k < ins.B; k++)
        {
            int left = tape.TermLeft[ins.A + k], right = tape.TermRight[ins.A + k];
            if (left >= shared || right < shared) return null;
            x[k - 1] = right;
        }
        return x;
    }

    private static bool Reads(Tape tape, in Instruction ins, HashSet<int> slots) => ins.Arity switch
    {
        Arity.Unary => slots.Contains(ins.A),
        Arity.Binary => slots.Contains(ins.A) || slots.Contains(ins.B),
        _ => Enumerable.Range(ins.A, ins.B).Any(k => slots.Contains(tape.TermLeft[k]) || slots.Contains(tape.TermRight[k])),
    };

    /// <summary>Every output row over lanes <c>start … start + count − 1</c> (whole vectors), from the shared leaves' values.</summary>
    public void Forward(double[] values, int start, int count, double[] shared)
    {
        LoadWeights(shared);
        ref var data = ref MemoryMarshal.GetArrayDataReference(values);
        var j = 0;
        for (; j + 4 <= _n; j += 4) Forward4(ref data, start, count, j, shared);
        for (; j < _n; j++) Forward1(ref data, start, count, j, shared);
    }

    /// <summary>
    /// Backward over lanes <c>start … start + count − 1</c>, of which the first <paramref name="real"/> are samples: adds into
    /// the inputs' gradient rows, and into <paramref name="totals"/> (indexed by shared leaf) each weight's and bias's
    /// gradient in each sample, from the last sample to the first (none when <paramref name="totals"/> is empty: nobody wants them).
    /// </summary>
    public void Backward(double[] values, double[] gradients, int start, int count, int real, double[] shared, Span<double> totals)
    {
        LoadWeights(shared);
        ref var g = ref MemoryMarshal.GetArrayDataReference(gradients);
        for (var j = 0; j < _n; j++)
        {
            // a product's own gradient: its one contribution, the sum's (bit for bit what an unfused product node holds)
            gradients.AsSpan((int)(_y[j] + start), count).CopyTo(_gp.AsSpan(j * _chunk, count));
        }
        if (!totals.IsEmpty)
        {
            BiasTotals(ref g, start, real, totals);
            if (real > 0) WeightTotals(values, start, real, totals);
        }
        InputGradients(ref g, start, count);
    }

    private void LoadWeights(double[] shared)
    {
        for (var i = 0; i < _w.Length; i++) _w[i] = shared[_weightLeaves[i]];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Forward4(ref double data, int start, int count, int j, double[] shared)
    {
        double b0 = 0.0 + shared[_biasLeaves[j]], b1 = 0.0 + shared[_biasLeaves[j + 1]];
        double b2 = 0.0 + shared[_biasLeaves[j + 2]], b3 = 0.0 + shared[_biasLeaves[j + 3]];
        ref var w0 = ref _w[j * _m];
        ref var w1 = ref Unsafe.Add(ref w0, _m);
        ref var w2 = ref Unsafe.Add(ref w1, _m);
        ref var w3 = ref Unsafe.Add(ref w2, _m);
        ref var x = ref MemoryMarshal.GetArrayDataReference(_x);
        var l = 0;
        for (; l + 2 * V <= count; l += 2 * V)
        {
            Vector<double> a00 = new(b0), a01 = a00, a10 = new(b1), a11 = a10, a20 = new(b2), a21 = a20, a30 = new(b3), a31 = a30;
            for (var k = 0; k < _m; k++)
            {
                ref var xk = ref Unsafe.Add(ref data, Unsafe.Add(ref x, k) + start + l);
                var x0 = Vector.LoadUnsafe(ref xk);
                var x1 = Vector.LoadUnsafe(ref xk, (nuint)V);
                var c = new Vector<double>(Unsafe.Add(ref w0, k));
                a00 += c * x0;
                a01 += c * x1;
                c = new Vector<double>(Unsafe.Add(ref w1, k));
                a10 += c * x0;
                a11 += c * x1;
                c = new Vector<double>(Unsafe.Add(ref w2, k));
                a20 += c * x0;
                a21 += c * x1;
                c = new Vector<double>(Unsafe.Add(ref w3, k));
                a30 += c * x0;
                a31 += c * x1;
            }
            Store2(ref data, _y[j] + start + l, a00, a01);
            Store2(ref data, _y[j + 1] + start + l, a10, a11);
            Store2(ref data, _y[j + 2] + start + l, a20, a21);
            Store2(ref data, _y[j + 3] + start + l, a30, a31);
        }
        for (; l < count; l += V)
        {
            Vector<double> a0 = new(b0), a1 = new(b1), a2 = new(b2), a3 = new(b3);
            for (var k = 0; k < _m; k++)
            {
                var xk = Vector.LoadUnsafe(ref Unsafe.Add(ref data, Unsafe.Add(ref x, k) + start + l));
                a0 += new Vector<double>(Unsafe.Add(ref w0, k)) * xk;
                a1 += new Vector<double>(Unsafe.Add(ref w1, k)) * xk;
                a2 += new Vector<double>(Unsafe.Add(ref w2, k)) * xk;
                a3 += new Vector<double>(Unsafe.Add(ref w3, k)) * xk;
            }
            a0.StoreUnsafe(ref Unsafe.Add(ref data, _y[j] + start + l));
            a1.StoreUnsafe(ref Unsafe.Add(ref data, _y[j + 1] + start + l));
            a2.StoreUnsafe(ref Unsafe.Add(ref data, _y[j + 2] + start + l));
            a3.StoreUnsafe(ref Unsafe.Add(ref data, _y[j + 3] + start + l));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Forward1(ref double data, int start, int count, int j, double[] shared)
    {
        var b = 0.0 + shared[_biasLeaves[j]];
        ref var w = ref _w[j * _m];
        ref var x = ref MemoryMarshal.GetArrayDataReference(_x);
        for (var l = 0; l < count; l += V)
        {
            Vector<double> a = new(b);
            for (var k = 0; k < _m; k++)
                a += new Vector<double>(Unsafe.Add(ref w, k)) * Vector.LoadUnsafe(ref Unsafe.Add(ref data, Unsafe.Add(ref x, k) + start + l));
            a.StoreUnsafe(ref Unsafe.Add(ref data, _y[j] + start + l));
        }
    }

    /// <summary>Each bias's total plus its sum's gradient in each sample, from the last sample to the first (four chains at once).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BiasTotals(ref double g, int start, int real, Span<double> totals)
    {
        var j = 0;
        for (; j + 4 <= _n; j += 4)
        {
            ref var r0 = ref Unsafe.Add(ref g, _y[j] + start);
            ref var r1 = ref Unsafe.Add(ref g, _y[j + 1] + start);
            ref var r2 = ref Unsafe.Add(ref g, _y[j + 2] + start);
            ref var r3 = ref Unsafe.Add(ref g, _y[j + 3] + start);
            double t0 = totals[_biasLeaves[j]], t1 = totals[_biasLeaves[j + 1]], t2 = totals[_biasLeaves[j + 2]], t3 = totals[_biasLeaves[j + 3]];
            for (var l = real - 1; l >= 0; l--)
            {
                t0 += Unsafe.Add(ref r0, l);
                t1 += Unsafe.Add(ref r1, l);
                t2 += Unsafe.Add(ref r2, l);
                t3 += Unsafe.Add(ref r3, l);
            }
            (totals[_biasLeaves[j]], totals[_biasLeaves[j + 1]], totals[_biasLeaves[j + 2]], totals[_biasLeaves[j + 3]]) = (t0, t1, t2, t3);
        }
        for (; j < _n; j++)
        {
            ref var r = ref Unsafe.Add(ref g, _y[j] + start);
            var t = totals[_biasLeaves[j]];
            for (var l = real - 1; l >= 0; l--) t += Unsafe.Add(ref r, l);
            totals[_biasLeaves[j]] = t;
        }
    }

    /// <summary>
    /// Each weight's total plus, from the last sample to the first, its product's gradient times the input:
    /// <c>t[j, k] += gp[j, l] · x[k, l]</c>. Blocked as a matrix product over four neurons and two vectors of inputs, with
    /// the inputs transposed (sample-major) so that a vector holds consecutive inputs of one sample.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WeightTotals(double[] values, int start, int real, Span<double> totals)
    {
        for (var k = 0; k < _m; k++)
        {
            var row = values.AsSpan((int)(_x[k] + start), real);
            for (var l = 0; l < row.Length; l++) _xt[l * _mPad + k] = row[l];
        }
        for (var j = 0; j < _n; j++)
        {
            for (var k = 0; k < _m; k++) _tw[j * _mPad + k] = totals[_weightLeaves[j * _m + k]];
        }
        ref var xt = ref MemoryMarshal.GetArrayDataReference(_xt);
        ref var gp = ref MemoryMarshal.GetArrayDataReference(_gp);
        ref var tw = ref MemoryMarshal.GetArrayDataReference(_tw);
        var j4 = 0;
        for (; j4 + 4 <= _n; j4 += 4)
        {
            ref var g0 = ref Unsafe.Add(ref gp, j4 * _chunk);
            ref var g1 = ref Unsafe.Add(ref g0, _chunk);
            ref var g2 = ref Unsafe.Add(ref g1, _chunk);
            ref var g3 = ref Unsafe.Add(ref g2, _chunk);
            for (var k = 0; k < _mPad; k += 2 * V)
            {
                ref var t0 = ref Unsafe.Add(ref tw, j4 * _mPad + k);
                ref var t1 = ref Unsafe.Add(ref t0, _mPad);
                ref var t2 = ref Unsafe.Add(ref t1, _mPad);
                ref var t3 = ref Unsafe.Add(ref t2, _mPad);
                Vector<double> a00 = Vector.LoadUnsafe(ref t0), a01 = Vector.LoadUnsafe(ref t0, (nuint)V);
                Vector<double> a10 = Vector.LoadUnsafe(ref t1), a11 = Vector.LoadUnsafe(ref t1, (nuint)V);
                Vector<double> a20 = Vector.LoadUnsafe(ref t2), a21 = Vector.LoadUnsafe(ref t2, (nuint)V);
                Vector<double> a30 = Vector.LoadUnsafe(ref t3), a31 = Vector.LoadUnsafe(ref t3, (nuint)V);
                for (var l = real - 1; l >= 0; l--)
                {
                    ref var xl = ref Unsafe.Add(ref xt, l * _mPad + k);
                    var x0 = Vector.LoadUnsafe(ref xl);
                    var x1 = Vector.LoadUnsafe(ref xl, (nuint)V);
                    var c = new Vector<double>(Unsafe.Add(ref g0, l));
                    a00 += c * x0;
                    a01 += c * x1;
                    c = new Vector<double>(Unsafe.Add(ref g1, l));
                    a10 += c * x0;
                    a11 += c * x1;
                    c = new Vector<double>(Unsafe.Add(ref g2, l));
                    a20 += c * x0;
                    a21 += c * x1;
                    c = new Vector<double>(Unsafe.Add(ref g3, l));
                    a30 += c * x0;
                    a31 += c * x1;
                }
                a00.StoreUnsafe(ref t0);
                a01.StoreUnsafe(ref t0, (nuint)V);
                a10.StoreUnsafe(ref t1);
                a11.StoreUnsafe(ref t1, (nuint)V);
                a20.StoreUnsafe(ref t2);
                a21.StoreUnsafe(ref t2, (nuint)V);
                a30.StoreUnsafe(ref t3);
                a31.StoreUnsafe(ref t3, (nuint)V);
            }
        }
        for (; j4 < _n; j4++)
        {
            ref var g0 = ref Unsafe.Add(ref gp, j4 * _chunk);
            for (var k = 0; k < _mPad; k += V)
            {
                ref var t0 = ref Unsafe.Add(ref tw, j4 * _mPad + k);
                var a = Vector.LoadUnsafe(ref t0);
                for (var l = real - 1; l >= 0; l--) a += new Vector<double>(Unsafe.Add(ref g0, l)) * Vector.LoadUnsafe(ref Unsafe.Add(ref xt, l * _mPad + k));
                a.StoreUnsafe(ref t0);
            }
        }
        for (var j = 0; j < _n; j++)
        {
            for (var k = 0; k < _m; k++) totals[_weightLeaves[j * _m + k]] = _tw[j * _mPad + k];
        }
    }

    /// <summary>
    /// Each input's gradient plus, from the last neuron to the first, the product's gradient times the weight:
    /// <c>gx[k, l] += gp[j, l] · w[j, k]</c>. Blocked over four inputs and two vectors of samples.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void InputGradients(ref double g, int start, int count)
    {
        ref var gp = ref MemoryMarshal.GetArrayDataReference(_gp);
        ref var w = ref MemoryMarshal.GetArrayDataReference(_w);
        var k = 0;
        for (; k + 4 <= _m; k += 4)
        {
            nint o0 = _x[k] + start, o1 = _x[k + 1] + start, o2 = _x[k + 2] + start, o3 = _x[k + 3] + start;
            var l = 0;
            for (; l + 2 * V <= count; l += 2 * V)
            {
                Vector<double> a00 = Vector.LoadUnsafe(ref Unsafe.Add(ref g, o0 + l)), a01 = Vector.LoadUnsafe(ref Unsafe.Add(ref g, o0 + l + V));
                Vector<double> a10 = Vector.LoadUnsafe(ref Unsafe.Add(ref g, o1 + l)), a11 = Vector.LoadUnsafe(ref Unsafe.Add(ref g, o1 + l + V));
                Vector<double> a20 = Vector.LoadUnsafe(ref Unsafe.Add(ref g, o2 + l)), a21 = Vector.LoadUnsafe(ref Unsafe.Add(ref g, o2 + l + V));
                Vector<double> a30 = Vector.LoadUnsafe(ref Unsafe.Add(ref g, o3 + l)), a31 = Vector.LoadUnsafe(ref Unsafe.Add(ref g, o3 + l + V));
                for (var j = _n - 1; j >= 0; j--)
                {
                    ref var pj = ref Unsafe.Add(ref gp, j * _chunk + l);
                    var p0 = Vector.LoadUnsafe(ref pj);
                    var p1 = Vector.LoadUnsafe(ref pj, (nuint)V);
                    ref var wj = ref Unsafe.Add(ref w, j * _m + k);
                    var c = new Vector<double>(wj);
                    a00 += p0 * c;
                    a01 += p1 * c;
                    c = new Vector<double>(Unsafe.Add(ref wj, 1));
                    a10 += p0 * c;
                    a11 += p1 * c;
                    c = new Vector<double>(Unsafe.Add(ref wj, 2));
                    a20 += p0 * c;
                    a21 += p1 * c;
                    c = new Vector<double>(Unsafe.Add(ref wj, 3));
                    a30 += p0 * c;
                    a31 += p1 * c;
                }
                Store2(ref g, o0 + l, a00, a01);
                Store2(ref g, o1 + l, a10, a11);
                Store2(ref g, o2 + l, a20, a21);
                Store2(ref g, o3 + l, a30, a31);
            }
            for (; l < count; l += V)
            {
                Vector<double> a0 = Vector.LoadUnsafe(ref Unsafe.Add(ref g, o0 + l)), a1 = Vector.LoadUnsafe(ref Unsafe.Add(ref g, o1 + l));
                Vector<double> a2 = Vector.LoadUnsafe(ref Unsafe.Add(ref g, o2 + l)), a3 = Vector.LoadUnsafe(ref Unsafe.Add(ref g, o3 + l));
                for (var j = _n - 1; j >= 0; j--)
                {
                    var p = Vector.LoadUnsafe(ref Unsafe.Add(ref gp, j * _chunk + l));
                    ref var wj = ref Unsafe.Add(ref w, j * _m + k);
                    a0 += p * new Vector<double>(wj);
                    a1 += p * new Vector<double>(Unsafe.Add(ref wj, 1));
                    a2 += p * new Vector<double>(Unsafe.Add(ref wj, 2));
                    a3 += p * new Vector<double>(Unsafe.Add(ref wj, 3));
                }
                a0.StoreUnsafe(ref Unsafe.Add(ref g, o0 + l));
                a1.StoreUnsafe(ref Unsafe.Add(ref g, o1 + l));
                a2.StoreUnsafe(ref Unsafe.Add(ref g, o2 + l));
                a3.StoreUnsafe(ref Unsafe.Add(ref g, o3 + l));
            }
        }
        for (; k < _m; k++)
        {
            var o = _x[k] + start;
            for (var l = 0; l < count; l += V)
            {
                var a = Vector.LoadUnsafe(ref Unsafe.Add(ref g, o + l));
                for (var j = _n - 1; j >= 0; j--)
                    a += Vector.LoadUnsafe(ref Unsafe.Add(ref gp, j * _chunk + l)) * new Vector<double>(Unsafe.Add(ref w, j * _m + k));
                a.StoreUnsafe(ref Unsafe.Add(ref g, o + l));
            }
        }
    }

    private static void Store2(ref double data, nint at, Vector<double> a, Vector<double> b)
    {
        a.StoreUnsafe(ref Unsafe.Add(ref data, at));
        b.StoreUnsafe(ref Unsafe.Add(ref data, at + V));
    }
}
