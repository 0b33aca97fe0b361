using Micrograd.Expressions;

namespace Micrograd.Tests.Expressions;

public class ExpressionTests
{
    private static double Eval(string text, params (string Name, double Value)[] at) =>
        Expression.Parse(text).Build(at.ToDictionary(p => p.Name, p => p.Value)).Root.Data;

    [Theory]
    [InlineData("-x ** 2", 3.0, -9.0)]
    [InlineData("(-x) ** 2", 3.0, 9.0)]
    [InlineData("2 ** 3 ** x", 2.0, 512.0)]
    [InlineData("2 ** -x", 2.0, 0.25)]
    [InlineData("x ** -1", 4.0, 0.25)]
    [InlineData("1 - x - 2", 0.5, -1.5)]
    [InlineData("8 / x / 2", 2.0, 2.0)]
    [InlineData("1 + 2 * x", 3.0, 7.0)]
    [InlineData("-x * 2", 3.0, -6.0)]
    [InlineData("2 ** -x * 3", 1.0, 1.5)]
    [InlineData("- - x", 3.0, 3.0)]
    [InlineData("+x", 3.0, 3.0)]
    [InlineData("1.5e1 + .5 + x", 1.0, 16.5)]
    [InlineData("tanh(0 * x) + exp(x - x) + relu(-x) + abs(-x)", 2.0, 3.0)]
    public void Precedence_and_associativity_are_Pythons(string text, double x, double expected)
    {
        Assert.Equal(expected, Eval(text, ("x", x)));
    }

    [Theory]
    [InlineData("max(x, y)", 2.0, 5.0, 5.0)]
    [InlineData("min(x, y)", 2.0, 5.0, 2.0)]
    [InlineData("max(x - y, -x * y)", 2.0, 5.0, -3.0)]
    [InlineData("max(min(x, y), 3) ** 2", 2.0, 5.0, 9.0)]
    [InlineData("-max(x, y) ** 2", 2.0, 5.0, -25.0)]
    [InlineData("max( x ,y )+min(y,x)", 2.0, 5.0, 7.0)]
    [InlineData("leaky_relu(-x) + elu(0 * y) + softplus(-800 * y) + gelu(0 * x) + log1p(0 * x) + expm1(0 * y) + atan(0 * x)", 2.0, 5.0, -0.02)]
    public void Two_argument_functions_take_a_comma_and_any_expressions(string text, double x, double y, double expected)
    {
        Assert.Equal(expected, Eval(text, ("x", x), ("y", y)));
    }

    [Fact]
    public void Every_function_of_the_catalog_parses_by_its_name_with_its_number_of_arguments()
    {
        foreach (var function in Micrograd.Ops.OpCatalog.Functions)
        {
            var binary = function is Micrograd.Ops.BinaryOp;
            var root = Expression.Parse(binary ? $"{function.Name}(x, y)" : $"{function.Name}(x)").Build(
                binary ? new Dictionary<string, double> { ["x"] = 0.5, ["y"] = 1.5 } : new Dictionary<string, double> { ["x"] = 0.5 }).Root;
            Assert.Equal(function.Name, root.Op);
            Assert.Equal(binary ? ["x", "y"] : ["x"], root.Children.Select(c => c.Label));
        }
    }

    [Fact]
    public void A_variable_used_twice_is_one_labelled_leaf()
    {
        var graph = Expression.Parse("x * x + y").Build(new Dictionary<string, double> { ["x"] = 3, ["y"] = 1 });
        var x = graph.Variables["x"];
        Assert.Equal("x", x.Label);
        var product = graph.Root.Children[0];
        Assert.Same(x, product.Children[0]);
        Assert.Same(x, product.Children[1]);
        Assert.Equal(6.0, graph.Gradients()["x"]);
        Assert.Equal(6.0, graph.Gradients()["x"]); // Gradients() zeroes first, so asking twice does not double
    }

    [Fact]
    public void A_constant_exponent_becomes_Pow_of_a_double()
    {
        var root = Expression.Parse("x ** -2").Build(new Dictionary<string, double> { ["x"] = 2 }).Root;
        Assert.Equal("**-2", root.Op);
        Assert.Single(root.Children);
    }

    [Fact]
    public void Variables_are_listed_once_in_order_of_first_use()
    {
        Assert.Equal(["w", "x", "b"], Expression.Parse("w * x + b * w").Variables);
        Assert.Empty(Expression.Parse("1 + 2").Variables);
    }

