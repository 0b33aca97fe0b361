using Micrograd.Cli.Tests.Support;
using Micrograd.NN;
using Micrograd.Onnx.Tests.Support;
using Micrograd.Tests.Support;

namespace Micrograd.Onnx.Tests.Docs;

/// <summary>The C# example of running an exported model in docs/onnx.md is Snippets/OnnxPredict.cs, which these tests compile and run.</summary>
public class OnnxDocTests
{
    [Fact]
    public void The_page_shows_exactly_the_example_file()
    {
        var root = Repository.Root;
        var example = File.ReadAllText(Path.Combine(root, "tests/Micrograd.Onnx.Tests/Docs/Snippets/OnnxPredict.cs")).ReplaceLineEndings("\n");
        var page = File.ReadAllText(Path.Combine(root, "docs", "onnx.md")).ReplaceLineEndings("\n");
        Assert.Contains("```csharp\n" + example + "```\n", page, StringComparison.Ordinal);
    }

    [Fact]
    public void The_example_gives_predicts_scores_for_an_exported_model()
    {
        using var temp = new TempDirectory();
        var onnx = temp.File("moons.onnx");
        var r = Tool.Run("export", "--model", Fixtures.PathOf("moons_init.json"), "--onnx", onnx);
        Assert.True(r.ExitCode == 0, r.ToString());
        using (Ort.Load(onnx))
        {
            // the logging environment exists before the example makes its own session
        }

        var samples = DatasetCsv.Load(Fixtures.PathOf("moons.csv"), 2).Features.Select(f => f.ToArray()).ToArray();
        var scores = OnnxPredict.Scores(onnx, samples);
        var expected = Predict.Scores(Fixtures.PathOf("moons_init.json"), Fixtures.PathOf("moons.csv"));
        Assert.Equal(expected.Length, scores.Length);
        for (var i = 0; i < scores.Length; i++)
        {
            Assert.Equal(expected[i].Length, scores[i].Length);
            for (var k = 0; k < scores[i].Length; k++) Agree.Assert(expected[i][k], scores[i][k], 1e-12, $"sample {i + 1}");
        }
    }
}
