using System.CommandLine;
using System.CommandLine.Help;
using Micrograd.Cli.Commands;
using Micrograd.Cli.Io;
using Micrograd.Expressions;
using Micrograd.Graphs;

namespace Micrograd.Cli;

/// <summary>The <c>micrograd</c> command line: parses arguments, runs a command, maps failures to exit codes.</summary>
internal static class CliApp
{
    /// <summary>The tool's name, as installed (<c>dotnet tool install</c>) and as help shows it.</summary>
    public const string ToolName = "micrograd";

    /// <summary>Runs the tool with these arguments and returns its exit code (<see cref="ExitCodes"/>).</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where errors go: one line each.</param>
    /// <param name="graphviz">Where to find Graphviz's dot; on PATH when null (tests pass a search path without it).</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, GraphvizOptions? graphviz = null) =>
        Run(args, new CliOutput(stdout, stderr, graphviz));

    /// <summary>Runs the tool with these arguments, reading and writing through <paramref name="output"/>.</summary>
    public static int Run(string[] args, CliOutput output)
    {
        var stderr = output.Error;
        // A plain Command named "micrograd" rather than RootCommand, whose name would be the assembly's (Micrograd.Cli).
        var root = new Command(ToolName, "micrograd: a scalar reverse-mode autograd engine. Differentiate expressions, draw their graphs, train small networks and a small GPT.")
        {
            new HelpOption(),
            new VersionOption(),
        };
        foreach (var command in Commands(output)) root.Subcommands.Add(command);

        try
        {
            // no response files: an argument starting with '@' is an ordinary argument (a path, or part of an expression);
            // long expressions come from --expr-file
            var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            if (parse.Errors.Count > 0)
            {
                // an argument nothing takes (a misspelt command, say) explains the other errors, such as a missing command
                var error = parse.Errors.FirstOrDefault(e => parse.UnmatchedTokens.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal)))
                    ?? parse.Errors[0];
                stderr.WriteLine($"error: {error.Message} (see '{CommandPath(parse)} --help')");
                return ExitCodes.BadInput;
            }
            var code = parse.Invoke(new InvocationConfiguration { Output = output.Out, Error = stderr, EnableDefaultExceptionHandler = false });
            output.Out.Flush();
            return code;
        }
        catch (Exception e) when (Unwrap(e) is OutputClosedException)
        {
            // the reader of a pipe has gone (train | head): stop at once and silently, as Unix tools do (128 + SIGPIPE)
            return ExitCodes.OutputClosed;
        }
        catch (Exception e) when (Unwrap(e) is UsageException or ExpressionException or GraphvizException)
        {
            stderr.WriteLine($"error: {Unwrap(e).Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (Unwrap(e) is OutOfMemoryException)
        {
            // the heap is capped (runtimeconfig.template.json) and runs are estimated before they start (MemoryEstimate), so a
            // run too large for the machine fails here, if not before, instead of being killed by the operating system
            stderr.WriteLine("error: out of memory: this run needs more memory than is available; try fewer samples or steps, smaller layers or a smaller expression");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (Unwrap(e) is StandardOutputException)
        {
            stderr.WriteLine($"error: cannot write the standard output: {Unwrap(e).Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (Unwrap(e) is IOException)
        {
            // files the tool reads or writes are reported by name where they are used; this failure named none (a terminal
            // that went away, say): the machine's, not the tool's
            stderr.WriteLine($"error: an input or output failed: {Unwrap(e).Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"internal error: {Unwrap(e).GetType().Name}: {Unwrap(e).Message}");
            if (Environment.GetEnvironmentVariable("MICROGRAD_DEBUG") is { Length: > 0 }) stderr.WriteLine(e);
            return ExitCodes.InternalError;
        }
    }

    /// <summary>Every subcommand; each lives in its own file under Commands/.</summary>
    private static IEnumerable<Command> Commands(CliOutput output) =>
    [
        NeuronCommand.Create(output),
        GradCommand.Create(output),
        ExploreCommand.Create(output),
        TrainCommand.Create(output),
        PredictCommand.Create(output),
        ExportCommand.Create(output),
        GptCommand.Create(output),
    ];

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var r = parse.CommandResult; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, r.Command.Name);
        }
        return string.Join(' ', names);
    }

    private static Exception Unwrap(Exception e) =>
        e is System.Reflection.TargetInvocationException or AggregateException && e.InnerException is { } inner ? Unwrap(inner) : e;
}
