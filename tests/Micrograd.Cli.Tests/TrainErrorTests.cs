using Micrograd.Cli.Tests.Support;

namespace Micrograd.Cli.Tests;

/// <summary>Bad options and bad files: one clear line on stderr, exit code 2, never a stack trace.</summary>
public class TrainErrorTests
{
    private static void AssertRefused(CliResult r, string message) => r.AssertRefused(message);

    [Theory]
    [InlineData("--steps 0", "--steps '0' must be at least 1")]
    [InlineData("--steps many", "--steps 'many' is not a whole number")]
    [InlineData("--steps 99999999999", "--steps '99999999999' is too large (at most 2147483647)")]
    [InlineData("--seed -99999999999", "--seed '-99999999999' must be at least 0")]
    [InlineData("--lr -1", "--lr '-1' must be a finite number above 0")]
    [InlineData("--lr abc", "--lr 'abc' is not a number")]
    [InlineData("--lr -1e400", "--lr '-1e400' is too large for a double")]
    [InlineData("--lr NaN", "--lr 'NaN' must be a finite number above 0")]
    [InlineData("--lr-end -0.5", "--lr-end '-0.5' must be a finite number of at least 0")]
    [InlineData("--l2 -1e-4", "--l2 '-1e-4' must be a finite number of at least 0")]
    [InlineData("--batch 0", "--batch '0' must be at least 1")]
    [InlineData("--seed -3", "--seed '-3' must be at least 0")]
    [InlineData("--samples 1", "--samples '1' must be at least 2")]
    [InlineData("--noise -1", "--noise '-1' must be a number from 0 to 1e307")]
    [InlineData("--hidden 16,x", "--hidden '16,x' must be layer sizes of at least 1 separated by commas")]
    [InlineData("--hidden 16,0", "--hidden '16,0' must be layer sizes")]
    [InlineData("--optimizer rmsprop", "--optimizer 'rmsprop' is not one of sgd, momentum, adam")]
    [InlineData("--loss huber", "--loss 'huber' is not one of hinge, bce, mse, softmax")]
    [InlineData("--activation elu", "--activation 'elu' is not one of relu, tanh, sigmoid, linear")]
    [InlineData("--data squares", "--data 'squares' is neither moons, circles, blobs, spirals nor an existing CSV file")]
    [InlineData("--data moons --classes 3", "the moons data set has exactly 2 classes")]
    [InlineData("--data blobs --classes 3", "blobs has 3 classes (labels 0 to 2): the hinge loss takes two (-1 and 1); use --loss softmax")]
    [InlineData("--data spirals --classes 4 --loss mse", "spirals has 4 classes (labels 0 to 3): the mse loss takes two (-1 and 1); use --loss softmax")]
    [InlineData("--data spirals --classes 3 --samples 5", "--samples 5 is too few for 3 classes")]
    [InlineData("--data spirals --classes 2000000000 --loss softmax", "--samples 100 is too few for 2000000000 classes (at least 4000000000)")]
    [InlineData("--engine gpu", "--engine 'gpu' is not one of compiled, eager")]
    [InlineData("--engine", "Required argument missing for option: '--engine'")]
    [InlineData("--bogus", "Unrecognized command or argument '--bogus'")]
    public void Bad_options_are_refused(string arguments, string message) =>
        AssertRefused(Tool.Run(["train", .. arguments.Split(' ')]), message);

