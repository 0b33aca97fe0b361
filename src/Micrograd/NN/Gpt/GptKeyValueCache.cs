namespace Micrograd.NN.Gpt;

/// <summary>
/// The keys and values that a <see cref="Gpt"/>'s attention has computed so far in one document, per layer (microgpt's
/// <c>keys</c> and <c>values</c>): each position's forward pass appends its own and attends to all of them. Start a new
/// cache for each document.
/// </summary>
public sealed class GptKeyValueCache
{
    private readonly List<Value[]>[] _keys;
    private readonly List<Value[]>[] _values;

    /// <summary>An empty cache for a model of <paramref name="layers"/> layers.</summary>
    /// <param name="layers">At least 1.</param>
    public GptKeyValueCache(int layers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(layers, 1);
        _keys = new List<Value[]>[layers];
        _values = new List<Value[]>[layers];
        for (var l = 0; l < layers; l++)
        {
            _keys[l] = [];
            _values[l] = [];
        }
    }

    /// <summary>How many layers the cache is for.</summary>
    public int Layers => _keys.Length;

    /// <summary>How many positions the cache holds: the position the next forward pass is at.</summary>
    public int Length => _keys[^1].Count;

    internal List<Value[]> Keys(int layer) => _keys[layer];

    internal List<Value[]> Values(int layer) => _values[layer];
}
