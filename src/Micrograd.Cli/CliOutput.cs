using Micrograd.Cli.Io;
using Micrograd.Graphs;
using Spectre.Console;

namespace Micrograd.Cli;

/// <summary>
/// Where a command reads and writes: plain writers for machine-readable output, a Spectre console for tables and progress,
/// standard input (for <c>--expr-file -</c>); where it finds Graphviz's dot (<see cref="Graphviz"/>, replaceable so that
/// tests can hide it); and how it learns that it should stop (<see cref="Stop"/>, <see cref="OutputGone"/>).
/// </summary>
internal sealed class CliOutput(TextWriter stdout, TextWriter stderr, GraphvizOptions? graphviz = null)
{
    /// <summary>The width of help written to a file or a pipe, where no window gives one: help's layout does not depend on
    /// the machine.</summary>
    public const int DefaultHelpWidth = 100;

    private IAnsiConsole? _console;

    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    /// <summary>Standard input; empty unless given.</summary>
    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>True when <see cref="In"/> is the process's standard input (descriptor 0), which may be a file that no output
    /// may replace.</summary>
    public bool InIsStandardInput { get; init; }

    /// <summary>True when <see cref="Out"/> is an interactive terminal: colours, a live progress bar, a cursor to restore.</summary>
    public bool Terminal { get; init; }

    /// <summary>The width help wraps at: the terminal's, or <see cref="DefaultHelpWidth"/> for a file or a pipe (and tests).</summary>
    public int HelpWidth { get; init; } = DefaultHelpWidth;

    /// <summary>A stop asked for by Ctrl-C or SIGTERM (never, unless given).</summary>
    public StopRequest Stop { get; init; } = new();

    /// <summary>True when <see cref="Out"/> is a pipe whose reader has gone, so that a run can stop at once.</summary>
    public Func<bool> OutputGone { get; init; } = () => false;

    /// <summary>How to find Graphviz's <c>dot</c> for pictures; by default, on PATH.</summary>
    public GraphvizOptions Graphviz { get; } = graphviz ?? new GraphvizOptions();

    /// <summary>A Spectre.Console console over <see cref="Out"/>; colours and live widgets only on a real terminal.</summary>
    public IAnsiConsole Console => _console ??= AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Out),
        Ansi = Terminal ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = Terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = Terminal ? InteractionSupport.Detect : InteractionSupport.No,
    });
}
