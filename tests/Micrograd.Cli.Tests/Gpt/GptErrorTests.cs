using Micrograd.Cli.Tests.Support;

namespace Micrograd.Cli.Tests.Gpt;

/// <summary>Bad options and bad files for <c>gpt</c> and <c>gpt sample</c>: one line on stderr starting "error:", exit code 2,
/// nothing on stdout, no file written, never a stack trace.</summary>
public class GptErrorTests
{
    /// <summary>Runs with --log and --save into an empty folder, and checks that the run is refused and writes nothing.</summary>
    private static void AssertRefusedWritingNothing(string message, params string[] args)
    {
        using var folder = new TempDirectory();
        var r = Tool.Run([.. args, "--log", folder.File("log.jsonl"), "--save", folder.File("m.json")]);
        r.AssertRefused(message);
        Assert.Equal("", r.Out);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Theory]
    [InlineData("--steps 0", "--steps '0' must be at least 1")]
    [InlineData("--steps -5", "--steps '-5' must be at least 1")]
    [InlineData("--steps many", "--steps 'many' is not a whole number")]
    [InlineData("--steps 99999999999", "--steps '99999999999' is too large (at most 2147483647)")]
    [InlineData("--layers 0", "--layers '0' must be at least 1")]
    [InlineData("--embd 0", "--embd '0' must be at least 1")]
    [InlineData("--heads 0", "--heads '0' must be at least 1")]
    [InlineData("--block 0", "--block '0' must be at least 1")]
    [InlineData("--samples 0", "--samples '0' must be at least 1")]
    [InlineData("--seed -1", "--seed '-1' must be at least 0")]
    [InlineData("--embd 10", "--embd 10 is not a multiple of --heads 4")]
    [InlineData("--embd 16 --heads 3", "--embd 16 is not a multiple of --heads 3")]
    [InlineData("--heads 32", "--embd 16 is not a multiple of --heads 32")]
    [InlineData("--lr 0", "--lr '0' must be a finite number above 0")]
    [InlineData("--lr -0.01", "--lr '-0.01' must be a finite number above 0")]
    [InlineData("--lr NaN", "--lr 'NaN' must be a finite number above 0")]
    [InlineData("--lr Infinity", "--lr 'Infinity' must be a finite number above 0")]
    [InlineData("--lr 1e999", "--lr '1e999' is too large for a double")]
    [InlineData("--lr fast", "--lr 'fast' is not a number")]
    [InlineData("--temperature 0", "--temperature '0' must be a finite number above 0")]
    [InlineData("--temperature -0.5", "--temperature '-0.5' must be a finite number above 0")]
    [InlineData("--temperature nan", "--temperature 'nan' must be a finite number above 0")]
    [InlineData("--temperature inf", "--temperature 'inf' must be a finite number above 0")]
    [InlineData("--engine gpu", "--engine 'gpu' is not one of compiled, eager")]
    [InlineData("--steps 4 --steps 8", "--steps")]
    [InlineData("--prefix ab", "Unrecognized command or argument '--prefix'")]
    [InlineData("--bogus", "Unrecognized command or argument '--bogus'")]
    [InlineData("train", "Unrecognized command or argument 'train'")]
    public void Bad_options_of_gpt_are_refused(string arguments, string message) =>
        AssertRefusedWritingNothing(message, ["gpt", .. arguments.Split(' ')]);

    [Fact]
    public void Bad_data_files_are_refused()
    {
        using var folder = new TempDirectory();
        AssertRefusedWritingNothing($"--data file '{folder.File("none.txt")}' does not exist", "gpt", "--data", folder.File("none.txt"));
        AssertRefusedWritingNothing($"--data file '{folder.Write("empty.txt", "")}' has no documents", "gpt", "--data", folder.File("empty.txt"));
        AssertRefusedWritingNothing($"--data file '{folder.Write("blank.txt", "\n  \r\n\t\n")}' has no documents: every line of it is blank", "gpt", "--data", folder.File("blank.txt"));
        AssertRefusedWritingNothing($"cannot read --data file '{folder.Path}': it is a directory", "gpt", "--data", folder.Path);
        AssertRefusedWritingNothing("no --data file given: the path is empty", "gpt", "--data", "");
        var latin1 = folder.File("latin1.txt");
        File.WriteAllBytes(latin1, [(byte)'z', (byte)'o', 0xE9, (byte)'\n']);
        AssertRefusedWritingNothing($"--data file '{latin1}' is not UTF-8 text: it has bytes that UTF-8 does not allow (such as 0xE9)", "gpt", "--data", latin1);
    }

    /// <summary>A small trained model, saved.</summary>
    private static string SavedModel(TempDirectory folder)
    {
        var path = folder.File("m.json");
        var r = Tool.Run("gpt", "--steps", "5", "--samples", "1", "--save", path);
        Assert.True(r.ExitCode == 0, r.ToString());
        return path;
    }

    [Fact]
    public void Bad_prefixes_are_refused_naming_the_character_or_the_context()
    {
        using var folder = new TempDirectory();
        var model = SavedModel(folder);
        void Refused(string prefix, string message)
        {
            var r = Tool.Run("gpt", "sample", "--model", model, "--prefix", prefix);
            r.AssertRefused(message);
            Assert.Equal("", r.Out);
        }
        Refused("kA", "--prefix 'kA': character 2, 'A' (U+0041), is not in the model's vocabulary (abcdefghijklmnopqrstuvwxyz)");
        Refused("ma ria", "--prefix 'ma ria': character 3, U+0020, is not in the model's vocabulary");
        Refused("😀", "--prefix '😀': character 1, '😀' (U+1F600), is not in the model's vocabulary");
        Refused("abcdefghijklmnopq", "--prefix 'abcdefghijklmnopq' has 17 characters, more than the model's context of 16");
    }

