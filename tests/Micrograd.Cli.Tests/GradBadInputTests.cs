using Micrograd.Cli.Tests.Support;

namespace Micrograd.Cli.Tests;

/// <summary>Each kind of bad input to grad: one clear line on stderr, nothing on stdout, exit code 2.</summary>
public class GradBadInputTests
{
    private static void AssertBadInput(CliResult r, string message)
    {
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Equal("", r.Out);
        Assert.Equal($"error: {message}\n", r.Error);
    }

    [Theory]
    [InlineData("x +", "unexpected end of the expression: expected a number, a variable, a function call or '('")]
    [InlineData("x * * y", "expected a number, a variable, a function call or '(' at position 5, found '*'")]
    [InlineData("(x + 1", "missing ')' at the end of the expression: the '(' at position 1 is never closed")]
    [InlineData("x $ 1", "unexpected character '$' at position 3: expected a number, a name, an operator (+ - * / **) or a parenthesis")]
    public void A_syntax_error_gives_its_position(string expr, string message)
    {
        AssertBadInput(Tool.Run("grad", expr, "x=1", "y=2"), message);
    }

    [Theory]
    [InlineData("grad --jsno x x=1", "unknown option '--jsno'. Did you mean '--json'?")]
    [InlineData("grad x --hesian x=1", "unknown option '--hesian'. Did you mean '--hessian'?")]
    [InlineData("grad --dirction x=1 x x=1", "unknown option '--dirction'. Did you mean '--direction'?")]
    public void A_mistyped_option_before_the_values_is_named_with_the_right_one(string arguments, string message)
    {
        var r = Tool.Run(arguments.Split(' '));
        AssertBadInput(r, message + $" An expression that starts with -- goes after --: micrograd {arguments.Split(' ')[0]} -- EXPR NAME=VALUE...");
    }

    [Fact]
    public void An_expression_that_starts_with_two_minus_signs_is_taken_after_the_double_dash()
    {
        var r = Tool.Run("grad", "--json", "--", "--x", "x=2");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("{\"value\":2,\"gradients\":{\"x\":1}}\n", r.Out);
    }

    [Fact]
    public void An_unknown_function_is_named_with_the_known_ones()
    {
        AssertBadInput(Tool.Run("grad", "foo(x)", "x=1"),
            "unknown function 'foo' at position 1: expected one of abs, atan, cos, elu, exp, expm1, gelu, hardtanh, leaky_relu, log, log1p, max, min, relu, sigmoid, sin, softplus, sqrt, tanh");
    }

    [Theory]
    [InlineData("x * y", new[] { "x=1" }, "no value given for variable 'y': give each variable a value, as in y=1.5")]
    [InlineData("x", new[] { "x=1", "y=2" }, "a value was given for variable 'y', which the expression does not use (its variables are x)")]
    [InlineData("x", new[] { "x" }, "'x' is not NAME=VALUE: give each variable a value, as in x=1.5")]
    [InlineData("x", new[] { "=3" }, "'=3' has no name before '=': write NAME=VALUE, as in x=1.5")]
    [InlineData("x", new[] { "x=" }, "'x=' has no value after '=': write NAME=VALUE, as in x=1.5")]
    [InlineData("x", new[] { "x=abc" }, "'abc' in 'x=abc' is not a number: write a number such as 1.5, -3, 2e-4, NaN or Infinity")]
    [InlineData("x", new[] { "x=1,5" }, "'1,5' in 'x=1,5' is not a number: write a number such as 1.5, -3, 2e-4, NaN or Infinity")]
    [InlineData("x", new[] { "x=1e999" }, "'1e999' in 'x=1e999' is too large for a double (at most about 1.8e308; write Infinity for an infinity): write a number such as 1.5, -3, 2e-4, NaN or Infinity")]
    [InlineData("x", new[] { "x=1", "x=2" }, "'x' is given a value twice ('x=1' and 'x=2')")]
    [InlineData("x", new[] { "1x=2" }, "'1x' in '1x=2' is not a variable name: a name starts with a letter or '_' and goes on with letters, digits or '_'")]
    public void A_missing_or_malformed_value_is_named(string expr, string[] values, string message)
    {
        AssertBadInput(Tool.Run(["grad", expr, .. values]), message);
    }

    [Fact]
    public void Svg_and_png_together_are_refused()
    {
        AssertBadInput(Tool.Run("grad", "x", "x=1", "--svg", "a.svg", "--png", "b.png"),
            "--svg and --png cannot be used together: draw one picture at a time (see 'micrograd grad --help')");
    }

    [Theory]
    [InlineData("--rankdir", "XY", "--rankdir must be LR or TB, not 'XY' (see 'micrograd grad --help')")]
    [InlineData("--max-nodes", "0", "--max-nodes must be a whole number from 1 to 2147483647, not '0' (see 'micrograd grad --help')")]
    [InlineData("--max-nodes", "99999999999", "--max-nodes must be a whole number from 1 to 2147483647, not '99999999999' (see 'micrograd grad --help')")]
    [InlineData("--max-nodes", "many", "--max-nodes must be a whole number from 1 to 2147483647, not 'many' (see 'micrograd grad --help')")]
    public void A_bad_picture_option_is_refused(string option, string value, string message)
    {
        AssertBadInput(Tool.Run("grad", "x", "x=1", "--dot", "unused.dot", option, value), message);
        Assert.False(File.Exists("unused.dot"));
    }

    [Fact]
    public void A_missing_expression_is_refused()
    {
        var r = Tool.Run("grad");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("error: no expression: give EXPR, or --expr-file FILE (- for standard input)\n", r.Error);
    }

    [Fact]
    public void A_real_process_reports_a_syntax_error_without_a_stack_trace()
    {
        var r = Tool.RunProcess("grad", "x +", "x=1");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("error: unexpected end of the expression: expected a number, a variable, a function call or '('\n", r.Error);
        Assert.Equal("", r.Out);
    }
}
