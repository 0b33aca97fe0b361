using System.Globalization;

namespace Micrograd.Benchmarks;

/// <summary>A tiny <c>--name value</c> parser for the bench's own commands.</summary>
public sealed class Options(string[] args)
{
    public string? Get(string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public int GetInt(string name, int fallback) => Get(name) is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : fallback;

    public long GetLong(string name, long fallback) => Get(name) is { } s ? long.Parse(s.Replace("_", ""), CultureInfo.InvariantCulture) : fallback;
}
