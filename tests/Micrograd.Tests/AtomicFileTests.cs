using System.Net.Sockets;
using System.Text;

namespace Micrograd.Tests;

/// <summary>
/// AtomicFile asks libc's <c>stat</c> what a target is: a regular file is replaced through a temporary file, a device, pipe or
/// socket is written in place. The mode it reads must be the file's own (the <c>struct stat</c> layout of this platform), and
/// a file it replaces keeps its permissions.
/// </summary>
public class AtomicFileTests
{
    private const uint Regular = 0x8000, Folder = 0x4000, CharacterDevice = 0x2000, Pipe = 0x1000, Socket = 0xC000;

    [Fact]
    public void Stat_reads_the_type_and_the_permission_bits_that_the_runtime_reports()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return; // where stat's layout is known
        using var folder = new TempDirectory();
        var path = folder.Write("a.txt", "text");
        // 0600, 0754, 04711 and 02640: every permission bit and the set-id bits, which sit above them in st_mode
        foreach (var mode in new[] { 0x180, 0x1EC, 0x9C9, 0x5A0 })
        {
            File.SetUnixFileMode(path, (UnixFileMode)mode);
            Assert.Equal((int)File.GetUnixFileMode(path), mode);
            Assert.Equal(Regular | (uint)mode, AtomicFile.Mode(path));
        }
        Assert.Equal(Folder, AtomicFile.FileType(folder.Path));
        Assert.Equal(CharacterDevice, AtomicFile.FileType("/dev/null"));
        Assert.Null(AtomicFile.Mode(folder.File("missing")));
    }

    [Fact]
    public void Devices_pipes_and_sockets_are_special_with_their_links_followed_files_and_folders_are_not()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return; // where stat's layout is known
        using var folder = new TempDirectory();
        var file = folder.Write("a.txt", "text");
        var pipe = MakePipe(folder.File("pipe"));
        using var listener = new System.Net.Sockets.Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(folder.File("socket")));
        File.CreateSymbolicLink(folder.File("to-null"), "/dev/null");
        File.CreateSymbolicLink(folder.File("to-file"), file);

        Assert.Equal(Pipe, AtomicFile.FileType(pipe));
        Assert.Equal(Socket, AtomicFile.FileType(folder.File("socket")));
        Assert.Equal(CharacterDevice, AtomicFile.FileType(folder.File("to-null")));
        Assert.Equal(Regular, AtomicFile.FileType(folder.File("to-file")));
        foreach (var special in new[] { "/dev/null", pipe, folder.File("socket"), folder.File("to-null") })
            Assert.True(AtomicFile.IsSpecial(special), special);
        foreach (var plain in new[] { file, folder.File("to-file"), folder.Path, folder.File("missing") })
            Assert.False(AtomicFile.IsSpecial(plain), plain);
    }

    [Fact]
    public async Task A_pipe_is_written_in_place_and_stays_a_pipe()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return; // where stat's layout is known
        using var folder = new TempDirectory();
        var pipe = MakePipe(folder.File("pipe"));
        var reader = Task.Run(() => File.ReadAllText(pipe));
        AtomicFile.WriteAllText(pipe, "through the pipe\n");
        Assert.Equal("through the pipe\n", await reader.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(Pipe, AtomicFile.FileType(pipe));
        Assert.Equal(["pipe"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_replaced_file_keeps_its_permissions_and_a_link_to_it_stays_a_link()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return; // where stat's layout is known
        using var folder = new TempDirectory();
        var file = folder.Write("a.txt", "old");
        File.SetUnixFileMode(file, (UnixFileMode)0x1A0); // 0640
        var link = folder.File("link");
        File.CreateSymbolicLink(link, file);

        AtomicFile.WriteAllText(link, "new");

        Assert.Equal("new", File.ReadAllText(file));
        Assert.Equal(Regular | 0x1A0u, AtomicFile.Mode(file));
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal(["a.txt", "link"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_write_that_fails_part_way_leaves_the_old_file_and_no_temporary_file()
    {
        using var folder = new TempDirectory();
        var file = folder.Write("a.txt", "the old file\n");
        using (AtomicFile.WrapStreamsForTests(s => new FailingStream(s, 10)))
        {
            var e = Assert.Throws<IOException>(() => AtomicFile.WriteAllBytes(file, Encoding.UTF8.GetBytes(new string('x', 100))));
            Assert.Equal("No space left on device", e.Message);
        }
        Assert.Equal("the old file\n", File.ReadAllText(file));
        Assert.Equal(["a.txt"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_failed_fsync_leaves_the_old_file_and_no_temporary_file()
    {
        // .NET's Flush(true) ignores a failed fsync on Linux: the file was renamed into place as if it were on disk
        if (OperatingSystem.IsWindows()) return; // fsync is a Unix call
        using var folder = new TempDirectory();
        var file = folder.Write("a.txt", "the old file\n");
        using (AtomicFile.FailSyncForTests(5)) // EIO
        {
            var e = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(file, "new"));
            Assert.Contains("Input/output error", e.Message);
            Assert.DoesNotContain(".tmp", e.Message);
        }
        Assert.Equal("the old file\n", File.ReadAllText(file));
        Assert.Equal(["a.txt"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
        AtomicFile.WriteAllText(file, "new"); // and without the failure, the file is written
        Assert.Equal("new", File.ReadAllText(file));
    }

    [Fact]
    public void A_name_of_NAME_MAX_bytes_is_written_through_a_temporary_name_that_fits()
    {
        if (OperatingSystem.IsWindows()) return; // NAME_MAX in bytes
        using var folder = new TempDirectory();
        foreach (var name in new[] { new string('a', 255), new string('é', 127) + "a", "a" + string.Concat(Enumerable.Repeat("😀", 63)) + "bc" })
        {
            Assert.Equal(255, Encoding.UTF8.GetByteCount(name));
            AtomicFile.WriteAllText(folder.File(name), "first");
            AtomicFile.WriteAllText(folder.File(name), "second");
            Assert.Equal("second", File.ReadAllText(folder.File(name)));
        }
        Assert.Equal(3, Directory.GetFileSystemEntries(folder.Path).Length);
    }

    /// <summary>A named pipe, made by mkfifo(1) (.NET has no call for it).</summary>
    private static string MakePipe(string path)
    {
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }
}
