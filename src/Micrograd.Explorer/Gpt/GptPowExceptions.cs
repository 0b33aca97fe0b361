namespace Micrograd.Explorer;

/// <summary>
/// One power's exceptions over a run (<see cref="GptRunRecorder"/>): at each step, the parameters (by index, ascending)
/// where .NET's <see cref="Math.Pow"/> (C's <c>pow</c>, which the engine's Adam computes) is not the correctly rounded
/// operation a browser computes instead (<c>g · g</c> for <c>g ** 2</c>, the square root for <c>v̂ ** 0.5</c>), with .NET's
/// number. Step k's are entries <c>Starts[k]</c> to <c>Starts[k + 1]</c> of <see cref="Indices"/> and <see cref="Values"/>.
/// </summary>
internal sealed class GptPowExceptions
{
    private readonly List<int> _starts = [0];
    private readonly List<int> _indices = [];
    private readonly List<double> _values = [];

    /// <summary>Where each step's exceptions start, and after the last step's, the count: one more than the steps.</summary>
    public IReadOnlyList<int> Starts => _starts;

    /// <summary>The parameters' indices.</summary>
    public IReadOnlyList<int> Indices => _indices;

    /// <summary>.NET's numbers.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>How many exceptions in all.</summary>
    public int Count => _indices.Count;

    /// <summary>Adds parameter <paramref name="index"/> to this step's exceptions when <paramref name="pow"/> and
    /// <paramref name="ieee"/> differ in any bit.</summary>
    public void Check(int index, double pow, double ieee)
    {
        if (BitConverter.DoubleToInt64Bits(pow) == BitConverter.DoubleToInt64Bits(ieee)) return;
        _indices.Add(index);
        _values.Add(pow);
    }

    /// <summary>Ends the step's exceptions.</summary>
    public void EndStep() => _starts.Add(_indices.Count);
}
