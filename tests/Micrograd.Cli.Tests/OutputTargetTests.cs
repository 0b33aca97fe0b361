using System.Text;
using Micrograd.Cli.Tests.Support;

namespace Micrograd.Cli.Tests;

/// <summary>
/// What an output can be, and what replacing it keeps: a failed fsync keeps the old file; a file replaced by root keeps its
/// owner; a name as long as the system allows can be written; a name that is not UTF-8, a write-protected file, another
/// user's file, a loop of symbolic links and a named pipe that nobody reads are refused before any work, with a reason.
/// </summary>
public class OutputTargetTests
{
    private const int InputOutputError = 5; // EIO

    /// <summary>The folder holds exactly these files (no temporary file left behind).</summary>
    private static void AssertOnlyFiles(TempDirectory folder, params string[] names) =>
        Assert.Equal(names.Order(), Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order());

    private static string[] Arguments(string command, string option, string path) => command switch
    {
        "train" => ["train", "--steps", "3", "--samples", "20", option, path],
        "grad" => ["grad", "x*y", "x=1", "y=2", option, path],
        "export" => ["export", "x*y", "x=1", "y=2", option, path],
        _ => throw new ArgumentException(command),
    };

    [Theory]
    [InlineData("train", "--save", "m.json")]
    [InlineData("train", "--log", "log.jsonl")]
    [InlineData("train", "--plot", "p.png")]
    [InlineData("grad", "--dot", "g.dot")]
    [InlineData("export", "--onnx", "e.onnx")]
    public void A_failed_fsync_keeps_the_old_file_names_the_users_file_and_exits_2(string command, string option, string name)
    {
        // .NET's Flush(true) ignores a failed fsync on Linux: the data may never reach the disk, yet the old file was replaced
        using var folder = new TempDirectory();
        var path = folder.Write(name, "the old file\n");
        CliResult r;
        using (AtomicFile.FailSyncForTests(InputOutputError)) r = Tool.Run(Arguments(command, option, path));
        r.AssertRefused($"cannot write {option}");
        Assert.Contains($"'{path}': ", r.Error);
        Assert.Contains("Input/output error", r.Error);
        Assert.DoesNotContain(".tmp", r.Error);
        Assert.Equal("the old file\n", File.ReadAllText(path));
        AssertOnlyFiles(folder, name);
    }