    [Fact]
    public void Bad_files_are_refused()
    {
        using var folder = new TempDirectory();
        AssertRefused(Tool.Run("train", "--init", folder.File("none.json")), $"--init file '{folder.File("none.json")}' does not exist");
        AssertRefused(Tool.Run("train", "--init", folder.Write("bad.json", "{\"inputs\": 2,")), "bad.json: not valid JSON");
        AssertRefused(Tool.Run("train", "--init", ""), "no --init file given: the path is empty");
        AssertRefused(Tool.Run("train", "--init", folder.Path), $"cannot read --init file '{folder.Path}': it is a directory");
        AssertRefused(Tool.Run("train", "--init", folder.Write("sizes.json", """{"inputs": 2, "layers": [{"weights": [[1, 2]], "biases": [0, 1]}]}""")),
            "sizes.json: layers[0] has 1 rows of weights but 2 biases");
        AssertRefused(Tool.Run("train", "--data", folder.Write("bad.csv", "x1,x2,label\n1,2,1\n1,2\n")), "bad.csv, line 3: expected 3 fields, found 2");
        AssertRefused(Tool.Run("train", "--data", folder.Write("word.csv", "1,2,1\n1,two,1\n")), "word.csv, line 2: field 2, 'two', is not a number");
        AssertRefused(Tool.Run("train", "--data", folder.Write("label.csv", "1,2,1\n3,4,0\n")), "Sample 2 of label.csv: label 0 is not -1 or 1");
        AssertRefused(Tool.Run("train", "--data", folder.Write("empty.csv", "")), "empty.csv: the file is empty");
        var three = folder.Write("three.csv", "1,2,3,1\n4,5,6,-1\n");
        AssertRefused(Tool.Run("train", "--data", three, "--init", CliFixtures.MoonsInit), "The model takes 2 inputs but three.csv has 3 features");
        AssertRefused(Tool.Run("train", "--data", three, "--plot", folder.File("p.png")), "--plot draws two features, but three.csv has 3");
        AssertRefused(Tool.Run("train", "--data", three, "--samples", "10"), "--samples applies to generated data, not to the CSV file");
        AssertRefused(Tool.Run("train", "--init", CliFixtures.MoonsInit, "--hidden", "8"), "--hidden cannot be used with --init");
        // the model is at fault, not the first sample
        var softmax = Tool.Run("train", "--init", CliFixtures.MoonsInit, "--loss", "softmax");
        AssertRefused(softmax, "error: The softmax loss needs a model with at least 2 outputs, not 1");
        Assert.DoesNotContain("Sample", softmax.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unwritable_outputs_are_refused_before_training()
    {
        using var folder = new TempDirectory();
        var missing = Path.Combine(folder.Path, "no", "such", "dir", "m.json");
        AssertRefused(Tool.Run("train", "--save", missing), "cannot write --save");
        AssertRefused(Tool.Run("train", "--log", folder.Path), "cannot write --log");
        AssertRefused(Tool.Run("train", "--plot", Path.Combine(folder.Path, "none", "p.png")), "does not exist");
        var file = folder.Write("plain.txt", "");
        AssertRefused(Tool.Run("train", "--plot", Path.Combine(file, "p.png")), $"cannot write --plot '{Path.Combine(file, "p.png")}': '{file}' is a file, not a directory");
        var r = Tool.Run("train", "--save", missing);
        Assert.DoesNotContain("step", r.Out);
    }

    [Fact]
    public void A_bad_option_as_a_real_process_gives_one_line_and_exit_code_2()
    {
        var r = Tool.RunProcess("train", "--lr", "fast");
        AssertRefused(r, "--lr 'fast' is not a number");
    }

    [Theory]
    [InlineData("""{"inputs": 2, "\ud800": 1, "layers": []}""", "the top level has a key that is not valid Unicode")]
    [InlineData("""{"inputs": 2, "layers": [{"weights": [[1, 2]], "biases": [0], "activation": "\ud800"}]}""", "a string in 'activation' is not valid Unicode")]
    [InlineData("""{"inputs": 2, "layers": [{"weights": [["\udc00", 2]], "biases": [0]}]}""", "a string in 'weights' is not valid Unicode")]
    public void A_lone_surrogate_in_a_model_file_is_refused_naming_the_file_in_every_command(string json, string message)
    {
        using var folder = new TempDirectory();
        var model = folder.Write("lone.json", json);
        var csv = folder.Write("x.csv", "1,2,1\n2,1,-1\n");
        AssertRefused(Tool.Run("predict", "--model", model, "--data", csv), $"lone.json: {message}");
        AssertRefused(Tool.Run("train", "--init", model, "--data", csv, "--steps", "1"), $"lone.json: {message}");
        AssertRefused(Tool.Run("export", "--model", model, "--onnx", folder.File("m.onnx")), $"lone.json: {message}");
    }

    [Fact]
    public void Control_characters_from_model_keys_and_csv_fields_are_escaped_in_error_lines()
    {
        using var folder = new TempDirectory();
        var model = folder.Write("esc.json", """{"inputs": 2, "\u001b[2J\u0007": 1, "layers": []}""");
        var key = Tool.Run("predict", "--model", model, "--data", CliFixtures.MoonsCsv);
        AssertRefused(key, "unknown property '\\u001B[2J\\u0007'");
        var csv = folder.Write("esc.csv", "1,2,1\n1,\u001b[31m\0x,1\n");
        var field = Tool.Run("train", "--data", csv);
        AssertRefused(field, "field 2, '\\u001B[31m\\u0000x', is not a number");
        foreach (var r in new[] { key, field }) Assert.DoesNotContain(r.Error.TrimEnd('\n'), char.IsControl);
    }
}
