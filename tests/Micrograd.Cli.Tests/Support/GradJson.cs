using System.Text.Json;
using Micrograd.Tests.Support;

namespace Micrograd.Cli.Tests.Support;

/// <summary>The object that <c>grad --json</c> prints, read back.</summary>
public sealed record GradJson(double Value, IReadOnlyList<KeyValuePair<string, double>> Gradients)
{
    /// <summary>Reads stdout, which must hold exactly one JSON object and a newline.</summary>
    public static GradJson Parse(string stdout)
    {
        Assert.EndsWith("\n", stdout);
        Assert.Single(stdout.TrimEnd('\n').Split('\n'));
        using var document = JsonDocument.Parse(stdout);
        var root = document.RootElement;
        Assert.Equal(["value", "gradients"], root.EnumerateObject().Select(p => p.Name));
        var gradients = root.GetProperty("gradients").EnumerateObject().Select(p => KeyValuePair.Create(p.Name, Fixtures.Number(p.Value))).ToList();
        return new GradJson(Fixtures.Number(root.GetProperty("value")), gradients);
    }

    /// <summary>The arguments of <c>grad</c> for a reference case: the expression, then NAME=VALUE with round-trip numbers.</summary>
    public static string[] Arguments(ReferenceCase c, params string[] more) =>
        ["grad", c.Expr, .. c.At.Select(p => $"{p.Key}={Close.Format(p.Value)}"), .. more];
}
