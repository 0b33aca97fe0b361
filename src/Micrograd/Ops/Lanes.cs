using System.Numerics;
using System.Runtime.InteropServices;

namespace Micrograd.Ops;

/// <summary>Views of lane spans as <see cref="Vector{T}"/> spans, for ops' vector lane kernels.</summary>
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
