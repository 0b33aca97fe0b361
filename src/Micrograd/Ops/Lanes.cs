using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Micrograd.Ops;

/// <summary>
/// The loops of vector lane kernels: an op supplies its formula as a struct (so each loop is compiled for, and inlines,
/// that op's formula on <see cref="LaneVector"/>) and these apply it over whole spans. Lengths are checked once, then the loops run without
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

    /// <summary><c>y = formula.Forward(x)</c>, vector by vector.</summary>
    public static void Map<TFormula>(in TFormula formula, ReadOnlySpan<double> x, Span<double> y) where TFormula : struct, IUnaryFormula
    {
        var n = Vectors(y, x.Length);
        ref var rx = ref Start(x);
        ref var ry = ref Start(y);
        for (nint i = 0; i < n; i++) Unsafe.Add(ref ry, i) = formula.Forward(new LaneVector(Unsafe.Add(ref rx, i))).Lanes;
    }

    /// <summary><c>gx += formula.Backward(x, y, g)</c>, vector by vector.</summary>
    public static void Accumulate<TFormula>(in TFormula formula, ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> gx)
        where TFormula : struct, IUnaryFormula
    {
        var n = Vectors(gx, Math.Min(x.Length, Math.Min(y.Length, g.Length)));
        ref var rx = ref Start(x);
        ref var ry = ref Start(y);
        ref var rg = ref Start(g);
        ref var rgx = ref Start(gx);
        for (nint i = 0; i < n; i++)
        {
            Unsafe.Add(ref rgx, i) += formula.Backward(
                new LaneVector(Unsafe.Add(ref rx, i)), new LaneVector(Unsafe.Add(ref ry, i)), new LaneVector(Unsafe.Add(ref rg, i))).Lanes;
        }
    }

    /// <summary><c>y = formula.Forward(a, b)</c>, vector by vector.</summary>
    public static void Map<TFormula>(in TFormula formula, ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> y) where TFormula : struct, IBinaryFormula
    {
        var n = Vectors(y, Math.Min(a.Length, b.Length));
        ref var ra = ref Start(a);
        ref var rb = ref Start(b);
        ref var ry = ref Start(y);
        for (nint i = 0; i < n; i++) Unsafe.Add(ref ry, i) = formula.Forward(new LaneVector(Unsafe.Add(ref ra, i)), new LaneVector(Unsafe.Add(ref rb, i))).Lanes;
    }

    /// <summary>In each vector, <c>ga += formula.BackwardLeft(…)</c> then <c>gb += formula.BackwardRight(…)</c>;
    /// <paramref name="ga"/> and <paramref name="gb"/> may be the same span.</summary>
    public static void Accumulate<TFormula>(in TFormula formula, ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> ga, Span<double> gb)
        where TFormula : struct, IBinaryFormula
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
            LaneVector ai = new(Unsafe.Add(ref ra, i)), bi = new(Unsafe.Add(ref rb, i)), yi = new(Unsafe.Add(ref ry, i)), gi = new(Unsafe.Add(ref rg, i));
            Unsafe.Add(ref rga, i) += formula.BackwardLeft(ai, bi, yi, gi).Lanes;
            Unsafe.Add(ref rgb, i) += formula.BackwardRight(ai, bi, yi, gi).Lanes;
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
