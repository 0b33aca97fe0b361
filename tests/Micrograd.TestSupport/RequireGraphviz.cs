using Micrograd.Graphs;

namespace Micrograd.Tests.Support;

/// <summary>Rendering tests need Graphviz's dot: CI installs it (.ci/run). Without it they fail loudly rather than pass.</summary>
public static class RequireGraphviz
{
    public static string Dot()
    {
        var dot = Graphviz.FindDot();
        Assert.True(dot is not null,
            "Graphviz's 'dot' is not on PATH, and these tests render real pictures with it: install it (sudo apt-get install graphviz) or run .ci/run, which does.");
        return dot!;
    }
}
