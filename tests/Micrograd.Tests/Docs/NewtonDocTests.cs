using Micrograd.Tests.Support;

namespace Micrograd.Tests.Docs;

/// <summary>
/// The Newton's method example of docs/higher-order.md is Snippets/NewtonSteps.cs: the page shows that file exactly and what it prints,
/// and its numbers are checked here against Rosenbrock's derivatives written out by hand.
/// </summary>
public class NewtonDocTests
{
    private static string Page => File.ReadAllText(Repository.File("docs/higher-order.md")).ReplaceLineEndings("\n");

    private static string Printed(int steps)
    {
        var output = new StringWriter { NewLine = "\n" };
        NewtonSteps.Minimize(-1.2, 1.0, steps, output);
        return output.ToString();
    }

    [Fact]
    public void The_page_shows_exactly_the_example_file_and_what_it_prints()
    {
        var example = File.ReadAllText(Repository.File("tests/Micrograd.Tests/Docs/Snippets/NewtonSteps.cs")).ReplaceLineEndings("\n");
        Assert.Contains("```csharp\n" + example + "```\n", Page, StringComparison.Ordinal);
        Assert.Contains("NewtonSteps.Minimize(-1.2, 1.0, 7, Console.Out)", Page, StringComparison.Ordinal);
        Assert.Contains("```text\n" + Printed(7) + "```\n", Page, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_step_is_the_newton_step_of_rosenbrocks_derivatives_by_hand()
    {
        // f = (1 − x)² + 100(y − x²)²: ∇f = (−2(1 − x) − 400x(y − x²), 200(y − x²)),
        // H = [[2 − 400y + 1200x², −400x], [−400x, 200]]
        double x = -1.2, y = 1.0;
        double gx = -2 * (1 - x) - 400 * x * (y - x * x), gy = 200 * (y - x * x);
        double hxx = 2 - 400 * y + 1200 * x * x, hxy = -400 * x, hyy = 200;
        var det = hxx * hyy - hxy * hxy;
        var x1 = x - (hyy * gx - hxy * gy) / det;
        var y1 = y - (hxx * gy - hxy * gx) / det;

        var step = Printed(1).TrimEnd('\n').Split(", ").Select(part => double.Parse(part.Split(" = ")[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Close.Assert(x1, step[0], "x after one step");
        Close.Assert(y1, step[1], "y after one step");
        Close.Assert(Math.Pow(1 - x1, 2) + 100 * Math.Pow(y1 - x1 * x1, 2), step[2], "f after one step");
    }

    [Fact]
    public void It_converges_to_the_minimum_at_one_one()
    {
        var (x, y) = NewtonSteps.Minimize(-1.2, 1.0, 7, TextWriter.Null);
        Assert.Equal(1.0, x, 1e-12);
        Assert.Equal(1.0, y, 1e-12);
        Assert.True(NewtonSteps.Rosenbrock([x, y]).Data <= 1e-20);
    }
}
