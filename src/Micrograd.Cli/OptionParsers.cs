using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace Micrograd.Cli;

/// <summary>
/// Options whose values are checked while parsing, so that a bad value is a parse error: one line on stderr naming the
/// option and the value, exit code 2. Help shows every option's value the same way: <c>&lt;FILE&gt;</c> for a file,
/// <c>&lt;N&gt;</c> for a whole number, <c>&lt;X&gt;</c> for a number, the choices for a choice (<c>&lt;compiled|eager&gt;</c>),
/// and a default once, as <c>[default: …]</c>.
/// </summary>
internal static class OptionParsers
{
    /// <summary>Help's name for a file's path.</summary>
    public const string FileValue = "FILE";

    /// <summary>Help's name for a whole number.</summary>
    public const string CountValue = "N";

    /// <summary>Help's name for a number.</summary>
    public const string NumberValue = "X";

    /// <summary>An option that names a file to read or write.</summary>
    public static Option<string?> File(string name, string description, bool required = false) =>
        new(name) { Description = description, HelpName = FileValue, Required = required };

    /// <summary>
    /// A description that ends with a default help cannot work out from the option's value: one that depends on other
    /// options (<c>[default: sgd 1.0, momentum 0.1, adam 0.01]</c>) or that is no value (<c>[default: all]</c>). It has the
    /// form of the defaults that help adds itself.
    /// </summary>
    public static string WithDefault(string description, string defaultText) => $"{description} [default: {defaultText}]";

    /// <summary>A number option (invariant culture); <paramref name="check"/> returns why a value is refused, or null.</summary>
    public static Option<double?> Number(string name, string description, Func<double, string?> check) => Number(name, description, check, null);

    /// <summary>A number option (invariant culture) with a default that help shows; <paramref name="check"/> returns why a value is refused, or null.</summary>
    public static Option<double?> Number(string name, string description, Func<double, string?> check, double? defaultValue) =>
        new(name)
        {
            Description = description,
            HelpName = NumberValue,
            DefaultValueFactory = defaultValue is null ? null : _ => defaultValue,
            CustomParser = result => Parse(result, name, text =>
                Numbers.TryParse(text, out var x, out var problem) ? check(x) is { } why ? (default(double?), why) : (x, null)
                : (null, problem)),
        };

    /// <summary>A whole-number option of at least <paramref name="minimum"/>.</summary>
    public static Option<int?> Count(string name, string description, int minimum) => Count(name, description, minimum, null);

    /// <summary>A whole-number option of at least <paramref name="minimum"/>, with a default that help shows.</summary>
    public static Option<int?> Count(string name, string description, int minimum, int? defaultValue) =>
        new(name)
        {
            Description = description,
            HelpName = CountValue,
            DefaultValueFactory = defaultValue is null ? null : _ => defaultValue,
            CustomParser = result => Parse(result, name, text =>
                int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                    ? n >= minimum ? (n, null) : (default(int?), $"must be at least {minimum}")
                    : (null, BigInteger.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var big)
                        ? big > 0 ? $"is too large (at most {int.MaxValue})" : $"must be at least {minimum}"
                        : "is not a whole number")),
        };

    /// <summary>
    /// An option that takes one of <paramref name="choices"/> (any case), given back in lower case. Help lists the choices in
    /// the order given, and the <c>[suggest]</c> directive (shell completion) offers them.
    /// </summary>
    public static Option<string> Choice(string name, string description, string defaultValue, params string[] choices)
    {
        var option = new Option<string>(name)
        {
            Description = description,
            HelpName = string.Join('|', choices),
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => Parse(result, name, text =>
                choices.Contains(text.Trim().ToLowerInvariant())
                    ? (text.Trim().ToLowerInvariant(), null)
                    : (defaultValue, $"is not one of {string.Join(", ", choices)}")),
        };
        option.CompletionSources.Add(choices);
        return option;
    }

    /// <summary>Why a finite number is refused, for options that need one above 0.</summary>
    public static string? Positive(double x) => double.IsFinite(x) && x > 0 ? null : "must be a finite number above 0";

    /// <summary>Why a finite number is refused, for options that need one of at least 0.</summary>
    public static string? NonNegative(double x) => double.IsFinite(x) && x >= 0 ? null : "must be a finite number of at least 0";

    /// <summary>Parses the option's one token; with no token (the option was not given) the value is <c>default</c>.</summary>
    private static T Parse<T>(ArgumentResult result, string name, Func<string, (T Value, string? Error)> parse)
    {
        if (result.Tokens.Count == 0) return default!;
        var text = result.Tokens[0].Value;
        var (value, error) = parse(text);
        if (error is not null) result.AddError($"{name} {Quote(text)} {error}.");
        return value;
    }

    private static string Quote(string text) => text.Length <= 40 ? $"'{text}'" : $"'{text[..40]}…'";
}
