using Micrograd.Cli;

namespace Micrograd.Explorer.Tests.Gpt;

/// <summary>
/// The default run's page as a user makes it, <c>micrograd gpt --samples 1 --html run.html --log run.jsonl</c>, made once for
/// the test run (the tests that read it leave it as it is), in a folder deleted when the run ends.
/// </summary>
internal static class DefaultGptPage
{
    private static readonly TempDirectory s_folder = new();
    private static readonly Lazy<(string Page, string Log)> s_files = new(Make);

    static DefaultGptPage() => AppDomain.CurrentDomain.ProcessExit += (_, _) => s_folder.Dispose();

    /// <summary>The page.</summary>
    public static string Page => s_files.Value.Page;

    /// <summary>The run's log: each step's loss, as JSON lines.</summary>
    public static string Log => s_files.Value.Log;

    private static (string, string) Make()
    {
        var page = s_folder.File("run.html");
        var log = s_folder.File("run.jsonl");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(["gpt", "--samples", "1", "--html", page, "--log", log], stdout, stderr);
        Assert.True(code == 0, $"gpt exited {code}:\n{stdout}\n{stderr}");
        return (page, log);
    }
}
