using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Micrograd.Ops;

/// <summary>A unary op's forward formula on a vector of lanes (implemented by a struct in the op's file).</summary>
internal interface IUnaryForwardLanes
{
    static abstract Vector<double> Forward(Vector<double> x);
}

/// <summary>A unary op's gradient contribution on a vector of lanes: g times dy/dx, given x, y and g.</summary>
internal interface IUnaryBackwardLanes
{
    static abstract Vector<double> Backward(Vector<double> x, Vector<double> y, Vector<double> g);
}

/// <summary>A binary op's forward formula on vectors of lanes.</summary>
internal interface IBinaryForwardLanes
{
    static abstract Vector<double> Forward(Vector<double> a, Vector<double> b);
}

/// <summary>A binary op's gradient contributions on vectors of lanes: to a (left) and to b (right).</summary>
internal interface IBinaryBackwardLanes
{
    static abstract Vector<double> Left(Vector<double> a, Vector<double> b, Vector<double> y, Vector<double> g);

    static abstract Vector<double> Right(Vector<double> a, Vector<double> b, Vector<double> y, Vector<double> g);
}

/// <summary>
/// The loops of vector lane kernels: an op supplies its formulas as a struct (so each loop is compiled for, and inlines,
/// that op's formulas) and these apply them over whole spans. Lengths are checked once, then the loops run without
/// per-element bounds checks.
/// </summary>
internal static class Lanes
{
    /// <summary>Lanes per vector on this machine.</summary>
    public static int Width => Vector<double>.Count;

    /// <summary>Rounds a lane count up to a whole number of vectors.</summary>
    public static int Padded(int lanes) => (lanes + Width - 1) / Width * Width;

    public static Span<Vector<double>> Of(Span<double> lanes)
    {
        Check(lanes.Length);
        return MemoryMarshal.Cast<double, Vector<double>>(lanes);
    }

    public static ReadOnlySpan<Vector<double>> Of(ReadOnlySpan<double> lanes)
    {
        Check(lanes.Length);
        return MemoryMarshal.Cast<double, Vector<double>>(lanes);
    }

    /// <summary><c>y = T.Forward(x)</c>, vector by vector.</summary>
    public static void Map<T>(ReadOnlySpan<double> x, Span<double> y) where T : struct, IUnaryForwardLanes
    {
        var n = Vectors(y, x.Length);
        ref var rx = ref Start(x);
        ref var ry = ref Start(y);
        for (nint i = 0; i < n; i++) Unsafe.Add(ref ry, i) = T.Forward(Unsafe.Add(ref rx, i));
    }

    /// <summary><c>gx += T.Backward(x, y, g)</c>, vector by vector.</summary>
    public static void Accumulate<T>(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> gx)
        where T : struct, IUnaryBackwardLanes
    {
        var n = Vectors(gx, Math.Min(x.Length, Math.Min(y.Length, g.Length)));
        ref var rx = ref Start(x);
        ref var ry = ref Start(y);
        ref var rg = ref Start(g);
        ref var rgx = ref Start(gx);
        for (nint i = 0; i < n; i++)
            Unsafe.Add(ref rgx, i) += T.Backward(Unsafe.Add(ref rx, i), Unsafe.Add(ref ry, i), Unsafe.Add(ref rg, i));
    }

    /// <summary><c>y = T.Forward(a, b)</c>, vector by vector.</summary>
    public static void Map<T>(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> y) where T : struct, IBinaryForwardLanes
    {
        var n = Vectors(y, Math.Min(a.Length, b.Length));
        ref var ra = ref Start(a);
        ref var rb = ref Start(b);
        ref var ry = ref Start(y);
        for (nint i = 0; i < n; i++) Unsafe.Add(ref ry, i) = T.Forward(Unsafe.Add(ref ra, i), Unsafe.Add(ref rb, i));
    }

    /// <summary>In each vector, <c>ga += T.Left(…)</c> then <c>gb += T.Right(…)</c>; <paramref name="ga"/> and
    /// <paramref name="gb"/> may be the same span.</summary>
    public static void Accumulate<T>(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> ga, Span<double> gb)
        where T : struct, IBinaryBackwardLanes
    {
        var n = Vectors(g, Math.Min(Math.Min(a.Length, b.Length), Math.Min(y.Length, Math.Min(ga.Length, gb.Length))));
        ref var ra = ref Start(a);
        ref var rb = ref Start(b);
        ref var ry = ref Start(y);
        ref var rg = ref Start(g);
        ref var rga = ref Start(ga);
        ref var rgb = ref Start(gb);
        for (nint i = 0; i < n; i++)
        {
            Vector<double> ai = Unsafe.Add(ref ra, i), bi = Unsafe.Add(ref rb, i), yi = Unsafe.Add(ref ry, i), gi = Unsafe.Add(ref rg, i);
            Unsafe.Add(ref rga, i) += T.Left(ai, bi, yi, gi);
            Unsafe.Add(ref rgb, i) += T.Right(ai, bi, yi, gi);
        }
    }

    /// <summary>The number of vectors in <paramref name="lanes"/>, after checking that it is whole vectors and that the
    /// other spans hold at least <paramref name="others"/> lanes.</summary>
    private static int Vectors(ReadOnlySpan<double> lanes, int others)
    {
        Check(lanes.Length);
        if (others < lanes.Length)
            throw new ArgumentException($"Every lane span of a kernel must hold {lanes.Length} lanes; one holds {others}.");
        return lanes.Length / Vector<double>.Count;
    }

    private static ref Vector<double> Start(ReadOnlySpan<double> lanes) =>
        ref Unsafe.As<double, Vector<double>>(ref MemoryMarshal.GetReference(lanes));

    private static void Check(int length)
    {
        if (length % Vector<double>.Count != 0)
            throw new ArgumentException($"A lane span must hold a whole number of vectors of {Vector<double>.Count}; it holds {length} lanes.");
    }
}

/// <summary>
/// The operands of an n-ary node in compiled storage: operand <c>k</c> is at <c>data[slots[k] * stride + lane]</c>
/// (stride 1 and lane 0 for a scalar tape).
/// </summary>
internal readonly ref struct NaryOperands
{
    private readonly ReadOnlySpan<int> _slots;
    private readonly Span<double> _data;
    private readonly int _stride;
    private readonly int _lane;

    public NaryOperands(ReadOnlySpan<int> slots, Span<double> data, int stride, int lane)
    {
        _slots = slots;
        _data = data;
        _stride = stride;
        _lane = lane;
    }

    public int Count => _slots.Length;

    public double this[int k] => _data[_slots[k] * _stride + _lane];

    /// <summary>Adds <paramref name="delta"/> to operand <paramref name="k"/> (used on gradient storage).</summary>
    public void Add(int k, double delta) => _data[_slots[k] * _stride + _lane] += delta;
}

/// <summary>
/// Rows of compiled lane storage: slot <c>s</c> holds its lanes at <c>data[s * stride + start ..][..count]</c>.
/// </summary>
internal readonly ref struct LaneRows
{
    private readonly Span<double> _data;
    private readonly int _stride;
    private readonly int _start;
    private readonly int _count;

    public LaneRows(Span<double> data, int stride, int start, int count)
    {
        _data = data;
        _stride = stride;
        _start = start;
        _count = count;
    }

    public Span<double> Row(int slot) => _data.Slice(slot * _stride + _start, _count);

    /// <summary>The operands of one lane (0-based within these rows), for the generic lane kernels.</summary>
    public NaryOperands Lane(ReadOnlySpan<int> slots, int lane) => new(slots, _data, _stride, _start + lane);
}
