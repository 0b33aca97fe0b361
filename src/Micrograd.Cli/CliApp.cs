using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Globalization;
using System.Reflection;
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
        var root = CreateRoot(output);
        try
        {
            // no response files: an argument starting with '@' is an ordinary argument (a path, or part of an expression);
            // long expressions come from --expr-file
            var parse = root.Parse(SuggestAtTheEnd(args), new ParserConfiguration { ResponseFileTokenReplacer = null });
            if (parse.Action is ParseErrorAction errors)
            {
                stderr.WriteLine(Messages.Escape(ErrorLine(parse, errors)));
                return ExitCodes.BadInput;
            }
            // help, --version and [suggest] too: each clears the errors of what else was typed, as System.CommandLine means.
            // Only they write to the invocation's Output (commands write to CliOutput).
            var library = new TrimmedLineWriter(output.Out);
            var code = parse.Invoke(new InvocationConfiguration { Output = library, Error = stderr, EnableDefaultExceptionHandler = false });
            library.Flush();
            return code;
        }
        catch (Exception e) when (Unwrap(e) is OutputClosedException)
        {
            // the reader of a pipe has gone (train | head): stop at once and silently, as Unix tools do (128 + SIGPIPE)
            return ExitCodes.OutputClosed;
        }
        catch (Exception e) when (Unwrap(e) is UsageException or ExpressionException or GraphvizException)
        {
            stderr.WriteLine(Messages.Escape($"error: {Unwrap(e).Message}"));
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
            stderr.WriteLine(Messages.Escape($"error: cannot write the standard output: {Unwrap(e).Message}"));
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (Unwrap(e) is IOException)
        {
            // files the tool reads or writes are reported by name where they are used; this failure named none (a terminal
            // that went away, say): the machine's, not the tool's
            stderr.WriteLine(Messages.Escape($"error: an input or output failed: {Unwrap(e).Message}"));
            return ExitCodes.BadInput;
        }
        catch (Exception e)
        {
            stderr.WriteLine(Messages.Escape($"internal error: {Unwrap(e).GetType().Name}: {Unwrap(e).Message}"));
            if (Environment.GetEnvironmentVariable("MICROGRAD_DEBUG") is { Length: > 0 }) stderr.WriteLine(e);
            return ExitCodes.InternalError;
        }
    }

    /// <summary>
    /// The root command, <c>micrograd</c>, with every subcommand: help (<c>--help</c>, <c>-h</c>, <c>-?</c>), <c>--version</c>
    /// and the <c>[suggest]</c> directive that shell completion (dotnet-suggest) calls, all System.CommandLine's own.
    /// Without a command it shows help.
    /// </summary>
    internal static RootCommand CreateRoot(CliOutput output)
    {
        var root = NamedRoot("micrograd: a scalar reverse-mode autograd engine. Differentiate expressions, draw their graphs, train small networks and a small GPT.");
        foreach (var command in Commands(output)) root.Subcommands.Add(command);

        // one width for help, so that help does not depend on the machine (CliOutput.HelpWidth); help is a recursive option,
        // so the root's serves every subcommand
        var help = (HelpAction)root.Options.OfType<HelpOption>().Single().Action!;
        help.MaxWidth = output.HelpWidth;
        // micrograd alone asks for nothing: it shows help, on stdout, exit code 0, as --help does
        root.SetAction(help.Invoke);
        return root;
    }

    /// <summary>
    /// A <see cref="RootCommand"/> named <see cref="ToolName"/>. System.CommandLine 2.0 names the root after the running
    /// executable (<see cref="RootCommand.ExecutableName"/>, from the first command-line argument, kept once read):
    /// Micrograd.Cli under <c>dotnet run</c> and when installed as a tool (its shim runs Micrograd.Cli.dll), testhost in
    /// tests; the name has no setter. Help's "Usage:" lines and the error line's "(see 'micrograd train --help')" come from
    /// it, and a <c>[suggest]</c> command line that starts with it is read from the root. So the executable name it keeps is
    /// set before the root is made. (System.CommandLine 3.0 adds <c>RootCommand.HelpName</c>, from the project's
    /// ToolCommandName, for help alone.) The help approval tests fail should a later version name the root otherwise.
    /// </summary>
    private static RootCommand NamedRoot(string description)
    {
        typeof(RootCommand).GetField("_executableName", BindingFlags.NonPublic | BindingFlags.Static)?.SetValue(null, ToolName);
        return new RootCommand(description);
    }

    /// <summary>
    /// <c>[suggest]</c> without a position completes at the end of the command line it is given, as System.CommandLine's
    /// directive does for a command line parsed from one string. Parsed from the process's arguments, the directive would
    /// take position 0, the start, and fail on options before it; dotnet-suggest always gives the position.
    /// </summary>
    private static string[] SuggestAtTheEnd(string[] args) =>
        args is ["[suggest]", .., var line] ? ["[suggest:" + line.Length.ToString(CultureInfo.InvariantCulture) + "]", .. args[1..]] : args;

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

    /// <summary>
    /// The one line a parse error gets: the error, System.CommandLine's typo correction for the argument it names (a
    /// command or an option nothing takes, such as <c>trian</c> or <c>--stpes</c>), and where help is:
    /// <c>error: Unrecognized command or argument 'trian'. Did you mean 'train'? (see 'micrograd --help')</c>.
    /// </summary>
    private static string ErrorLine(ParseResult parse, ParseErrorAction action)
    {
        // an argument nothing takes (a misspelt command, say) explains the other errors, such as a missing argument
        var (error, token) = parse.Errors
            .Select(e => (Error: e, Token: parse.UnmatchedTokens.FirstOrDefault(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal))))
            .FirstOrDefault(e => e.Token is not null, (parse.Errors[0], null));
        var suggestions = token is null ? [] : TypoCorrections(parse, action, token);
        var didYouMean = suggestions.Count == 0 ? ""
            : $" Did you mean {Words.Alternatives(suggestions.Select(s => $"'{s}'").ToList())}?";
        return $"error: {error.Message}{didYouMean} (see '{CommandPath(parse)} --help')";
    }

    /// <summary>
    /// The names System.CommandLine suggests for an unmatched <paramref name="token"/>: its parse-error action, without
    /// help, writes "'token' was not matched. Did you mean one of the following?" and then one name a line, for each
    /// token; those lines are read back here, so that they can join the one error line. (On a terminal the action also
    /// turns the terminal's colour red and back, which shows nothing.)
    /// </summary>
    private static List<string> TypoCorrections(ParseResult parse, ParseErrorAction action, string token)
    {
        action.ShowHelp = false;
        action.ShowTypoCorrections = true;
        var said = new StringWriter();
        parse.Invoke(new InvocationConfiguration { Output = said, Error = TextWriter.Null, EnableDefaultExceptionHandler = false });
        // a heading quotes its token; a name has no quotes
        return said.ToString().Split('\n').Select(l => l.Trim())
            .SkipWhile(l => !l.Contains($"'{token}'", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => l.Length > 0 && !l.Contains('\'', StringComparison.Ordinal))
            .ToList();
    }

    /// <summary>The command the parse reached, as typed: <c>micrograd gpt sample</c>.</summary>
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
