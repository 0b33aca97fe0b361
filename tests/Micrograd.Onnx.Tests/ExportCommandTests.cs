using System.Globalization;
using Micrograd.Cli.Tests.Support;
using Micrograd.Onnx.Tests.Support;
using Micrograd.Tests.Support;
using Onnx;

namespace Micrograd.Onnx.Tests;

/// <summary>
/// <c>micrograd export</c>: what it writes and prints, and its refusals (one <c>error:</c> line, exit code 2, no file).
/// Here rather than in Micrograd.Cli.Tests because checking a file takes ONNX Runtime. The model files' numbers are
/// checked against <c>micrograd predict</c> in <see cref="ModelExportTests"/>, which exports through this command.
/// </summary>
public class ExportCommandTests
{
    [Fact]
    public void A_model_is_written_and_described_in_one_line()
    {
        using var temp = new TempDirectory();
        var onnx = temp.File("moons.onnx");
        var r = Tool.Run("export", "--model", Fixtures.PathOf("moons_init.json"), "--onnx", onnx, "--float32");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal($"wrote {onnx}: MLP 2-16-16-1 (relu, relu, linear), float32, input x [N, 2], output score [N, 1], opset 13\n", r.Out);
        Assert.Equal("", r.Error);
        using var model = Ort.Load(onnx);
        Assert.Equal(typeof(float), model.Session.InputMetadata["x"].ElementType);
    }

    [Theory]
    [InlineData("[[1, 1e300]]", "[0]", "layer 1, neuron 1: weight 2 1E+300 is beyond float32's range")]
    [InlineData("[[1, 2]]", "[-4e38]", "layer 1, neuron 1: bias -4E+38 is beyond float32's range")]
    public void In_float32_a_weight_beyond_float_range_is_refused_and_named_rather_than_made_infinite(string weights, string biases, string named)
    {
        using var temp = new TempDirectory();
        var model = temp.Write("big.json", $$"""{"inputs": 2, "layers": [{"weights": {{weights}}, "biases": {{biases}}, "activation": "linear"}]}""");
        var onnx = temp.File("big.onnx");
        var r = Tool.Run("export", "--model", model, "--onnx", onnx, "--float32");
        r.AssertRefused(named);
        Assert.False(File.Exists(onnx));
        // in float64 it is exported as it is
        Assert.Equal(0, Tool.Run("export", "--model", model, "--onnx", onnx).ExitCode);
    }

    [Fact]
    public void An_expression_is_written_with_each_variable_an_input_and_its_value_at_the_point_printed()
    {
        using var temp = new TempDirectory();
        var onnx = temp.File("expr.onnx");
        var r = Tool.Run("export", "tanh(w*x + b)", "w=0.8", "x=1.5", "b=-0.3", "--onnx", onnx);
        Assert.True(r.ExitCode == 0, r.ToString());
        var lines = r.Out.Split('\n');
        Assert.Equal($"wrote {onnx}: inputs w, x, b [N], output value [N], float64, opset 13", lines[0]);
        Assert.StartsWith("value = ", lines[1]);
        Assert.EndsWith(" at w=0.8, x=1.5, b=-0.3", lines[1]);
        var printed = double.Parse(lines[1]["value = ".Length..lines[1].IndexOf(" at", StringComparison.Ordinal)], CultureInfo.InvariantCulture);

        // the file, at the same point, gives the printed value, which is grad's
        using var model = Ort.Load(onnx);
        var value = model.Run("value", new OrtInput<double>("w", [0.8], 1), new OrtInput<double>("x", [1.5], 1), new OrtInput<double>("b", [-0.3], 1)).Data.Single();
        Agree.Assert(printed, value, 1e-12, "value");
        Assert.Contains($"value = {lines[1]["value = ".Length..lines[1].IndexOf(" at", StringComparison.Ordinal)]}", Tool.Run("grad", "tanh(w*x + b)", "w=0.8", "x=1.5", "b=-0.3").Out);
    }

    [Fact]
    public void Constants_are_written_with_their_values_and_the_other_variables_stay_inputs()
    {
        using var temp = new TempDirectory();
        var onnx = temp.File("expr.onnx");
        var r = Tool.Run("export", "-x ** 2 + a*x", "x=3", "a=0.5", "--onnx", onnx, "--constants", "a");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal($"wrote {onnx}: input x [N], constant a, output value [N], float64, opset 13\nvalue = -7.5 at x=3, a=0.5\n", r.Out);
        var file = ModelProto.Parser.ParseFrom(File.ReadAllBytes(onnx));
        Assert.Equal(["x"], file.Graph.Input.Select(i => i.Name));
        Assert.Equal([0.5], ModelStructureTests.Values(file.Graph.Initializer.Single(t => t.Name == "a")));
        using var model = Ort.Load(onnx);
        Assert.Equal([-7.5, 0, -3.0], model.Run("value", new OrtInput<double>("x", [3, 0, -1.5], 3)).Data);
    }

