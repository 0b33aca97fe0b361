using Spectre.Console;

namespace Micrograd.Cli;

/// <summary>Where a command writes: plain writers for machine-readable output, and a Spectre console for tables and progress.</summary>
internal sealed class CliOutput(TextWriter stdout, TextWriter stderr)
{
    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    /// <summary>A Spectre.Console console over <see cref="Out"/>; colours and live widgets only when it is a real terminal.</summary>
    public IAnsiConsole Console { get; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(stdout),
        Ansi = ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected ? InteractionSupport.Detect : InteractionSupport.No,
    });
}
