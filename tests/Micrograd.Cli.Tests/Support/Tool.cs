using System.Diagnostics;
using Micrograd.Graphs;

namespace Micrograd.Cli.Tests.Support;

/// <summary>What a run of the tool printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";

    /// <summary>Bad input: exit code 2 and one line on stderr, starting "error: " and containing <paramref name="message"/>, no stack trace.</summary>
    public void AssertRefused(string message)
    {
        Assert.True(ExitCode == 2, ToString());
        Assert.StartsWith("error: ", Error);
        Assert.Single(Error.TrimEnd('\n').Split('\n'));
        Assert.Contains(message, Error);
        Assert.DoesNotContain("   at ", Error);
    }
}

/// <summary>Runs the tool in-process (fast) or as a real process (to see exactly what a user sees).</summary>
public static class Tool
{
    public static CliResult Run(params string[] args) => RunWith(null, args);

    /// <summary>Runs in-process, finding Graphviz's dot as <paramref name="graphviz"/> says (PATH when null).</summary>
    public static CliResult RunWith(GraphvizOptions? graphviz, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, new CliOutput(stdout, stderr, graphviz));
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs in-process with <paramref name="stdin"/> as the standard input.</summary>
    public static CliResult RunWithInput(string stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, new CliOutput(stdout, stderr) { In = new StringReader(stdin) });
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs <c>dotnet Micrograd.Cli.dll args…</c> from the test's output folder.</summary>
    public static CliResult RunProcess(params string[] args) => RunProcessWith(null, args);

    /// <summary>Runs <c>dotnet Micrograd.Cli.dll args…</c> with some environment variables replaced (such as PATH).</summary>
    public static CliResult RunProcessWith(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Start(environment, args);
        return Finish(process, $"micrograd {string.Join(' ', args)}");
    }

    /// <summary>Starts <c>dotnet Micrograd.Cli.dll args…</c> with its standard output and error redirected.</summary>
    public static Process Start(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ToolPath);
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return Process.Start(start)!;
    }

    /// <summary>Runs a bash command line in which <c>$MICROGRAD</c> is the tool (<c>dotnet …/Micrograd.Cli.dll</c>), as a user's
    /// shell would, for redirections and pipes.</summary>
    public static CliResult RunShell(string commandLine)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(commandLine);
        start.Environment["MICROGRAD"] = $"{DotnetHost()} {ToolPath}"; // word-split by bash: no spaces in these paths
        using var process = Process.Start(start)!;
        return Finish(process, commandLine);
    }

    /// <summary>Reads what a started process prints until it exits (killed after 120 s).</summary>
    private static CliResult Finish(Process process, string what)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{what} did not finish in 120 s");
        }
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string ToolPath => Path.Combine(AppContext.BaseDirectory, "Micrograd.Cli.dll");

    /// <summary>The dotnet executable running the tests (so that a child with another PATH still starts), else 'dotnet' from PATH.</summary>
    private static string DotnetHost()
    {
        var host = Environment.ProcessPath;
        return host is not null && Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? host : "dotnet";
    }
}