    [Theory]
    [InlineData("13", 13, 7)]
    [InlineData("20", 20, 9)]
    public void Opset_sets_the_opset_the_file_states(string asked, int opset, int irVersion)
    {
        using var temp = new TempDirectory();
        var onnx = temp.File("m.onnx");
        var r = Tool.Run("export", "--model", Fixtures.PathOf("moons_init.json"), "--onnx", onnx, "--opset", asked);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.EndsWith($", opset {opset}\n", r.Out);
        var file = ModelProto.Parser.ParseFrom(File.ReadAllBytes(onnx));
        Assert.Equal((irVersion, opset), (file.IrVersion, file.OpsetImport.Single().Version));
        using var model = Ort.Load(onnx);
    }

    [Fact]
    public void The_tools_help_lists_export()
    {
        var r = Tool.Run("export", "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("micrograd export [<EXPR> [<NAME=VALUE>...]] [options]", r.Out);
        Assert.Contains("export", Tool.Run("--help").Out);
    }

    public static TheoryData<string[], string> BadInputs => new()
    {
        { ["export", "--model", "MOONS"], "error: Option '--onnx' is required. (see 'micrograd export --help')" },
        { ["export", "--onnx", "OUT"], "error: nothing to export: give --model FILE.json, or an expression and its NAME=VALUE values" },
        { ["export", "x", "x=1", "--model", "MOONS", "--onnx", "OUT"], "error: give either --model or an expression to export, not both" },
        { ["export", "x", "x=1", "--onnx", "OUT", "--float32"], "error: --float32 applies to --model only: an expression is exported in float64" },
        { ["export", "--model", "MOONS", "--onnx", "OUT", "--constants", "w"], "error: --constants names variables of an expression; a --model has none" },
        { ["export", "x*y", "x=1", "y=2", "--onnx", "OUT", "--constants", "z"], "error: --constants names 'z', which the expression does not use (its variables are x, y)" },
        { ["export", "x*y", "x=1", "y=2", "--onnx", "OUT", "--constants", " , "], "error: --constants is empty: name variables of the expression, such as --constants w,b" },
        { ["export", "x*", "x=1", "--onnx", "OUT"], "error: unexpected end of the expression: expected a number, a variable, a function call or '('" },
        { ["export", "x*y", "x=1", "--onnx", "OUT"], "error: no value given for variable 'y': give each variable a value, as in y=1.5" },
        { ["export", "2*3", "--onnx", "OUT"], "error: cannot export '2*3': the file needs an input, and the expression has no variable" },
        { ["export", "exp(x) * y", "x=1", "y=2", "--onnx", "OUT", "--constants", "x, y"], "error: cannot export 'exp(x) * y': the file needs an input, and --constants names every variable of the expression" },
        { ["export", "x", "x=1", "--onnx", "OUT", "--opset", "22"], "error: --opset must be at most 21, the latest this version writes" },
        { ["export", "x", "x=1", "--onnx", "OUT", "--opset", "12"], "error: --opset '12' must be at least 13. (see 'micrograd export --help')" },
        { ["export", "value*2", "value=1", "--onnx", "OUT"], "error: cannot export 'value*2': a leaf is labelled 'value', the name of the graph's output: give it another label" },
        { ["export", "--model", "MISSING", "--onnx", "OUT"], "error: --model file 'MISSING' does not exist." },
        { ["export", "--model", "MOONS", "--onnx", "NODIR"], "error: cannot write --onnx file 'NODIR': the directory 'TEMP/nodir' does not exist" },
        { ["export", "--model", "MOONS", "--onnx", "FOLDER"], "error: cannot write --onnx file 'FOLDER': it is a directory" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_is_one_error_line_exit_2_and_no_file(string[] args, string error)
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("folder"));
        var paths = new Dictionary<string, string>
        {
            ["MOONS"] = Fixtures.PathOf("moons_init.json"),
            ["OUT"] = temp.File("out.onnx"),
            ["MISSING"] = temp.File("missing.json"),
            ["NODIR"] = temp.File("nodir/out.onnx"),
            ["FOLDER"] = temp.File("folder"),
            ["TEMP"] = temp.Path,
        };
        string Resolve(string text) => paths.Aggregate(text, (t, p) => t.Replace(p.Key, p.Value, StringComparison.Ordinal));
        var r = Tool.Run(args.Select(a => paths.GetValueOrDefault(a, a)).ToArray());
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Equal("", r.Out);
        Assert.Equal(Resolve(error) + "\n", r.Error.ReplaceLineEndings("\n"));
        Assert.Equal(["folder"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_failed_export_leaves_an_existing_file_as_it_was_and_a_good_one_replaces_it()
    {
        using var temp = new TempDirectory();
        var onnx = temp.Write("model.onnx", "the previous file");
        var bad = temp.Write("bad.json", """{"inputs": 2, "layers": []}""");
        var r = Tool.Run("export", "--model", bad, "--onnx", onnx);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("the previous file", File.ReadAllText(onnx));

        r = Tool.Run("export", "--model", Fixtures.PathOf("moons_init.json"), "--onnx", onnx);
        Assert.True(r.ExitCode == 0, r.ToString());
        using (Ort.Load(onnx))
        {
        }
        Assert.Equal(["bad.json", "model.onnx"], Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("model")]
    [InlineData("expression")]
    public void An_export_that_fails_part_way_leaves_the_old_file_and_no_temporary_file(string what)
    {
        using var temp = new TempDirectory();
        var onnx = temp.Write("out.onnx", "the previous file");
        string[] args = what == "model"
            ? ["export", "--model", Fixtures.PathOf("moons_init.json"), "--onnx", onnx]
            : ["export", "tanh(w*x + b)", "w=0.8", "x=1.5", "b=-0.3", "--onnx", onnx];
        CliResult r;
        using (AtomicFile.WrapStreamsForTests(s => new FailingStream(s, 100)))
        {
            r = Tool.Run(args);
        }
        r.AssertRefused($"cannot write --onnx file '{onnx}': No space left on device");
        Assert.Equal("", r.Out);
        Assert.Equal("the previous file", File.ReadAllText(onnx));
        Assert.Equal(["out.onnx"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void An_export_over_a_link_writes_the_file_it_points_to_and_keeps_the_link_and_the_permissions()
    {
        if (OperatingSystem.IsWindows()) return; // links and Unix permissions
        using var temp = new TempDirectory();
        var real = temp.Write("real.onnx", "the previous file");
        File.SetUnixFileMode(real, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var link = temp.File("link.onnx");
        File.CreateSymbolicLink(link, real);
        var r = Tool.Run("export", "--model", Fixtures.PathOf("moons_init.json"), "--onnx", link);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(real, File.ResolveLinkTarget(link, returnFinalTarget: true)!.FullName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(real));
        using (Ort.Load(real))
        {
        }
        Assert.Equal(["link.onnx", "real.onnx"], Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_export_to_a_device_writes_it_in_place_and_never_replaces_it()
    {
        // renaming a temporary file over /dev/null (the tests run as root on CI) would replace the device with a file
        if (OperatingSystem.IsWindows()) return;
        var r = Tool.Run("export", "--model", Fixtures.PathOf("moons_init.json"), "--onnx", "/dev/null");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(AtomicFile.IsSpecial("/dev/null"), "/dev/null is still a device");
        Assert.Empty(Directory.GetFiles("/dev", ".null.*.tmp"));
    }

    [Theory]
    [InlineData("m.json", "--model")]
    [InlineData("link.json", "--model")]
    [InlineData("e.txt", "--expr-file")]
    public void An_onnx_file_that_is_an_input_is_refused_and_the_input_kept(string output, string input)
    {
        using var temp = new TempDirectory();
        var model = temp.Write("m.json", File.ReadAllText(Fixtures.PathOf("moons_init.json")));
        var expression = temp.Write("e.txt", "tanh(w*x + b)");
        if (!OperatingSystem.IsWindows()) File.CreateSymbolicLink(temp.File("link.json"), model);
        else if (output == "link.json") return; // links
        var before = File.ReadAllBytes(temp.File(input == "--model" ? "m.json" : "e.txt"));
        string[] args = input == "--model"
            ? ["export", "--model", model, "--onnx", temp.File(output)]
            : ["export", "--expr-file", expression, "w=0.8", "x=1.5", "b=-0.3", "--onnx", temp.File(output)];
        var r = Tool.Run(args);
        r.AssertRefused($"--onnx '{temp.File(output)}' is the same file as {input}: writing it would destroy the input");
        Assert.Equal("", r.Out);
        Assert.Equal(before, File.ReadAllBytes(temp.File(input == "--model" ? "m.json" : "e.txt")));
    }

    [Fact]
    public void As_a_process_the_model_export_writes_a_file_that_onnx_runtime_runs()
    {
        using var temp = new TempDirectory();
        var onnx = temp.File("moons.onnx");
        var r = Tool.RunProcess("export", "--model", Fixtures.PathOf("moons_init.json"), "--onnx", onnx);
        Assert.True(r.ExitCode == 0, r.ToString());
        using var model = Ort.Load(onnx);
        Assert.Equal([1, 1], model.Run("score", new OrtInput<double>("x", [1.1221146075409685, 0.08147717341718697], 1, 2)).Shape);
    }
}
