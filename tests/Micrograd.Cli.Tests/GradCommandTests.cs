using Micrograd.Cli.Tests.Support;
using Micrograd.Expressions;
using Micrograd.Tests.Support;

namespace Micrograd.Cli.Tests;

public class GradCommandTests
{
    public static TheoryData<string, int> Expressions => Fixtures.Cases("expressions.jsonl");

    public static TheoryData<string, int> EdgeCases => Fixtures.Cases("edge_cases.jsonl");

    private static void AssertMatches(ReferenceCase c, GradJson json)
    {
        Close.Assert(c.Value, json.Value, $"{c}: value");
        Assert.Equal(Expression.Parse(c.Expr).Variables, json.Gradients.Select(g => g.Key)); // in order of first appearance
        Assert.Equal(c.Gradients.Keys.Order(StringComparer.Ordinal), json.Gradients.Select(g => g.Key).Order(StringComparer.Ordinal));
        foreach (var (name, gradient) in json.Gradients) Close.Assert(c.Gradients[name], gradient, $"{c}: d/d{name}");
    }

    [Theory]
    [MemberData(nameof(Expressions))]
    [MemberData(nameof(EdgeCases))]
    public void Json_matches_PyTorch_on_every_reference_case(string file, int index)
    {
        var c = Fixtures.Load(file)[index];
        var r = Tool.Run(GradJson.Arguments(c, "--json"));

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("", r.Error);
        AssertMatches(c, GradJson.Parse(r.Out));
    }

    [Theory]
    [MemberData(nameof(Expressions))]
    [MemberData(nameof(EdgeCases))]
    public void Json_numbers_round_trip_the_engines_doubles_exactly(string file, int index)
    {
        var c = Fixtures.Load(file)[index];
        var graph = Expression.Parse(c.Expr).Build(c.At);
        var gradients = graph.Gradients();

        var json = GradJson.Parse(Tool.Run(GradJson.Arguments(c, "--json")).Out);
        Assert.Equal(graph.Root.Data, json.Value);
        foreach (var (name, gradient) in json.Gradients) Assert.Equal(gradients[name], gradient);
    }

    [Theory]
    [InlineData("edge_cases.jsonl", 0)]
    [InlineData("edge_cases.jsonl", 8)]
    [InlineData("edge_cases.jsonl", 10)]
    [InlineData("expressions.jsonl", 3)]
    [InlineData("expressions.jsonl", 11)]
    public void A_real_process_prints_the_same_json(string file, int index)
    {
        var c = Fixtures.Load(file)[index];
        var r = Tool.RunProcess(GradJson.Arguments(c, "--json"));

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("", r.Error);
        AssertMatches(c, GradJson.Parse(r.Out));
    }

    [Fact]
    public void Non_finite_numbers_are_the_strings_NaN_Infinity_and_minus_Infinity()
    {
        Assert.Equal("{\"value\":\"Infinity\",\"gradients\":{\"x\":\"Infinity\"}}\n", Tool.Run("grad", "exp(x)", "x=710", "--json").Out);
        Assert.Equal("{\"value\":\"-Infinity\",\"gradients\":{\"x\":\"Infinity\"}}\n", Tool.Run("grad", "log(x)", "x=0", "--json").Out);
        Assert.Equal("{\"value\":\"NaN\",\"gradients\":{\"x\":-1}}\n", Tool.Run("grad", "log(x)", "x=-1", "--json").Out);
        Assert.Equal("{\"value\":\"NaN\",\"gradients\":{\"x\":1}}\n", Tool.Run("grad", "x", "x=NaN", "--json").Out);
    }

    [Fact]
    public void Gradients_are_listed_in_the_order_the_variables_first_appear()
    {
        var json = GradJson.Parse(Tool.Run("grad", "zeta * alpha + mid", "alpha=2", "mid=1", "zeta=3", "--json").Out);
        Assert.Equal(["zeta", "alpha", "mid"], json.Gradients.Select(g => g.Key));
        Assert.Equal([2.0, 3.0, 1.0], json.Gradients.Select(g => g.Value));
        Assert.Equal(7.0, json.Value);
    }

    [Fact]
    public void An_expression_without_variables_has_no_gradients()
    {
        Assert.Equal("{\"value\":3,\"gradients\":{}}\n", Tool.Run("grad", "1 + 2", "--json").Out);
        var r = Tool.Run("grad", "1 + 2");
        Assert.Equal("value = 3\n(no variables, so no gradients)\n", r.Out);
    }

    [Fact]
    public void Without_json_it_prints_the_value_and_a_table_of_gradients()
    {
        var r = Tool.Run("grad", "x * y + 1", "x=3", "y=-0.5");
        Assert.True(r.ExitCode == 0, r.ToString());
        var lines = r.Out.Split('\n');
        Assert.Equal("value = -0.5", lines[0]);
        Assert.Contains(lines, l => l.Contains("variable", StringComparison.Ordinal) && l.Contains("gradient", StringComparison.Ordinal));
        Assert.Contains(lines, l => Cells(l) is ["x", "3", "-0.5"]);
        Assert.Contains(lines, l => Cells(l) is ["y", "-0.5", "3"]);
        Assert.Equal("", r.Error);
    }

    private static string[] Cells(string line) =>
        line.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(c => c.Length > 0).ToArray();

    [Theory]
    [InlineData("-x ** 2", "x=3", -9.0, -6.0)]
    [InlineData("-x", "x=-3", 3.0, -1.0)]
    [InlineData("-x*2", "x=3", -6.0, -2.0)]
    [InlineData("-3 * x", "x=2", -6.0, -3.0)]
    public void An_expression_that_starts_with_a_minus_works_as_the_first_argument(string expr, string at, double value, double gradient)
    {
        var r = Tool.Run("grad", expr, at, "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        var json = GradJson.Parse(r.Out);
        Assert.Equal(value, json.Value);
        Assert.Equal(gradient, Assert.Single(json.Gradients).Value);
    }

    [Fact]
    public void A_leading_minus_works_in_a_real_process_and_after_a_double_dash()
    {
        var r = Tool.RunProcess("grad", "-x ** 2", "x=3", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("{\"value\":-9,\"gradients\":{\"x\":-6}}\n", r.Out);

        // -h alone is the help option; after -- it is an expression.
        Assert.Equal("{\"value\":-2,\"gradients\":{\"h\":-1}}\n", Tool.Run("grad", "--json", "--", "-h", "h=2").Out);
        Assert.Equal("{\"value\":-9,\"gradients\":{\"x\":-6}}\n", Tool.Run("grad", "--json", "--", "-x ** 2", "x=3").Out);
        // Everything after -- is an argument, options included.
        Assert.Equal("error: '--json' is not NAME=VALUE: give each variable a value, as in x=1.5\n", Tool.Run("grad", "--", "-x ** 2", "x=3", "--json").Error);
    }

    [Theory]
    [InlineData("x=1e-3", 1e-3)]
    [InlineData("x=-2.5E+2", -250.0)]
    [InlineData("x=.5", 0.5)]
    [InlineData("x=Infinity", double.PositiveInfinity)]
    [InlineData("x=-inf", double.NegativeInfinity)]
    [InlineData("x=0.1", 0.1)]
    public void Values_are_parsed_in_the_invariant_culture(string at, double x)
    {
        var json = GradJson.Parse(Tool.Run("grad", "x", at, "--json").Out);
        Assert.Equal(x, json.Value);
    }
}
