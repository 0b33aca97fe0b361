using System.Numerics;

namespace Micrograd.NN.Gpt;

/// <summary>
/// The compiled GPT's matrix loops (<see cref="GptKernel"/>), each the exact arithmetic of the graph it replaces: a product
/// is rounded before it is added (a multiply, then an add, never a fused multiply-add), a dot product starts from 0 and
/// adds left to right, and a gradient receives its contributions in the order the caller passes them. Vectors run across
/// independent entries only (the lanes of one gradient row), so each entry sees the same operations as the scalar code.
/// </summary>
internal static class GptDense
{
    /// <summary><c>y[r] = 0 + w[r,0]·x[0] + w[r,1]·x[1] + …</c> for each of the rows of <paramref name="w"/> (row-major,
    /// <c>x.Length</c> columns): microgpt's <c>linear</c>. Four rows at a time, each its own chain of additions.</summary>
    public static void MatVec(ReadOnlySpan<double> w, ReadOnlySpan<double> x, Span<double> y)
    {
        var columns = x.Length;
        var rows = y.Length;
        var r = 0;
        for (; r + 4 <= rows; r += 4)
        {
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            var row0 = w.Slice(r * columns, columns);
            var row1 = w.Slice((r + 1) * columns, columns);
            var row2 = w.Slice((r + 2) * columns, columns);
            var row3 = w.Slice((r + 3) * columns, columns);
            for (var i = 0; i < columns; i++)
            {
                var xi = x[i];
                s0 += row0[i] * xi;
                s1 += row1[i] * xi;
                s2 += row2[i] * xi;
                s3 += row3[i] * xi;
            }
            y[r] = s0;
            y[r + 1] = s1;
            y[r + 2] = s2;
            y[r + 3] = s3;
        }
        for (; r < rows; r++)
        {
            double s = 0;
            var row = w.Slice(r * columns, columns);
            for (var i = 0; i < columns; i++) s += row[i] * x[i];
            y[r] = s;
        }
    }

    /// <summary>The backward of one row of a linear layer, <c>y[r] = Σ w[r,i]·x[i]</c>, given its gradient
    /// <paramref name="g"/>: <c>gw[i] += g·x[i]</c> (the weight's leaf gradient) and <c>gx[i] += g·w[i]</c> (the input's).
    /// Each entry of <paramref name="gw"/> and <paramref name="gx"/> receives one contribution, so the caller orders
    /// the rows as the graph's reverse topological order orders them.</summary>
    public static void RowBackward(double g, ReadOnlySpan<double> w, ReadOnlySpan<double> x, Span<double> gw, Span<double> gx)
    {
        var n = x.Length;
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var vg = new Vector<double>(g);
            for (; i + Vector<double>.Count <= n; i += Vector<double>.Count)
            {
                var vx = new Vector<double>(x[i..]);
                var vw = new Vector<double>(w[i..]);
                (new Vector<double>(gw[i..]) + (vg * vx)).CopyTo(gw[i..]);
                (new Vector<double>(gx[i..]) + (vg * vw)).CopyTo(gx[i..]);
            }
        }
        for (; i < n; i++)
        {
            gw[i] += g * x[i];
            gx[i] += g * w[i];
        }
    }

    /// <summary><c>gx[i] += g·w[i]</c> for one row of weights: the input's share of a row's backward, for rows whose weight
    /// gradients are added elsewhere.</summary>
    public static void AddScaled(double g, ReadOnlySpan<double> w, Span<double> gx)
    {
        var n = w.Length;
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var vg = new Vector<double>(g);
            for (; i + Vector<double>.Count <= n; i += Vector<double>.Count)
                (new Vector<double>(gx[i..]) + (vg * new Vector<double>(w[i..]))).CopyTo(gx[i..]);
        }
        for (; i < n; i++) gx[i] += g * w[i];
    }

    /// <summary>The backward of a whole linear layer (<c>gy.Length</c> rows of <c>x.Length</c> columns) from its output
    /// gradients <paramref name="gy"/>, rows from the last to the first: each input gradient receives the rows'
    /// contributions in that order, as the graph's sweep adds them when the rows were built from the first.</summary>
    public static void LinearBackward(ReadOnlySpan<double> gy, ReadOnlySpan<double> w, ReadOnlySpan<double> x, Span<double> gw, Span<double> gx)
    {
        var columns = x.Length;
        for (var r = gy.Length - 1; r >= 0; r--)
            RowBackward(gy[r], w.Slice(r * columns, columns), x, gw.Slice(r * columns, columns), gx);
    }
}
