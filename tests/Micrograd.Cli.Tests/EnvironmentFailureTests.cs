using System.Text.Json;
using Micrograd.Cli.Tests.Support;

namespace Micrograd.Cli.Tests;

/// <summary>Failures of the machine rather than the tool (a full disk under stdout, a run too large for memory): one line, exit code 2.</summary>
public class EnvironmentFailureTests
{
    /// <summary>A writer whose every write fails with <paramref name="failure"/>: as the tool's standard output under
    /// <c>micrograd … &gt; /dev/full</c> (<see cref="Io.StandardOutputException"/>), or failing otherwise.</summary>
    private sealed class FailingWriter(Func<IOException> failure) : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => throw failure();
    }

    [Fact]
    public void An_unwritable_standard_output_is_reported_in_one_line_with_exit_code_2()
    {
        var stderr = new StringWriter();
        var code = CliApp.Run(["grad", "x", "x=1"], new FailingWriter(() => new Io.StandardOutputException("No space left on device")), stderr);
        Assert.Equal(2, code);
        Assert.Equal("error: cannot write the standard output: No space left on device\n", stderr.ToString());
    }

    [Fact]
    public void An_input_or_output_failure_not_of_the_standard_output_is_not_reported_as_one()
    {
        // every file is reported by name where it is used; an I/O failure that no command named is reported as it is
        var stderr = new StringWriter();
        var code = CliApp.Run(["grad", "x", "x=1"], new FailingWriter(() => new IOException("Input/output error")), stderr);
        Assert.Equal(2, code);
        Assert.Equal("error: an input or output failed: Input/output error\n", stderr.ToString());
    }

    [Fact]
    public void A_network_too_large_for_memory_is_refused_in_one_line_with_exit_code_2()
    {
        // 10^10 weights: with the GC heap capped (256 MiB here, to be quick) the allocation fails as an OutOfMemoryException,
        // rather than the machine running out of memory and the kernel killing the process
        var r = Tool.RunProcessWith(new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x10000000" },
            "train", "--hidden", "100000,100000", "--steps", "1");
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.StartsWith("error: out of memory", r.Error);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void The_tool_caps_its_heap_so_that_running_out_of_memory_is_an_error_not_a_killed_process()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Micrograd.Cli.runtimeconfig.json")));
        var percent = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").GetProperty("System.GC.HeapHardLimitPercent").GetInt32();
        Assert.InRange(percent, 50, 90);
    }
}
