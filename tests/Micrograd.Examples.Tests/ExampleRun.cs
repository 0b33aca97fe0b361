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
    /// fresh working folder, as <c>dotnet run examples/NAME</c> would.</summary>
    public static ExampleRun Start(string name)
    {
        var run = new ExampleRun(name);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = run.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "run", "-c", "Release", Repository.File("examples/" + name) }) start.ArgumentList.Add(arg);
        // The test host runs under MSBuild's environment; a nested build must not inherit it.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k == "MSBuildExtensionsPath" || k == "MSBuildSDKsPath").ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        run.Output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        run.ExitCode = process.ExitCode;
        if (run.ExitCode != 0) run.Output += "\n[stderr]\n" + stderr.Result;
        return run;
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
