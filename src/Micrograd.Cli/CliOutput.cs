using Micrograd.Graphs;
using Spectre.Console;

namespace Micrograd.Cli;

/// <summary>
/// Where a command writes: plain writers for machine-readable output, and a Spectre console for tables and progress;
/// and where it finds Graphviz's dot (<see cref="Graphviz"/>, replaceable so that tests can hide it).
/// </summary>
internal sealed class CliOutput(TextWriter stdout, TextWriter stderr, GraphvizOptions? graphviz = null)
{
    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    /// <summary>How to find Graphviz's <c>dot</c> for pictures; by default, on PATH.</summary>
    public GraphvizOptions Graphviz { get; } = graphviz ?? new GraphvizOptions();

    /// <summary>A Spectre.Console console over <see cref="Out"/>; colours and live widgets only when it is a real terminal.</summary>
    public IAnsiConsole Console { get; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(stdout),
        Ansi = ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected ? InteractionSupport.Detect : InteractionSupport.No,
    });
}
