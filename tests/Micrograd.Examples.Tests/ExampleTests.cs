using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Micrograd.NN;

namespace Micrograd.Examples.Tests;

/// <summary>
/// Every example under examples/ runs as a user runs it and shows the right numbers. One class, so the examples build one
/// after another (they share the library's Release build). Expected numbers come from the seed notebook, from PyTorch
/// (the README's neuron gradients) or from arithmetic done here, never from an example's own output. Each run also prints
/// and writes what its examples/expected/NAME.txt says, which .ci/package-check checks again when it runs the examples
/// from the packages.
/// </summary>
public sealed partial class ExampleTests
{
    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static IEnumerable<string> Examples() =>
        Directory.GetFiles(Repository.File("examples"), "*.cs").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal);

    /// <summary>The version of every package of the repository (src/Directory.Build.props), as the library was built with it.</summary>
    private static string RepositoryVersion { get; } =
        typeof(Value).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

    /// <summary>Whether <paramref name="id"/> is one of the repository's packages (a project src/ID/ID.csproj).</summary>
    private static bool IsRepositoryPackage(string id) => File.Exists(Repository.File($"src/{id}/{id}.csproj"));

    [GeneratedRegex(@"^#:package\s+(?<id>[^@\s]+)@(?<version>\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex PackageDirective();

    private static List<(string Id, string Version)> Packages(string example) =>
        PackageDirective().Matches(File.ReadAllText(Repository.File("examples/" + example)).ReplaceLineEndings("\n"))
            .Select(m => (m.Groups["id"].Value, m.Groups["version"].Value)).ToList();

    [Fact]
    public void Every_example_file_is_tested_here_and_has_its_expected_output()
    {
        var tested = typeof(ExampleTests).GetMethods()
            .SelectMany(m => m.GetCustomAttributes(typeof(ExampleAttribute), false).Cast<ExampleAttribute>())
            .Select(a => a.File).Order(StringComparer.Ordinal);
        Assert.Equal(Examples(), tested);
        var expected = Directory.GetFiles(Repository.File("examples/expected"), "*.txt").Select(f => Path.GetFileNameWithoutExtension(f) + ".cs").Order(StringComparer.Ordinal);
        Assert.Equal(Examples(), expected);
        foreach (var example in Examples()) Assert.NotEmpty(ExpectedOutput.Of(example).Lines);
    }

    [Fact]
    public void Every_example_takes_the_repositorys_packages_at_the_repositorys_version()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+", RepositoryVersion);
        foreach (var example in Examples())
        {
            var text = File.ReadAllText(Repository.File("examples/" + example));
            Assert.False(Regex.IsMatch(text, "^#:project", RegexOptions.Multiline), $"examples/{example} references a project; an example takes the packages, as a user's file does (#:package ID@VERSION)");
            var packages = Packages(example);
            Assert.Contains(packages, p => p.Id == "Micrograd");
            foreach (var (id, version) in packages.Where(p => p.Id.StartsWith("Micrograd", StringComparison.Ordinal)))
            {
                Assert.True(IsRepositoryPackage(id), $"examples/{example} takes {id}, which is none of the repository's packages (src/ID/ID.csproj)");
                Assert.True(version == RepositoryVersion, $"examples/{example} takes {id}@{version}, but the repository's version is {RepositoryVersion} (src/Directory.Build.props): write #:package {id}@{RepositoryVersion}");
            }
        }
    }

    [Fact]
    public void In_the_repository_every_example_builds_against_the_source()
    {
        // what `dotnet run examples/NAME.cs` references once examples/Directory.Build.targets has made each of the
        // repository's packages a reference to its project under src/ (evaluation only: nothing is restored or built)
        foreach (var example in Examples())
        {
            var (exitCode, output, error) = ExampleRun.Dotnet(Repository.Root, "build", "-c", "Release", Repository.File("examples/" + example), "--no-restore",
                "-t:CollectPackageReferences", "-getItem:ProjectReference", "-getItem:PackageReference");
            Assert.True(exitCode == 0, $"{example}: {output}\n{error}");
            var items = JsonDocument.Parse(output).RootElement.GetProperty("Items");
            string[] Identities(string item) => items.TryGetProperty(item, out var list) ? [.. list.EnumerateArray().Select(i => i.GetProperty("Identity").GetString()!)] : [];
            var projects = Packages(example).Where(p => IsRepositoryPackage(p.Id)).Select(p => Path.GetFullPath(Repository.File($"src/{p.Id}/{p.Id}.csproj"))).Order(StringComparer.Ordinal);
            Assert.Equal(projects, Identities("ProjectReference").Select(Path.GetFullPath).Order(StringComparer.Ordinal));
            Assert.DoesNotContain(Identities("PackageReference"), id => id.StartsWith("Micrograd", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact, Example("01-derivative-by-nudging.cs")]
    public void Nudging_approaches_the_derivative_that_backward_gives_exactly()
    {
        using var run = ExampleRun.Start("01-derivative-by-nudging.cs");
        run.AssertAsExpected();
        static double F(double x) => 3 * x * x - 4 * x + 5;
        Assert.Equal(6 * 3.0 - 4, Number(run.After("Backward(): x.Grad =")));
        Assert.Equal((F(4) - F(3)) / 1, Number(run.After("h = 1       (f(x + h) - f(x)) / h =")));
        Assert.Equal(14, Number(run.After("h = 1E-06   (f(x + h) - f(x)) / h =")), 1e-4);
    }

    [Fact, Example("02-value-and-graph.cs")]
    public void A_small_graph_has_the_gradients_of_the_chain_rule_and_a_picture()
    {
        using var run = ExampleRun.Start("02-value-and-graph.cs");
        run.AssertAsExpected();
        double a = 2, b = -3, c = 10, f = -2, d = a * b + c;
        Assert.Equal($"dL/da = {b * f}, dL/db = {a * f}, dL/dc = {f}, dL/df = {d}", run.After("after Backward():"));
        var svg = run.FileText("02-graph.svg");
        Assert.StartsWith("<?xml", svg, StringComparison.Ordinal);
        foreach (var label in new[] { ">a<", ">b<", ">c<", ">d<", ">e<", ">f<", ">L<" }) Assert.Contains(label, svg, StringComparison.Ordinal);
    }

    [Fact, Example("03-neuron.cs")]
    public void The_neuron_gives_the_seeds_value_and_pytorchs_gradients_and_draws_its_pages()
    {
        using var run = ExampleRun.Start("03-neuron.cs");
        run.AssertAsExpected();
        Assert.Equal("0.9989793986334531", run.After("y = tanh(w0·x0 + w1·x1 + w2·x2 + b) ="));   // the seed notebook's y
        Assert.Equal("0.0032642577695110885", run.After("dy/dw0 ="));                          // PyTorch, float64
        Assert.Equal("0.0020401611059444303", run.After("dy/db  ="));
        Assert.Contains("<svg", run.FileText("03-neuron.svg"), StringComparison.Ordinal);
        var page = run.FileText("03-neuron.html");
        Assert.Contains("Content-Security-Policy", page, StringComparison.Ordinal);
        Assert.Contains("<title>The seed&#39;s neuron", page, StringComparison.Ordinal);
        Assert.Contains("0.9989793986334531", page, StringComparison.Ordinal);
    }

    [Fact, Example("05-moons-mlp.cs")]
    public void The_mlp_learns_the_moons_and_draws_its_plot_and_training_page()
    {
        using var run = ExampleRun.Start("05-moons-mlp.cs");
        run.AssertAsExpected();

        // The same run with the eager engine (the example uses the compiled one): the same numbers, bit for bit.
        var data = DataGenerators.Moons(100, 0.1, new Random(1337));
        var model = new Mlp(2, [16, 16, 1], new Random(1338));
        var objective = new Objective(model, Loss.Hinge, 1e-4);
        var trainer = new Trainer(new EagerEngine(objective), new Sgd(model.Parameters, LearningRateSchedule.Linear(1.0, 0.1, 100)), BatchSampler.Full(data));
        var steps = trainer.Run(100);
        var end = objective.Evaluate(data);
        static string N(double x) => x.ToString("R", CultureInfo.InvariantCulture);
        Assert.Equal("MLP 2-16-16-1 (relu, relu, linear): 337 parameters, on 100 moons", run.Output.Split('\n')[0].Trim());
        Assert.Equal($"loss {N(steps[0].Loss)}, accuracy {N(steps[0].Accuracy)}", run.After("step   1:"));
        Assert.Equal($"loss {N(steps[99].Loss)}, accuracy {N(steps[99].Accuracy)}", run.After("step 100:"));
        Assert.Equal($"loss {N(end.Loss)}, accuracy {N(end.Accuracy)}", run.After("after 100 steps:"));
        Assert.Equal(1.0, end.Accuracy);

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], run.FileBytes("05-moons.png").Take(4));
        var page = run.FileText("05-moons.html");
        Assert.Contains("Content-Security-Policy", page, StringComparison.Ordinal);
        Assert.Contains("<title>An MLP learns the moons · micrograd training</title>", page, StringComparison.Ordinal);
        Assert.Contains("\"steps\":100", page, StringComparison.Ordinal);
    }

    [Fact, Example("04-backprop-by-hand.cs")]
    public void Backpropagation_by_hand_equals_backward_bit_for_bit()
    {
        using var run = ExampleRun.Start("04-backprop-by-hand.cs");
        run.AssertAsExpected();
        Assert.Equal("0.0032642577695110885", run.After("dw0  = x0 · dp0        ="));
        Assert.Equal("7 of 7 gradients equal Backward()'s bit for bit; y equals too: True",
            run.Output.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("bit for bit", StringComparison.Ordinal)));
    }

    [Fact, Example("06-newton-hessian.cs")]
    public void Newton_steps_with_the_hessian_reach_the_minimum_squaring_the_error_and_draw_the_path()
    {
        using var run = ExampleRun.Start("06-newton-hessian.cs");
        run.AssertAsExpected();

        // f = e^(x+3y-0.1) + e^(x-3y-0.1) + e^(-x-0.1); ∇f = 0 gives y = 0 and 2e^(x-0.1) = e^(-x-0.1): x = -ln(2)/2
        double xMin = -Math.Log(2) / 2, fMin = 2 * Math.Sqrt(2) * Math.Exp(-0.1);
        // the first Newton step from (-1, 1), with f's gradient and Hessian by hand
        double x = -1, y = 1;
        double a = Math.Exp(x + 3 * y - 0.1), b = Math.Exp(x - 3 * y - 0.1), c = Math.Exp(-x - 0.1);
        double gx = a + b - c, gy = 3 * (a - b), hxx = a + b + c, hxy = 3 * (a - b), hyy = 9 * (a + b);
        var det = hxx * hyy - hxy * hxy;
        double x1 = x - (hyy * gx - hxy * gy) / det, y1 = y - (hxx * gy - hxy * gx) / det;

        var steps = run.Output.Split('\n').Where(l => l.StartsWith("Newton step ", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(',').Select(part => Number(part.Split('=')[1])).ToArray())
            .ToList();
        Assert.Equal(steps.Count, int.Parse(run.After("Newton steps to within 1e-12 of the minimum:"), CultureInfo.InvariantCulture));
        Assert.InRange(steps.Count, 3, 10);
        Assert.Equal(x1, steps[0][0], 1e-12);
        Assert.Equal(y1, steps[0][1], 1e-12);
        var last = steps[^1];
        Assert.Equal(xMin, last[0], 1e-12);
        Assert.Equal(0, last[1], 1e-12);
        Assert.Equal(fMin, last[2], 1e-12);
        for (var k = 0; k < steps.Count; k++)
            Assert.Equal(Math.Sqrt((steps[k][0] - xMin) * (steps[k][0] - xMin) + steps[k][1] * steps[k][1]), steps[k][3], 1e-12);
        // quadratic convergence: near the minimum each distance is at most a few times the square of the one before
        for (var k = 1; k < steps.Count; k++)
        {
            if (steps[k - 1][3] < 0.1 && steps[k][3] > 1e-15) Assert.True(steps[k][3] <= 10 * steps[k - 1][3] * steps[k - 1][3], $"step {k + 1}");
        }
        var descent = int.Parse(run.After("gradient descent steps (learning rate 0.03) to within 1e-12 of the minimum:"), CultureInfo.InvariantCulture);
        Assert.True(descent > 10 * steps.Count, $"gradient descent took {descent} steps");

        var svg = System.Xml.Linq.XDocument.Parse(run.FileText("06-newton-path.svg"));
        var newton = svg.Descendants().Single(e => e.Name.LocalName == "polyline" && (string?)e.Attribute("class") == "newton");
        Assert.Equal(steps.Count + 1, ((string)newton.Attribute("points")!).Split(' ').Length);
        var path = svg.Descendants().Single(e => e.Name.LocalName == "polyline" && (string?)e.Attribute("class") == "descent");
        Assert.Equal(descent + 1, ((string)path.Attribute("points")!).Split(' ').Length);
    }

    [Fact, Example("07-microgpt.cs")]
    public void The_gpt_of_values_gives_microgpts_losses_and_the_names_its_sampler_draws()
    {
        using var run = ExampleRun.Start("07-microgpt.cs");
        run.AssertAsExpected();
        Assert.Equal("32033 names, 27 tokens, 4192 parameters", run.Output.Split('\n')[0].Trim());
        // microgpt.py's own losses (CPython's run), at the steps the example prints, as it prints them
        foreach (var step in new[] { 1, 50, 100, 150, 200, 250, 300 })
            Assert.Equal(Microgpt.Default.Losses[step - 1].ToString("F4", CultureInfo.InvariantCulture), run.After($"step {step,3}: loss"));

        // the names: the same 300 steps here with the compiled engine, then the same draws
        var random = new Micrograd.NN.PythonRandom(42);
        var names = Microgpt.Names.ToList();
        random.Shuffle(names);
        var tokenizer = Micrograd.NN.Gpt.CharTokenizer.FromDocuments(names);
        var model = Micrograd.NN.Gpt.Gpt.Create(new Micrograd.NN.Gpt.GptConfig(), tokenizer.VocabularySize, random);
        var trainer = new Micrograd.NN.Gpt.GptTrainer(model, names.Select(tokenizer.EncodeDocument).ToList(), new Micrograd.NN.Gpt.GptAdam(model.Parameters.Count, 0.01, 1000));
        for (var step = 0; step < 300; step++) trainer.Step();
        var sampler = new Micrograd.NN.Gpt.GptSampler(model, tokenizer);
        for (var i = 1; i <= 10; i++) Assert.Equal(sampler.Sample(random, 0.5), run.After($"name {i,2}:"));
    }
}

/// <summary>Names the example file a test runs.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ExampleAttribute(string file) : Attribute
{
    public string File { get; } = file;
}
