using Micrograd.Cli.Tests.Support;

namespace Micrograd.Cli.Tests;

/// <summary>
/// Outputs are never lost or half-written: each is written to a temporary file renamed over the target, so a write that
/// fails part way leaves the old file as it was; an output that is the same file as an input or as another output is
/// refused; and every output is checked before any work.
/// </summary>
public class OutputFileTests
{
    /// <summary>The folder holds exactly these files (no temporary file left behind).</summary>
    private static void AssertOnlyFiles(TempDirectory folder, params string[] names) =>
        Assert.Equal(names.Order(), Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order());

    /// <summary>Runs in-process with every output failing after <paramref name="limit"/> bytes.</summary>
    private static CliResult RunFailingAfter(long limit, params string[] args)
    {
        using (AtomicFile.WrapStreamsForTests(s => new FailingStream(s, limit)))
        {
            return Tool.Run(args);
        }
    }

    [Fact]
    public void A_save_that_fails_part_way_leaves_the_model_it_started_from_intact()
    {
        using var folder = new TempDirectory();
        var model = folder.Write("m.json", File.ReadAllText(CliFixtures.MoonsInit));
        var before = File.ReadAllBytes(model);
        var r = RunFailingAfter(2000, "train", "--data", CliFixtures.MoonsCsv, "--init", model, "--save", model, "--steps", "3");
        r.AssertRefused($"cannot write --save '{model}': No space left on device");
        Assert.Equal(before, File.ReadAllBytes(model));
        AssertOnlyFiles(folder, "m.json");
    }

    // a --log that fails part way keeps its whole lines and lets the run write its other outputs: LogFailureTests
    [Theory]
    [InlineData("--plot", "plot.png", 5000)]
    [InlineData("--save", "model.json", 100)]
    public void Each_output_of_train_that_fails_part_way_leaves_the_old_file(string option, string name, int limit)
    {
        using var folder = new TempDirectory();
        var path = folder.Write(name, "the old file\n");
        var r = RunFailingAfter(limit, "train", "--steps", "20", "--samples", "40", option, path);
        r.AssertRefused($"cannot write {option} '{path}': No space left on device");
        Assert.Equal("the old file\n", File.ReadAllText(path));
        AssertOnlyFiles(folder, name);
    }

    [Theory]
    [InlineData("grad", "--dot", "g.dot")]
    [InlineData("neuron", "--html", "n.html")]
    [InlineData("neuron", "--svg", "n.svg")]
    public void Each_picture_or_page_that_fails_part_way_leaves_the_old_file(string command, string option, string name)
    {
        if (option is "--svg" or "--html" && !Micrograd.Graphs.Graphviz.IsAvailable()) return; // needs Graphviz's dot
        using var folder = new TempDirectory();
        var path = folder.Write(name, "the old file\n");
        string[] args = command == "grad" ? ["grad", "tanh(x*y)", "x=1", "y=2", option, path] : ["neuron", option, path];
        var r = RunFailingAfter(200, args);
        r.AssertRefused($"cannot write {option} '{path}': No space left on device");
        Assert.Equal("the old file\n", File.ReadAllText(path));
        AssertOnlyFiles(folder, name);
    }

    [Fact]
    public void A_successful_run_replaces_outputs_in_full_keeping_their_permissions_and_the_links_to_them()
    {
        if (OperatingSystem.IsWindows()) return; // Unix permissions
        using var folder = new TempDirectory();
        var real = folder.Write("real.json", "old");
        File.SetUnixFileMode(real, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var link = folder.File("link.json");
        File.CreateSymbolicLink(link, real);
        var r = Tool.Run("train", "--steps", "2", "--samples", "20", "--save", link);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(real, File.ResolveLinkTarget(link, returnFinalTarget: true)!.FullName);
        Assert.StartsWith("{", File.ReadAllText(real));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(real));
        AssertOnlyFiles(folder, "real.json", "link.json");
    }

    [Theory]
    [InlineData("--save", "d.csv", "--data")]
    [InlineData("--log", "d.csv", "--data")]
    [InlineData("--log", "m.json", "--init")]
    [InlineData("--plot", "m.json", "--init")]
    public void An_output_that_is_an_input_is_refused_before_any_work(string option, string name, string input)
    {
        using var folder = new TempDirectory();
        var data = folder.Write("d.csv", File.ReadAllText(CliFixtures.MoonsCsv));
        var model = folder.Write("m.json", File.ReadAllText(CliFixtures.MoonsInit));
        var before = File.ReadAllBytes(folder.File(name));
        var r = Tool.Run("train", "--data", data, "--init", model, "--steps", "2", option, folder.File(name));
        r.AssertRefused($"{option} '{folder.File(name)}' is the same file as {input}");
        Assert.Equal("", r.Out);
        Assert.Equal(before, File.ReadAllBytes(folder.File(name)));
    }

