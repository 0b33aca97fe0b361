using System.Globalization;
using System.Text.RegularExpressions;
using Micrograd.Cli.Tests.Support;

namespace Micrograd.Onnx.Tests.Support;

/// <summary>What <c>micrograd predict</c> prints, read back: each sample's scores.</summary>
public static partial class Predict
{
    /// <summary>Runs <c>micrograd predict --model … --data …</c> and returns each sample's scores, as printed (round-trip numbers).</summary>
    public static double[][] Scores(string model, string data)
    {
        var r = Tool.Run("predict", "--model", model, "--data", data);
        Assert.True(r.ExitCode == 0, r.ToString());
        var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("sample", lines[0]);
        // "1       -1.916629147926948   -1     -1": cells are separated by two spaces or more; a sample's scores by one
        return lines.Skip(1).TakeWhile(l => !l.StartsWith("accuracy", StringComparison.Ordinal))
            .Select(l => Cells().Split(l.Trim())[1].Split(' ').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
    }

    [GeneratedRegex(" {2,}")]
    private static partial Regex Cells();
}
