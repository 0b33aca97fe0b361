using System.Diagnostics;
using System.Runtime.Versioning;

namespace Micrograd.Cli.Tests.Support;

/// <summary>Small Unix commands for tests: who runs them, a file's owner, a named pipe, a process's state.</summary>
public static class Unix
{
    /// <summary>The user nobody (65534), whom a test running as root becomes to see what another user sees.</summary>
    public const int Nobody = 65534;

    /// <summary>True when the tests run as root (as CI does); never on Windows.</summary>
    [UnsupportedOSPlatformGuard("windows")]
    public static bool IsRoot => !OperatingSystem.IsWindows() && Run("id", "-u") == "0";

    /// <summary>Runs a program and returns its standard output, trimmed; fails the test when it fails.</summary>
    public static string Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)}: exit {process.ExitCode}: {error.Result}");
        return output.Result.Trim();
    }

    /// <summary>A named pipe, made by mkfifo(1) (.NET has no call for it).</summary>
    public static string MakePipe(string path)
    {
        Run("mkfifo", path);
        return path;
    }

    /// <summary>A file's owner, group and permissions, as <c>stat -c '%u:%g %a'</c> prints them: <c>65534:65534 600</c>.</summary>
    public static string OwnerAndMode(string path) => Run("stat", "-c", "%u:%g %a", path);

    /// <summary>True while process <paramref name="pid"/> runs: it exists and is not a zombie, dead and waiting to be reaped.</summary>
    public static bool IsRunning(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        // pid (name) state …: the name may hold spaces and parentheses, the state follows the last ')'
        var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
        return state is not ("Z" or "X");
    }
}
