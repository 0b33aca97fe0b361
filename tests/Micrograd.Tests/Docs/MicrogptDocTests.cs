using System.Globalization;

namespace Micrograd.Tests.Docs;

/// <summary>docs/microgpt.md, "From micrograd to microgpt": its C# is Snippets/MicrogptByHand.cs exactly, and gives microgpt.py's
/// first name; the names and the losses its output shows are microgpt.py's, and so are those of the README's tour.</summary>
public class MicrogptDocTests
{
    private static string Read(string path) => File.ReadAllText(Repository.File(path)).ReplaceLineEndings("\n");

    private static string Loss(int step) => Microgpt.Default.Losses[step - 1].ToString("G6", CultureInfo.InvariantCulture);

    [Fact]
    public void The_page_shows_the_example_file_and_it_gives_microgpts_first_name()
    {
        var example = Read("tests/Micrograd.Tests/Docs/Snippets/MicrogptByHand.cs");
        Assert.Contains("```csharp\n" + example + "```\n", Read("docs/microgpt.md"), StringComparison.Ordinal);
        Assert.Equal(Microgpt.Default.Samples[0], MicrogptByHand.FirstName(Microgpt.NamesPath));
    }

    [Fact]
    public void The_output_the_page_shows_is_microgpts()
    {
        var page = Read("docs/microgpt.md");
        foreach (var i in new[] { 1, 2, 3, 20 })
            Assert.Contains($"sample {i,2}: {Microgpt.Default.Samples[i - 1]}\n", page, StringComparison.Ordinal);
        Assert.Contains($"step 1/1000  loss {Loss(1)}  lr 0.01\n", page, StringComparison.Ordinal);
        Assert.Contains($"step 1000/1000  loss {Loss(1000)}  lr 1E-05\n", page, StringComparison.Ordinal);
    }

    [Fact]
    public void The_output_the_readmes_tour_shows_is_microgpts()
    {
        var tour = Read("README.md");
        tour = tour[tour.IndexOf("$ micrograd gpt\n", StringComparison.Ordinal)..];
        Assert.Contains($"step 1000/1000  loss {Loss(1000)}  lr 1E-05\n", tour, StringComparison.Ordinal);
        Assert.Contains($"sample  1: {Microgpt.Default.Samples[0]}\n", tour, StringComparison.Ordinal);
    }
}
