namespace Micrograd.Explorer;

/// <summary>
/// One power's exceptions over a run (<see cref="GptRunRecorder"/>): at each step, the parameters (by index, ascending)
/// where .NET's <see cref="Math.Pow"/> (C's <c>pow</c>, which the engine's Adam computes) is not the correctly rounded
/// operation a browser computes instead (<c>g · g</c> for <c>g ** 2</c>, the square root for <c>v̂ ** 0.5</c>).
/// </summary>
/// <remarks>The two are at most a unit in the last place apart where <c>pow</c> keeps its documented accuracy (glibc's: 0.54
/// of one), so an exception is one number, <see cref="Codes"/>: the index times 2, plus 1 when <c>pow</c>'s number is the
/// next double up from the browser's (its bits one more), 0 when it is the next one down. Any other exception (farther
/// apart, negative, not finite, or an index from 2³⁰) keeps .NET's number whole, in <see cref="OtherIndices"/> and
/// <see cref="OtherValues"/>. Step k's are entries <c>Starts[k]</c> to <c>Starts[k + 1]</c> of Codes and
/// <c>OtherStarts[k]</c> to <c>OtherStarts[k + 1]</c> of the others.</remarks>
internal sealed class GptPowExceptions
{
    private const int MaxCodedIndex = 1 << 30;

    private readonly List<int> _starts = [0];
    private readonly List<int> _codes = [];
    private readonly List<int> _otherStarts = [0];
    private readonly List<int> _otherIndices = [];
    private readonly List<double> _otherValues = [];

    /// <summary>Where each step's <see cref="Codes"/> start, and after the last step's, their count.</summary>
    public IReadOnlyList<int> Starts => _starts;

    /// <summary>index · 2 + 1 where <c>pow</c> is the next double up, index · 2 where it is the next one down.</summary>
    public IReadOnlyList<int> Codes => _codes;

    /// <summary>Where each step's other exceptions start, and after the last step's, their count.</summary>
    public IReadOnlyList<int> OtherStarts => _otherStarts;

    /// <summary>The other exceptions' indices.</summary>
    public IReadOnlyList<int> OtherIndices => _otherIndices;

    /// <summary>The other exceptions' numbers, .NET's.</summary>
    public IReadOnlyList<double> OtherValues => _otherValues;

    /// <summary>How many exceptions in all.</summary>
    public int Count => _codes.Count + _otherIndices.Count;

    /// <summary>Adds parameter <paramref name="index"/> to this step's exceptions when <paramref name="pow"/> and
    /// <paramref name="ieee"/> differ in any bit.</summary>
    public void Check(int index, double pow, double ieee)
    {
        long p = BitConverter.DoubleToInt64Bits(pow), q = BitConverter.DoubleToInt64Bits(ieee);
        if (p == q) return;
        if (index < MaxCodedIndex && q >= 0 && double.IsFinite(ieee) && double.IsFinite(pow) && Math.Abs(p - q) == 1)
        {
            _codes.Add((index * 2) + (p > q ? 1 : 0));
            return;
        }
        _otherIndices.Add(index);
        _otherValues.Add(pow);
    }

    /// <summary>Ends the step's exceptions.</summary>
    public void EndStep()
    {
        _starts.Add(_codes.Count);
        _otherStarts.Add(_otherIndices.Count);
    }
}