    [Fact]
    public void A_file_that_root_replaces_keeps_its_owner_group_and_permissions()
    {
        if (!Unix.IsRoot) return; // only root can replace another user's file (CI runs as root)
        using var folder = new TempDirectory();
        var save = folder.Write("m.json", "theirs");
        var log = folder.Write("log.jsonl", "theirs");
        File.SetUnixFileMode(save, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Unix.Run("chown", $"{Unix.Nobody}:{Unix.Nobody}", save);
        Unix.Run("chown", $"{Unix.Nobody}:0", log);

        var r = Tool.Run("train", "--steps", "2", "--samples", "20", "--save", save, "--log", log);

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.StartsWith("{", File.ReadAllText(save));
        Assert.Equal($"{Unix.Nobody}:{Unix.Nobody} 600", Unix.OwnerAndMode(save));
        Assert.StartsWith("{\"step\": 1,", File.ReadAllText(log));
        Assert.Equal($"{Unix.Nobody}:0 644", Unix.OwnerAndMode(log));
    }

    [Theory]
    [InlineData('a', 250)]
    [InlineData('é', 125)] // two bytes each in UTF-8: the temporary name must not cut one in half
    public void A_name_of_255_bytes_the_longest_the_system_allows_can_be_written_and_replaced(char letter, int count)
    {
        if (OperatingSystem.IsWindows()) return; // NAME_MAX in bytes
        using var folder = new TempDirectory();
        var stem = new string(letter, count);
        Assert.Equal(255, Encoding.UTF8.GetByteCount(stem + ".json"));
        var log = folder.Write(stem + ".logs", "the old log\n");

        var r = Tool.Run("train", "--steps", "2", "--samples", "20", "--save", folder.File(stem + ".json"), "--log", log);

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.StartsWith("{", File.ReadAllText(folder.File(stem + ".json")));
        Assert.StartsWith("{\"step\": 1,", File.ReadAllText(log));
        AssertOnlyFiles(folder, stem + ".json", stem + ".logs");
    }

    [Fact]
    public void A_name_that_is_not_utf8_is_refused_rather_than_turned_into_another_name()
    {
        // the runtime reads the byte 0xFF of an argument as U+FFFD, so m\xff.json and m\xfe.json would both write m\uFFFD.json
        if (OperatingSystem.IsWindows()) return;
        using var folder = new TempDirectory();
        var other = folder.Write("m\uFFFD.json", "another file");
        var r = Tool.RunShell($"cd '{folder.Path}' && $MICROGRAD train --steps 2 --samples 20 --save $'m\\xff.json'");
        r.AssertRefused("cannot write --save");
        Assert.Contains("not valid UTF-8", r.Error);
        Assert.Equal("", r.Out);
        Assert.Equal("another file", File.ReadAllText(other));
        Assert.Single(Directory.GetFiles(folder.Path));

        var input = Tool.RunShell($"cd '{folder.Path}' && $MICROGRAD train --data $'d\\xff.csv'");
        input.AssertRefused("not valid UTF-8");
    }

    [Fact]
    public void A_write_protected_file_or_another_users_file_is_refused_before_any_work_as_cp_refuses_it()
    {
        if (OperatingSystem.IsWindows()) return;
        using var folder = new TempDirectory();
        var protectedFile = folder.Write("protected.json", "kept");
        File.SetUnixFileMode(protectedFile, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead); // 444
        if (!Unix.IsRoot)
        {
            // the user's own file: root may write anything, so as root the same case runs as nobody below
            Tool.Run("train", "--steps", "2", "--samples", "20", "--save", protectedFile).AssertRefused($"cannot write --save '{protectedFile}': permission denied");
            Assert.Equal("kept", File.ReadAllText(protectedFile));
            return;
        }

        // as nobody, in a folder that anyone may write: nobody's write-protected file, and root's file (644)
        File.SetUnixFileMode(folder.Path, (UnixFileMode)0x1FF); // 777
        Unix.Run("chown", $"{Unix.Nobody}:{Unix.Nobody}", protectedFile);
        var rootsFile = folder.Write("roots.json", "kept");
        var nobodysFile = folder.Write("nobodys.json", "replaced");
        Unix.Run("chown", $"{Unix.Nobody}:{Unix.Nobody}", nobodysFile);
        foreach (var refused in new[] { protectedFile, rootsFile })
        {
            var r = Tool.RunShell($"setpriv --reuid={Unix.Nobody} --regid={Unix.Nobody} --clear-groups $MICROGRAD train --steps 2 --samples 20 --save '{refused}'");
            r.AssertRefused($"cannot write --save '{refused}': permission denied");
            Assert.Equal("", r.Out);
            Assert.Equal("kept", File.ReadAllText(refused));
        }
        var allowed = Tool.RunShell($"setpriv --reuid={Unix.Nobody} --regid={Unix.Nobody} --clear-groups $MICROGRAD train --steps 2 --samples 20 --save '{nobodysFile}'");
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.StartsWith("{", File.ReadAllText(nobodysFile));
        AssertOnlyFiles(folder, "protected.json", "roots.json", "nobodys.json");
    }

    [Fact]
    public void A_loop_of_symbolic_links_is_refused_before_any_work()
    {
        if (OperatingSystem.IsWindows()) return;
        using var folder = new TempDirectory();
        File.CreateSymbolicLink(folder.File("self.json"), folder.File("self.json"));
        File.CreateSymbolicLink(folder.File("a.json"), folder.File("b.json"));
        File.CreateSymbolicLink(folder.File("b.json"), folder.File("a.json"));
        foreach (var loop in new[] { "self.json", "a.json" })
        {
            var r = Tool.Run("train", "--steps", "2", "--samples", "20", "--save", folder.File(loop));
            r.AssertRefused($"cannot write --save '{folder.File(loop)}': it is a loop of symbolic links");
            Assert.Equal("", r.Out);
        }
    }

    [Fact]
    public void A_named_pipe_that_nobody_reads_is_refused_before_any_work()
    {
        // opening it for writing would wait for a reader forever, after the training
        if (OperatingSystem.IsWindows()) return;
        using var folder = new TempDirectory();
        var pipe = Unix.MakePipe(folder.File("pipe"));
        var r = Tool.RunProcess("train", "--steps", "2", "--samples", "20", "--save", pipe);
        r.AssertRefused($"cannot write --save '{pipe}': no process is reading it");
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void A_named_pipe_with_a_reader_gets_the_model()
    {
        if (OperatingSystem.IsWindows()) return;
        using var folder = new TempDirectory();
        var pipe = Unix.MakePipe(folder.File("pipe"));
        var r = Tool.RunShell($"cd '{folder.Path}' && {{ cat pipe > got.json & }} && $MICROGRAD train --steps 2 --samples 20 --save pipe; code=$?; wait; echo \"exit $code\"");
        Assert.True(r.Out.EndsWith("exit 0\n", StringComparison.Ordinal), r.ToString());
        Assert.Equal(2, Micrograd.NN.ModelFile.Load(folder.File("got.json")).InputCount);
    }
}
