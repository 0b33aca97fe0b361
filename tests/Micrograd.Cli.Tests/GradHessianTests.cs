using Micrograd.Cli.Tests.Support;
using Micrograd.Expressions;
using Micrograd.Tests.Support;

namespace Micrograd.Cli.Tests;

/// <summary><c>grad --hessian</c>: every line of hessians.jsonl, new_ops.jsonl and new_ops_edges.jsonl (PyTorch float64)
/// through the tool, as JSON and as a table.</summary>
public class GradHessianTests
{
    private const double Relative = 1e-8;
    private const double Absolute = 1e-10;

    public static TheoryData<string, int> Lines()
    {
        var lines = new TheoryData<string, int>();
        foreach (var file in new[] { HessianCase.File, "new_ops.jsonl", "new_ops_edges.jsonl" })
        {
            for (var i = 0; i < HessianCase.Load(file).Count; i++) lines.Add(file, i);
        }
        return lines;
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public void Json_value_gradients_and_every_Hessian_entry_match_PyTorch(string file, int line)
    {
        var c = HessianCase.Load(file)[line];
        var r = Tool.Run(GradJson.Arguments(c.Expr, c.At, "--hessian", "--json"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("", r.Error);
        var json = GradJson.Parse(r.Out);

        var names = Expression.Parse(c.Expr).Variables;
        Close.Assert(c.Value, json.Value, $"{c}: value", Relative, Absolute);
        Assert.Equal(names, json.Gradients.Select(g => g.Key));
        Assert.Equal(c.Gradients.Keys.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        foreach (var (name, gradient) in json.Gradients) Close.Assert(c.Gradients[name], gradient, $"{c}: d/d{name}", Relative, Absolute);

        // rows and columns in the order of "gradients"
        Assert.NotNull(json.Hessian);
        Assert.Equal(names, json.Hessian.Select(row => row.Key));
        foreach (var (row, entries) in json.Hessian)
        {
            Assert.Equal(names, entries.Select(e => e.Key));
            foreach (var (column, h) in entries) Close.Assert(c.Hessian[row][column], h, $"{c}: d²/d{row}d{column}", Relative, Absolute);
        }
        Assert.Null(json.Directional);
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public void The_table_has_every_entry_of_the_json_exactly(string file, int line)
    {
        var c = HessianCase.Load(file)[line];
        var json = GradJson.Parse(Tool.Run(GradJson.Arguments(c.Expr, c.At, "--hessian", "--json")).Out);
        var r = Tool.Run(GradJson.Arguments(c.Expr, c.At, "--hessian"));
        Assert.True(r.ExitCode == 0, r.ToString());

        var table = HessianTable(r.Out);
        Assert.Equal(json.Hessian!.Select(row => row.Key), table.Select(row => row.Key));
        foreach (var ((name, expected), (_, printed)) in json.Hessian!.Zip(table))
            Assert.Equal(expected.Select(e => e.Value), printed);
    }

    [Fact]
    public void Infinite_and_NaN_entries_are_the_strings_of_gradients()
    {
        // f = y·log(x) at x = 0, y = 1: f = -∞; ∂f/∂x = y/x = ∞, ∂f/∂y = log x = -∞;
        // ∂²f/∂x² = -y/x² = -∞, ∂²f/∂x∂y = 1/x = ∞, ∂²f/∂y² = 0
        Assert.Equal(
            "{\"value\":\"-Infinity\",\"gradients\":{\"x\":\"Infinity\",\"y\":\"-Infinity\"}," +
            "\"hessian\":{\"x\":{\"x\":\"-Infinity\",\"y\":\"Infinity\"},\"y\":{\"x\":\"Infinity\",\"y\":0}}}\n",
            Tool.Run("grad", "log(x) * y", "x=0", "y=1", "--hessian", "--json").Out);
        // sqrt at -1: NaN, and so are its derivatives
        Assert.Equal("{\"value\":\"NaN\",\"gradients\":{\"x\":\"NaN\"},\"hessian\":{\"x\":{\"x\":\"NaN\"}}}\n",
            Tool.Run("grad", "sqrt(x)", "x=-1", "--hessian", "--json").Out);

        var table = HessianTable(Tool.Run("grad", "log(x) * y", "x=0", "y=1", "--hessian").Out);
        Assert.Equal(["x", "y"], table.Select(row => row.Key));
        Assert.Equal([double.NegativeInfinity, double.PositiveInfinity], table[0].Value);
        Assert.Equal([double.PositiveInfinity, 0.0], table[1].Value);
        Assert.Equal([double.NaN], Assert.Single(HessianTable(Tool.Run("grad", "sqrt(x)", "x=-1", "--hessian").Out)).Value);
    }

    [Fact]
    public void The_hessian_of_a_known_function_is_its_second_derivatives()
    {
        // f = x²y + sin(y): Hessian [[2y, 2x], [2x, -sin y]]
        var json = GradJson.Parse(Tool.Run("grad", "x * x * y + sin(y)", "x=3", "y=2", "--hessian", "--json").Out);
        Assert.Equal([4.0, 6.0], json.Hessian![0].Value.Select(e => e.Value));
        Assert.Equal(6.0, json.Hessian[1].Value[0].Value);
        Close.Assert(-Math.Sin(2), json.Hessian[1].Value[1].Value, "d²f/dy²");
    }

    [Fact]
    public void A_wide_table_is_not_cut_when_written_to_a_pipe()
    {
        // five variables of 17-digit numbers need more than the 80 columns Spectre assumes without a terminal
        var r = Tool.Run("grad", "sin(a * b + c * d + e) / 3", "a=0.3", "b=0.7", "c=-1.1", "d=0.9", "e=0.1", "--hessian");
        var table = HessianTable(r.Out);
        Assert.Equal(["a", "b", "c", "d", "e"], table.Select(row => row.Key));
        Assert.All(table, row => Assert.Equal(5, row.Value.Length));
        Assert.Contains(r.Out.Split('\n'), l => l.Length > 80);
    }

    [Fact]
    public void A_hessian_too_large_to_draw_is_written_as_plain_lines_with_every_entry_of_the_json()
    {
        // 120 variables: 121 × 121 cells, past what is drawn with borders (Spectre took minutes for 1,200)
        var names = Enumerable.Range(0, 120).Select(i => $"x{i}").ToList();
        var expression = string.Join(" + ", names.Zip(names.Skip(1), (a, b) => $"{a} * {b} * {a}"));
        string[] arguments = ["grad", expression, .. names.Select((n, i) => $"{n}={i % 7 - 3}"), "--hessian"];
        Assert.True((names.Count + 1) * (names.Count + 1) > Commands.GradCommand.MaxTableCells);
        var json = GradJson.Parse(Tool.Run([.. arguments, "--json"]).Out);
        var r = Tool.Run(arguments);
        Assert.True(r.ExitCode == 0, r.ToString());
        var lines = r.Out.TrimEnd('\n').Split('\n');
        var header = Array.FindIndex(lines, l => l.StartsWith("Hessian ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines[header..], l => l.Contains('│', StringComparison.Ordinal));
        Assert.Equal(["Hessian", .. names], lines[header].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var rows = lines.Skip(header + 1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(names, rows.Select(cells => cells[0]));
        foreach (var ((name, expected), cells) in json.Hessian!.Zip(rows))
            Assert.Equal(expected.Select(e => e.Value), cells[1..].Select(Number));
    }

    [Fact]
    public void On_a_terminal_too_narrow_for_the_table_the_gradients_are_plain_lines_not_cut()
    {
        var stdout = new StringWriter();
        var output = new CliOutput(stdout, new StringWriter()) { Terminal = true };
        output.Console.Profile.Width = 24;
        var code = CliApp.Run(["grad", "x * y * 123456.789", "x=0.123456789", "y=-98765.4321"], output);
        Assert.Equal(0, code);
        var text = stdout.ToString();
        Assert.DoesNotContain("…", text, StringComparison.Ordinal);
        var json = GradJson.Parse(Tool.Run("grad", "x * y * 123456.789", "x=0.123456789", "y=-98765.4321", "--json").Out);
        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(["variable", "value", "gradient"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(json.Gradients.Select(g => g.Value), lines[2..].Select(l => Number(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2])));
    }

    [Fact]
    public void Without_variables_the_hessian_is_empty()
    {
        Assert.Equal("{\"value\":3,\"gradients\":{},\"hessian\":{}}\n", Tool.Run("grad", "1 + 2", "--hessian", "--json").Out);
        Assert.Equal("value = 3\n(no variables, so no gradients)\n", Tool.Run("grad", "1 + 2", "--hessian").Out);
    }

    [Fact]
    public void The_picture_is_the_expressions_graph_alone()
    {
        using var temp = new TempDirectory();
        Assert.Equal(0, Tool.Run("grad", "tanh(x * y)", "x=1", "y=2", "--dot", temp.File("plain.dot")).ExitCode);
        Assert.Equal(0, Tool.Run("grad", "tanh(x * y)", "x=1", "y=2", "--hessian", "--direction", "x=1", "--dot", temp.File("second.dot")).ExitCode);
        Assert.Equal(File.ReadAllText(temp.File("plain.dot")), File.ReadAllText(temp.File("second.dot")));
    }

    [Fact]
    public void A_real_process_prints_the_hessian()
    {
        var c = HessianCase.Load()[0];
        var r = Tool.RunProcess(GradJson.Arguments(c.Expr, c.At, "--hessian", "--json"));
        Assert.True(r.ExitCode == 0, r.ToString());
        var json = GradJson.Parse(r.Out);
        foreach (var (row, entries) in json.Hessian!)
        {
            foreach (var (column, h) in entries) Close.Assert(c.Hessian[row][column], h, $"{c}: d²/d{row}d{column}", Relative, Absolute);
        }
    }

    /// <summary>
    /// Reads the Hessian table from grad's output: the header row ("Hessian", then a column per variable) and a row per
    /// variable; checks that the header names the rows' variables in the same order.
    /// </summary>
    private static List<KeyValuePair<string, double[]>> HessianTable(string stdout)
    {
        var rows = stdout.Split('\n').Select(Cells).Where(cells => cells.Length > 0).ToList();
        var header = rows.FindIndex(cells => cells[0] == "Hessian");
        Assert.True(header >= 0, $"no Hessian table in:\n{stdout}");
        var columns = rows[header][1..];
        var table = rows.Skip(header + 1).Take(columns.Length)
            .Select(cells => KeyValuePair.Create(cells[0], cells[1..].Select(Number).ToArray())).ToList();
        Assert.Equal(columns, table.Select(row => row.Key));
        return table;
    }

    private static string[] Cells(string line) =>
        line.Contains('│', StringComparison.Ordinal)
            ? line.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(c => c.Length > 0).ToArray()
            : [];

    private static double Number(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => double.Parse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture),
    };
}
