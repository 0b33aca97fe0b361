using System.Reflection;
using System.Runtime.CompilerServices;

namespace Micrograd.Tests;

/// <summary>
/// The core opens its internals to test projects only. A shipped package (the libraries, the tool) that read them would
/// break for a user who mixes its version with another core's (an internal member may change or go without notice, and the
/// call then fails at run time with MissingMethodException); a package uses the core's public API, which PublicAPI.*.txt
/// and package validation keep.
/// </summary>
public class InternalsVisibleToTests
{
    /// <summary>Every package this repository ships, besides the core.</summary>
    private static readonly string[] Shipped = ["Micrograd.Plots", "Micrograd.Explorer", "Micrograd.Onnx", "Micrograd.Cli", "micrograd"];

    private static IReadOnlyList<string> Friends() =>
        [.. typeof(Value).Assembly.GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName.Split(',')[0].Trim())];

    [Fact]
    public void The_core_opens_its_internals_to_test_projects_only()
    {
        var friends = Friends();
        Assert.NotEmpty(friends); // the attributes are read: this test sees the internals through one of them
        Assert.Contains("Micrograd.Tests", friends);
        Assert.All(friends, name => Assert.True(name.EndsWith(".Tests", StringComparison.Ordinal),
            $"The core gives InternalsVisibleTo to '{name}', which is not a test project: a shipped package must use the public API only."));
        Assert.Empty(friends.Intersect(Shipped, StringComparer.OrdinalIgnoreCase));
    }
}
