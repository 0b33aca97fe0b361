using System.Diagnostics;

namespace Micrograd.Examples.Tests;

/// <summary>One example run with <c>dotnet run FILE.cs</c> in a folder of its own: what it printed and wrote.</summary>
public sealed class ExampleRun : IDisposable
{
    private readonly TempDirectory _folder = new();

    private ExampleRun(string name) => Name = name;

    public string Name { get; }

    public int ExitCode { get; private set; }

    public string Output { get; private set; } = "";

    public string Folder => _folder.Path;

    /// <summary>Runs examples/<paramref name="name"/> in Release (so that it never races the Debug build of the tests), with a
    /// fresh working folder, as <c>dotnet run examples/NAME</c> would: against the source (examples/Directory.Build.targets
    /// makes each <c>#:package</c> of the repository's a reference to its project).</summary>
    public static ExampleRun Start(string name)
    {
        var run = new ExampleRun(name);
        var (exitCode, output, error) = Dotnet(run.Folder, "run", "-c", "Release", Repository.File("examples/" + name));
        run.ExitCode = exitCode;
        run.Output = exitCode == 0 ? output : output + "\n[stderr]\n" + error;
        return run;
    }

    /// <summary>Runs <c>dotnet</c> with <paramref name="args"/> in <paramref name="folder"/>: its exit code, output and errors.</summary>
    public static (int ExitCode, string Output, string Error) Dotnet(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // The test host runs under MSBuild's environment; a nested build must not inherit it.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k == "MSBuildExtensionsPath" || k == "MSBuildSDKsPath").ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    /// <summary>The example exited with 0, printed every line of its examples/expected/NAME.txt and wrote each file it lists
    /// (what .ci/package-check checks when it runs the example from the packages).</summary>
    public void AssertAsExpected()
    {
        Assert.True(ExitCode == 0, ToString());
        var expected = ExpectedOutput.Of(Name);
        var lines = Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        foreach (var line in expected.Lines)
        {
            Assert.True(lines.Exists(l => ExpectedOutput.Matches(line, l)), $"{Name} printed no line '{line}' ({ExpectedOutput.PathOf(Name)}):\n{Output}");
        }
        foreach (var file in expected.Files)
        {
            Assert.True(new FileInfo(Written(file)).Length > 0, $"{Name} wrote an empty {file}");
        }
    }

    /// <summary>The text after <paramref name="prefix"/> on the line that starts with it.</summary>
    public string After(string prefix)
    {
        var line = Output.Split('\n').Select(l => l.TrimEnd('\r').TrimStart()).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(line is not null, $"{Name} printed no line starting '{prefix}':\n{Output}");
        return line[prefix.Length..].Trim();
    }

    public string FileText(string name) => File.ReadAllText(Written(name));

    public byte[] FileBytes(string name) => File.ReadAllBytes(Written(name));

    private string Written(string name)
    {
        var path = Path.Combine(Folder, name);
        Assert.True(File.Exists(path), $"{Name} did not write {name}:\n{Output}");
        return path;
    }

    public override string ToString() => $"{Name} exited {ExitCode}:\n{Output}";

    public void Dispose() => _folder.Dispose();
}
