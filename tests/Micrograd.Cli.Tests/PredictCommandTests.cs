using System.Globalization;
using Micrograd.Cli.Tests.Support;
using Micrograd.NN;

namespace Micrograd.Cli.Tests;

public class PredictCommandTests
{
    [Fact]
    public void Prints_each_score_and_class_and_the_accuracy()
    {
        using var folder = new TempDirectory();
        var train = Tool.Run("train", "--data", CliFixtures.MoonsCsv, "--init", CliFixtures.MoonsInit, "--save", folder.File("m.json"));
        Assert.True(train.ExitCode == 0, train.ToString());

        var r = Tool.Run("predict", "--model", folder.File("m.json"), "--data", CliFixtures.MoonsCsv);
        Assert.True(r.ExitCode == 0, r.ToString());
        var lines = r.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(["sample", "score", "class", "label"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(102, lines.Length);
        Assert.Equal("accuracy 1 (100 of 100)", lines[^1]);

        var model = ModelFile.Load(folder.File("m.json"));
        var data = DatasetCsv.Load(CliFixtures.MoonsCsv);
        for (var i = 0; i < data.Count; i++)
        {
            var cells = lines[i + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var score = model.Evaluate(data.Features[i].ToArray())[0];
            Assert.Equal((i + 1).ToString(CultureInfo.InvariantCulture), cells[0]);
            Assert.Equal(score, double.Parse(cells[1], CultureInfo.InvariantCulture));
            Assert.Equal(score > 0 ? "1" : "-1", cells[2]);
            Assert.Equal(data.Labels![i], double.Parse(cells[3], CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData("[[1e308, -1e308]]", "[0]")]
    [InlineData("[[1e308, -1e308], [0, 0]]", "[0, 0]")]
    public void A_NaN_score_has_no_class_and_is_not_correct(string weights, string biases)
    {
        // 10 * 1e308 - 10 * 1e308 is Infinity - Infinity: NaN
        using var folder = new TempDirectory();
        var model = folder.Write("nan.json", $$"""{"inputs": 2, "layers": [{"weights": {{weights}}, "biases": {{biases}}, "activation": "linear"}]}""");
        var csv = folder.Write("x.csv", weights.Contains("], [", StringComparison.Ordinal) ? "10,10,0\n0,0,0\n" : "10,10,-1\n0,0,-1\n");
        var r = Tool.Run("predict", "--model", model, "--data", csv);
        Assert.True(r.ExitCode == 0, r.ToString());
        var lines = r.Out.TrimEnd('\n').Split('\n');
        Assert.Equal("none", lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[^2]);
        Assert.Contains("NaN", lines[1]);
        Assert.Equal("accuracy 0.5 (1 of 2)", lines[^1]);
    }

    /// <summary>A standard output that counts its lines, and whose reader has gone once it has <paramref name="enough"/>.</summary>
    private sealed class HeadWriter(int enough) : StringWriter
    {
        public int Lines { get; private set; }

        public bool Gone => Lines >= enough;

        public override void WriteLine(string? value)
        {
            Lines++;
            base.WriteLine(value);
        }
    }

    [Fact]
    public void Rows_are_printed_as_they_come_so_that_a_reader_that_has_gone_stops_the_run_early()
    {
        // 5,000 samples; "| head -3": the rows are not all kept and printed at the end, but printed from the first block
        // on, and the run stops as soon as the reader has gone
        using var folder = new TempDirectory();
        var csv = folder.Write("many.csv", string.Concat(Enumerable.Range(0, 5000).Select(i => $"{i % 10},{i % 7},1\n")));
        var stdout = new HeadWriter(3);
        var output = new CliOutput(stdout, new StringWriter()) { OutputGone = () => stdout.Gone };
        var code = CliApp.Run(["predict", "--model", CliFixtures.MoonsInit, "--data", csv], output);
        Assert.Equal(141, code);
        Assert.InRange(stdout.Lines, 3, Commands.PredictCommand.WidthRows + 1);
        // without a reader gone, every row and the accuracy
        var all = Tool.Run("predict", "--model", CliFixtures.MoonsInit, "--data", csv);
        Assert.Equal(5002, all.Out.TrimEnd('\n').Split('\n').Length);
    }

    [Fact]
    public void Without_labels_there_is_no_accuracy()
    {
        using var folder = new TempDirectory();
        var csv = folder.Write("points.csv", "x1,x2\n0.5,0.5\n-1,1\n");
        var r = Tool.Run("predict", "--model", CliFixtures.MoonsInit, "--data", csv);
        Assert.True(r.ExitCode == 0, r.ToString());
        var lines = r.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal(["sample", "score", "class"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("accuracy", r.Out);
    }

    [Fact]
    public void A_model_with_several_outputs_predicts_the_largest()
    {
        using var folder = new TempDirectory();
        var model = folder.Write("three.json", """
            {"inputs": 1, "layers": [{"weights": [[1], [-1], [0]], "biases": [0, 0, 0.5], "activation": "linear"}]}
            """);
        var csv = folder.Write("x.csv", "2,0\n-2,1\n0,2\n0,0\n");
        var r = Tool.Run("predict", "--model", model, "--data", csv);
        Assert.True(r.ExitCode == 0, r.ToString());
        var rows = r.Out.TrimEnd('\n').Split('\n').Skip(1).Take(4).Select(l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries).Select(c => c.Trim()).ToArray()).ToArray();
        Assert.Equal(["1", "2 -2 0.5", "0", "0"], rows[0]);
        Assert.Equal(["2", "-2 2 0.5", "1", "1"], rows[1]);
        Assert.Equal(["3", "0 0 0.5", "2", "2"], rows[2]); // 0 + 0 + (-1)·0 is +0: the sum starts at +0
        Assert.Equal("accuracy 0.75 (3 of 4)", r.Out.TrimEnd('\n').Split('\n')[^1]);
    }

    [Fact]
    public void Bad_input_is_refused_with_one_line_and_exit_code_2()
    {
        using var folder = new TempDirectory();
        void Refused(string message, params string[] args)
        {
            var r = Tool.Run(["predict", .. args]);
            Assert.True(r.ExitCode == 2, r.ToString());
            Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
            Assert.Contains(message, r.Error);
        }
        Refused("Option '--model' is required", "--data", CliFixtures.MoonsCsv);
        Refused("Option '--data' is required", "--model", CliFixtures.MoonsInit);
        Refused("does not exist", "--model", folder.File("none.json"), "--data", CliFixtures.MoonsCsv);
        Refused("expected 2 fields (features) or 3 (features and label), found 4",
            "--model", CliFixtures.MoonsInit, "--data", folder.Write("four.csv", "1,2,3,4\n"));
        Refused("m.json: the top level has no 'layers'", "--model", folder.Write("m.json", "{\"inputs\": 2}"), "--data", CliFixtures.MoonsCsv);
        Refused("bad.csv, line 2: field 1, 'x', is not a number", "--model", CliFixtures.MoonsInit, "--data", folder.Write("bad.csv", "1,2\nx,2\n"));
        // a model with one output predicts -1 or 1: another label would be counted by its sign, giving a wrong accuracy
        Refused("labels.csv, sample 2: label 0 is not -1 or 1 (a model with one output predicts class -1 or 1).",
            "--model", CliFixtures.MoonsInit, "--data", folder.Write("labels.csv", "1,2,1\n3,4,0\n"));
        Refused("half.csv, sample 1: label 0.5 is not -1 or 1", "--model", CliFixtures.MoonsInit, "--data", folder.Write("half.csv", "1,2,0.5\n"));
        Refused("no --model file given: the path is empty", "--model", "", "--data", CliFixtures.MoonsCsv);
        Refused("no --data file given: the path is empty", "--model", CliFixtures.MoonsInit, "--data", " ");
        Refused($"cannot read --model file '{folder.Path}': it is a directory", "--model", folder.Path, "--data", CliFixtures.MoonsCsv);
        Refused($"cannot read --data file '{folder.Path}': it is a directory", "--model", CliFixtures.MoonsInit, "--data", folder.Path);
    }
}
