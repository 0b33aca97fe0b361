namespace Micrograd.Cli.Tests;

/// <summary>
/// The tool compiles its own copy of AtomicFile (Micrograd.Shared.AtomicFile), as Micrograd.Plots and Micrograd.Onnx do,
/// rather than reading the core's internals; the copies share one list of temporary files, so that the tool's Ctrl-C
/// deletes the temporary file of a model that the core is saving. Alone in its collection, run with no other test at the
/// same time: deleting every pending temporary file of the process would break the outputs other tests are writing.
/// </summary>
[Collection(Name)]
public class SharedAtomicFileTests
{
    public const string Name = "Deletes every pending temporary file";

    [Fact]
    public void The_tools_copy_deletes_a_temporary_file_that_the_cores_copy_is_writing()
    {
        Assert.NotSame(typeof(AtomicFile).Assembly, typeof(Micrograd.Shared.AtomicFile).Assembly);
        using var folder = new TempDirectory();
        using var writing = AtomicFile.Create(folder.File("model.json"));
        Assert.True(File.Exists(writing.TemporaryPath));

        Micrograd.Shared.AtomicFile.DeleteAllPending(); // what the tool does on a second Ctrl-C

        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }
}

[CollectionDefinition(SharedAtomicFileTests.Name, DisableParallelization = true)]
public sealed class SharedAtomicFileCollection;