    [Fact]
    public void Two_outputs_naming_one_file_are_refused_as_are_links_to_an_input()
    {
        using var folder = new TempDirectory();
        Tool.Run("train", "--save", folder.File("out.json"), "--plot", folder.File("out.json")).AssertRefused(
            $"--plot '{folder.File("out.json")}' is the same file as --save");
        var data = folder.Write("d.csv", File.ReadAllText(CliFixtures.MoonsCsv));
        Directory.CreateDirectory(folder.File("sub"));
        File.CreateSymbolicLink(folder.File("sub/link.csv"), data);
        File.CreateSymbolicLink(folder.File("dirlink"), folder.File("sub"));
        Tool.Run("train", "--data", data, "--save", folder.File("sub/link.csv")).AssertRefused("is the same file as --data");
        Tool.Run("train", "--data", folder.File("dirlink/link.csv"), "--log", Path.Combine(folder.Path, "sub", "..", "d.csv")).AssertRefused(
            "is the same file as --data");
        Assert.Equal(File.ReadAllText(CliFixtures.MoonsCsv), File.ReadAllText(data));
    }

    [Fact]
    public void Continuing_training_from_a_model_into_the_same_file_is_allowed()
    {
        using var folder = new TempDirectory();
        var model = folder.Write("m.json", File.ReadAllText(CliFixtures.MoonsInit));
        var r = Tool.Run("train", "--data", CliFixtures.MoonsCsv, "--init", model, "--save", model, "--steps", "3");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.NotEqual(File.ReadAllText(CliFixtures.MoonsInit), File.ReadAllText(model));
        AssertOnlyFiles(folder, "m.json");
    }

    [Theory]
    [InlineData("--save")]
    [InlineData("--log")]
    [InlineData("--plot")]
    public void An_output_folder_that_cannot_be_written_is_refused_before_training(string option)
    {
        // /sys refuses new files even to root (as CI runs); a folder without write permission does the same for other users
        var path = option == "--plot" ? "/sys/micrograd-test.png" : "/sys/micrograd-test.json";
        var r = Tool.Run("train", "--steps", "2", option, path);
        r.AssertRefused($"cannot write {option} '{path}'");
        Assert.Equal("", r.Out);
    }

    [Fact]
    public async Task Runs_saving_to_one_file_at_the_same_time_leave_one_whole_model()
    {
        using var folder = new TempDirectory();
        var path = folder.File("m.json");
        var runs = Enumerable.Range(0, 4).Select(seed => Task.Run(() =>
            Tool.Run("train", "--steps", "3", "--samples", "20", "--hidden", "32,32", "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", path))).ToArray();
        var results = await Task.WhenAll(runs);
        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.ToString()));
        var saved = Micrograd.NN.ModelFile.Load(path); // whole, valid JSON: one of the runs' models
        Assert.Equal(2, saved.InputCount);
        AssertOnlyFiles(folder, "m.json");
    }

    [Fact]
    public void A_device_is_written_in_place_never_replaced()
    {
        // renaming a temporary file over /dev/null (the tests run as root on CI) would replace the device with a file
        if (OperatingSystem.IsWindows()) return;
        var r = Tool.Run("train", "--steps", "2", "--samples", "20", "--log", "/dev/null", "--save", "/dev/null");
        r.AssertRefused("--log '/dev/null' is the same file as --save");
        r = Tool.Run("train", "--steps", "2", "--samples", "20", "--log", "/dev/null");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(AtomicFile.IsSpecial("/dev/null"), "/dev/null is still a device");
        Assert.Empty(Directory.GetFiles("/dev", ".null.*.tmp"));

        var dot = Tool.RunShell("$MICROGRAD grad 'x*y' x=1 y=2 --dot /dev/stdout");
        Assert.True(dot.ExitCode == 0, dot.ToString());
        Assert.StartsWith("digraph", dot.Out);
        Assert.Contains("value = 2", dot.Out);
    }

    [Fact]
    public void A_failed_write_names_the_users_file_not_the_hidden_temporary_one()
    {
        using var folder = new TempDirectory();
        var target = folder.File("model.json");
        var temporary = folder.File(".model.json.5f1c2a9e.tmp");
        // as .NET says it when the disk fills while the temporary file is written
        var e = Assert.Throws<UsageException>(() => UserFiles.Write(target, "--save", () => throw new IOException($"No space left on device : '{temporary}'")));
        Assert.Equal($"cannot write --save '{target}': No space left on device : '{target}'", e.Message);
        Assert.DoesNotContain(".tmp", e.Message, StringComparison.Ordinal);
        // another file in the message is left as it is
        var other = Assert.Throws<UsageException>(() => UserFiles.Write(target, "--save", () => throw new IOException("Could not find a part of the path '/elsewhere/.x'")));
        Assert.EndsWith("'/elsewhere/.x'", other.Message, StringComparison.Ordinal);
    }
}