    [Theory]
    [InlineData("--samples 0", "--samples '0' must be at least 1")]
    [InlineData("--temperature 0", "--temperature '0' must be a finite number above 0")]
    [InlineData("--temperature -1", "--temperature '-1' must be a finite number above 0")]
    [InlineData("--temperature Infinity", "--temperature 'Infinity' must be a finite number above 0")]
    [InlineData("--seed -2", "--seed '-2' must be at least 0")]
    [InlineData("--engine fast", "--engine 'fast' is not one of compiled, eager")]
    [InlineData("--steps 5", "Unrecognized command or argument '--steps'")]
    public void Bad_options_of_gpt_sample_are_refused(string arguments, string message)
    {
        using var folder = new TempDirectory();
        var r = Tool.Run(["gpt", "sample", "--model", SavedModel(folder), .. arguments.Split(' ')]);
        r.AssertRefused(message);
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void Options_of_gpt_before_sample_are_refused_not_ignored()
    {
        using var folder = new TempDirectory();
        var r = Tool.Run("gpt", "--seed", "3", "--temperature", "2", "sample", "--model", SavedModel(folder));
        r.AssertRefused("--seed, --temperature before 'sample' are options of 'gpt', which trains; give 'gpt sample' its options after 'sample'");
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void Missing_and_broken_model_files_are_refused_naming_the_file()
    {
        using var folder = new TempDirectory();
        void Refused(string message, params string[] args)
        {
            var r = Tool.Run(["gpt", "sample", .. args]);
            r.AssertRefused(message);
            Assert.Equal("", r.Out);
        }
        Refused("Option '--model' is required");
        Refused($"--model file '{folder.File("none.json")}' does not exist", "--model", folder.File("none.json"));
        Refused($"cannot read --model file '{folder.Path}': it is a directory", "--model", folder.Path);
        Refused("cut.json: not valid JSON", "--model", folder.Write("cut.json", "{\"format\": \"micrograd-gpt\", \"config\": {"));
        Refused("empty.json: not valid JSON", "--model", folder.Write("empty.json", ""));
        Refused("mlp.json: the top level has an unknown property 'inputs'", "--model", folder.Write("mlp.json", File.ReadAllText(CliFixtures.MoonsInit)));
        Refused("other.json: 'format' must be \"micrograd-gpt\", not the string \"x\": this is not a GPT model file",
            "--model", folder.Write("other.json", "{\"format\": \"x\", \"config\": {}, \"vocabulary\": \"\", \"weights\": {}}"));

        var saved = File.ReadAllText(SavedModel(folder));
        Refused("heads.json: 'config' does not describe a GPT: The embedding width (16) must be a multiple of the number of heads (3).",
            "--model", folder.Write("heads.json", saved.Replace("\"heads\": 4", "\"heads\": 3", StringComparison.Ordinal)));
        Refused("short.json: weights.wte has 27 rows; this shape needs 26",
            "--model", folder.Write("short.json", saved.Replace("\"vocabulary\": \"abcdefghijklmnopqrstuvwxyz\"", "\"vocabulary\": \"abcdefghijklmnopqrstuvwxy\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void Unwritable_outputs_are_refused_before_training()
    {
        using var folder = new TempDirectory();
        var missing = Path.Combine(folder.Path, "no", "such", "dir", "m.json");
        var r = Tool.Run("gpt", "--save", missing);
        r.AssertRefused($"cannot write --save '{missing}': the directory");
        Assert.Equal("", r.Out);
        r = Tool.Run("gpt", "--log", folder.Path);
        r.AssertRefused($"cannot write --log '{folder.Path}': it is a directory");
        Assert.Equal("", r.Out);
        r = Tool.Run("gpt", "--log", "/sys/micrograd-test.jsonl");
        r.AssertRefused("cannot write --log '/sys/micrograd-test.jsonl'");
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void A_diverging_run_is_reported_in_one_line_when_it_cannot_sample()
    {
        using var folder = new TempDirectory();
        var r = Tool.Run("gpt", "--lr", "1e300", "--steps", "3", "--samples", "2", "--log", folder.File("log.jsonl"));
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Equal("error: cannot sample: the model's weights are not all finite numbers; the training diverged: try a smaller --lr\n", r.Error);
        Assert.Contains("after 3 steps: loss NaN at the last step", r.Out);
        Assert.EndsWith("--- inference (new, hallucinated names) ---\n", r.Out);
        Assert.Matches("^\\{\"step\": 3, \"loss\": \"NaN\", \"lr\": 3\\.3+4?E\\+299\\}$", File.ReadAllLines(folder.File("log.jsonl"))[^1]);
    }

    [Fact]
    public void A_bad_option_as_a_real_process_gives_one_line_and_exit_code_2()
    {
        var r = Tool.RunProcess("gpt", "--embd", "18");
        r.AssertRefused("--embd 18 is not a multiple of --heads 4");
        Assert.Equal("", r.Out);
        r = Tool.RunProcess("gpt", "sample", "--model", "/no/such/model.json");
        r.AssertRefused("--model file '/no/such/model.json' does not exist");
    }
}