    [Theory]
    [InlineData("", "unexpected end of the expression: expected a number, a variable, a function call or '('")]
    [InlineData("x +", "unexpected end of the expression: expected a number, a variable, a function call or '('")]
    [InlineData("x * * y", "expected a number, a variable, a function call or '(' at position 5, found '*'")]
    [InlineData("2x", "expected an operator (+ - * / **) or ')' at position 2, found the name 'x'")]
    [InlineData("foo(x)", "unknown function 'foo' at position 1: expected one of abs, atan, cos, elu, exp, expm1, gelu, hardtanh, leaky_relu, log, log1p, max, min, relu, sigmoid, sin, softplus, sqrt, tanh")]
    [InlineData("(x + 1", "missing ')' at the end of the expression: the '(' at position 1 is never closed")]
    [InlineData("x + 1)", "this ')' has no matching '(' (at position 6)")]
    [InlineData("x $ y", "unexpected character '$' at position 3")]
    [InlineData("tanh + 1", "'tanh' at position 1 is a function: expected '(' after it")]
    [InlineData("1e+ 2", "malformed number '1e+' at position 1")]
    [InlineData("sin()", "sin takes 1 argument, found none (the call at position 1)")]
    [InlineData("sin(x, y)", "sin takes 1 argument, found 2 (the call at position 1)")]
    [InlineData("1 + max(x)", "max takes 2 arguments, found 1 (the call at position 5): separate them with a comma, as in max(x, y)")]
    [InlineData("min()", "min takes 2 arguments, found none (the call at position 1)")]
    [InlineData("max(x, y, (z))", "max takes 2 arguments, found 3 (the call at position 1)")]
    [InlineData("max(x, tanh(y, z))", "tanh takes 1 argument, found 2 (the call at position 8)")]
    [InlineData("max(x y)", "expected an operator (+ - * / **), ',' or ')' at position 7, found the name 'y'")]
    [InlineData("max(x, (y z))", "expected an operator (+ - * / **) or ')' at position 11, found the name 'z'")]
    [InlineData("max(x,)", "expected a number, a variable, a function call or '(' at position 7, found ')'")]
    [InlineData("max(, x)", "expected a number, a variable, a function call or '(' at position 5, found ','")]
    [InlineData("x, y", "',' at position 2 is not between a function's arguments: only a call takes commas, as in max(x, y)")]
    [InlineData("max((x, y))", "',' at position 7 is not between a function's arguments")]
    [InlineData("max(x, y", "missing ')' at the end of the expression: the call max( at position 1 is never closed")]
    [InlineData("x + 1e999", "the number '1e999' at position 5 is too large for a double (at most about 1.8e308)")]
    [InlineData("2 * 18e307", "the number '18e307' at position 5 is too large for a double (at most about 1.8e308)")]
    public void Syntax_errors_give_the_position_and_what_was_expected(string text, string message)
    {
        var e = Assert.Throws<ExpressionException>(() => Expression.Parse(text));
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void Numbers_up_to_a_doubles_largest_and_down_to_underflow_are_read_as_doubles()
    {
        Assert.Equal(double.MaxValue, Expression.Parse("1.7976931348623157e308").Build(new Dictionary<string, double>()).Root.Data);
        Assert.Equal(0.0, Expression.Parse("1e-999").Build(new Dictionary<string, double>()).Root.Data);
    }

    [Fact]
    public void Missing_and_unused_values_are_refused_by_name()
    {
        var expr = Expression.Parse("x * y");
        var missing = Assert.Throws<ExpressionException>(() => expr.Build(new Dictionary<string, double> { ["x"] = 1 }));
        Assert.Contains("no value given for variable 'y'", missing.Message);
        var unused = Assert.Throws<ExpressionException>(() =>
            expr.Build(new Dictionary<string, double> { ["x"] = 1, ["y"] = 2, ["z"] = 3 }));
        Assert.Contains("a value was given for variable 'z', which the expression does not use (its variables are x, y)", unused.Message);
    }

    [Theory]
    [InlineData("(", "x", ")")]
    [InlineData("tanh(", "x", ")")]
    [InlineData("-", "x", "")]
    [InlineData("(1 + ", "x", ")")]
    public void Input_nested_100000_deep_parses_builds_and_runs_backward_on_a_small_stack(string open, string middle, string close)
    {
        const int depth = 100_000;
        var text = string.Concat(Enumerable.Repeat(open, depth)) + middle + string.Concat(Enumerable.Repeat(close, depth));
        Exception? failure = null;
        var gradient = double.NaN;
        // 256 KiB of stack: far too little for recursion 100,000 deep, so this proves the parser, builder and backward iterate.
        var thread = new Thread(() =>
        {
            try
            {
                var graph = Expression.Parse(text).Build(new Dictionary<string, double> { ["x"] = 0.5 });
                gradient = graph.Gradients()["x"];
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, 256 * 1024);
        thread.Start();
        thread.Join();

        Assert.Null(failure);
        Assert.True(double.IsFinite(gradient));
        Assert.NotEqual(0.0, gradient);
    }
}
