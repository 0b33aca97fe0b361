using System.CommandLine;
using System.Text.RegularExpressions;
using Micrograd.Ops;

namespace Micrograd.Cli;

/// <summary>
/// The expression and its variables' values, as <c>grad</c> and <c>explore</c> take them: <c>EXPR [NAME=VALUE …]</c>, or
/// <c>--expr-file FILE [NAME=VALUE …]</c> for an expression too long for one argument (Linux takes at most 128 KiB), with
/// <c>-</c> for standard input.
/// </summary>
internal sealed partial class ExpressionArguments
{
    private const string FileOption = "--expr-file";

    /// <summary>The expression language's functions, as the engine lists them (<see cref="OpCatalog.Functions"/>): those of one
    /// argument by name, then those of two, such as <c>max(a, b)</c>.</summary>
    private static readonly string Functions =
        string.Join(' ', OpCatalog.Functions.Where(f => f.Arity == OpArity.Unary).Select(f => f.Name)) + ", and " +
        string.Join(' ', OpCatalog.Functions.Where(f => f.Arity == OpArity.Binary).Select(f => f.Name + "(a, b)"));

    private readonly Argument<string?> _expression = new("EXPR")
    {
        Description = "The expression, such as \"tanh(w*x + b)\" or \"-x ** 2\": numbers, variables, + - * / **, unary minus, " +
                      $"parentheses, {Functions}. Quote it for the shell. Leave it out with --expr-file.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Argument<string[]> _assignments = new("NAME=VALUE")
    {
        Description = "A value for each variable of the expression, such as x=3 or w=-1.5e-3 (NaN, Infinity and -Infinity too).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string?> _file = OptionParsers.File(FileOption,
        "Read the expression from FILE instead of EXPR (- for standard input): for expressions longer than one " +
        "command-line argument may be.");

    private ExpressionArguments()
    {
    }

    /// <summary>Adds EXPR, NAME=VALUE and --expr-file to <paramref name="command"/>.</summary>
    public static ExpressionArguments AddTo(Command command)
    {
        var arguments = new ExpressionArguments();
        command.Arguments.Add(arguments._expression);
        command.Arguments.Add(arguments._assignments);
        command.Options.Add(arguments._file);
        return arguments;
    }

    /// <summary>True when an expression is given, as EXPR or with --expr-file (for commands where it is one choice of several).</summary>
    public bool Given(ParseResult parse) => parse.GetValue(_expression) is not null || parse.GetValue(_file) is not null;

    /// <summary>The file named by --expr-file, an input that no output may replace; null when none. For <c>-</c>, the
    /// process's standard input (<see cref="UserFiles.StandardInput"/>), which may be a file (<c>&lt; e.txt</c>).</summary>
    public (string Option, string? Path) InputFile(ParseResult parse, CliOutput output) => (FileOption, parse.GetValue(_file) switch
    {
        UserFiles.StandardInput => output.InIsStandardInput ? UserFiles.StandardInput : null,
        var f => f,
    });

    /// <summary>The expression's text and the NAME=VALUE arguments.</summary>
    /// <exception cref="UsageException">No expression, or two; the file cannot be read; a value where the expression should be.</exception>
    public (string Text, string[] Assignments) Read(ParseResult parse, CliOutput output)
    {
        var file = parse.GetValue(_file);
        var first = parse.GetValue(_expression);
        var assignments = parse.GetValue(_assignments) ?? [];
        RefuseMistypedOptions(parse, first is null ? assignments : [first, .. assignments]);
        if (file is null)
        {
            if (first is null) throw new UsageException($"no expression: give EXPR, or {FileOption} FILE (- for standard input)");
            if (Assignment().IsMatch(first))
                throw new UsageException($"'{first}' is not an expression: give the expression first, then NAME=VALUE arguments (or the expression with {FileOption})");
            return (first, assignments);
        }
        if (first is not null)
        {
            // with --expr-file every argument is NAME=VALUE
            if (!first.Contains('=', StringComparison.Ordinal))
                throw new UsageException($"give the expression either as EXPR or with {FileOption}, not both ('{first}')");
            assignments = [first, .. assignments];
        }
        var text = file == "-"
            ? UserFiles.Read("-", "standard input", output.In.ReadToEnd)
            : UserFiles.Read(file, FileOption, () => File.ReadAllText(file));
        return (text, assignments);
    }

    /// <summary>
    /// An argument that starts with <c>--</c> before any <c>--</c> is a mistyped option (<c>grad --jsno x x=1</c>), not an
    /// expression nor a value: System.CommandLine hands it to EXPR, which would blame the next argument. It is named, with
    /// the command's nearest options; an expression that starts with <c>--</c> goes after <c>--</c>.
    /// </summary>
    private static void RefuseMistypedOptions(ParseResult parse, string[] values)
    {
        var tokens = parse.Tokens.Select(t => t.Value).ToList();
        var end = tokens.IndexOf("--");
        foreach (var value in values)
        {
            if (!value.StartsWith("--", StringComparison.Ordinal) || value == "--") continue;
            var at = tokens.IndexOf(value);
            if (end >= 0 && at > end) continue;
            var names = parse.CommandResult.Command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal)).Distinct();
            var option = value.Split('=')[0];
            var nearest = names.Select(n => (Name: n, Distance: Distance(option, n))).Where(n => n.Distance <= Math.Max(2, option.Length / 3))
                .OrderBy(n => n.Distance).ThenBy(n => n.Name, StringComparer.Ordinal).Take(3).Select(n => $"'{n.Name}'").ToList();
            var didYouMean = nearest.Count == 0 ? "" : $" Did you mean {Words.Alternatives(nearest)}?";
            throw new UsageException($"unknown option '{option}'.{didYouMean} An expression that starts with -- goes after --: micrograd {parse.CommandResult.Command.Name} -- EXPR NAME=VALUE...");
        }
    }

    /// <summary>The edit distance between two names: insertions, deletions, substitutions and swaps of neighbours.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }

    [GeneratedRegex(@"^\s*[A-Za-z_][A-Za-z0-9_]*\s*=")]
    private static partial Regex Assignment();
}
