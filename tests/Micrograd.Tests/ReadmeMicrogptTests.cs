namespace Micrograd.Tests;

/// <summary>The README's "From micrograd to microgpt": its C# is Readme/MicrogptByHand.cs exactly, and gives microgpt.py's
/// first name; the names and the first loss its output shows are microgpt.py's.</summary>
public class ReadmeMicrogptTests
{
    private static string Readme => File.ReadAllText(Repository.File("README.md")).ReplaceLineEndings("\n");

    [Fact]
    public void The_readme_shows_the_example_file_and_it_gives_microgpts_first_name()
    {
        var example = File.ReadAllText(Repository.File("tests/Micrograd.Tests/Readme/MicrogptByHand.cs")).ReplaceLineEndings("\n");
        Assert.Contains("```csharp\n" + example + "```\n", Readme, StringComparison.Ordinal);
        Assert.Equal(Microgpt.Default.Samples[0], MicrogptByHand.FirstName(Microgpt.NamesPath));
    }

    [Fact]
    public void The_output_the_readme_shows_is_microgpts()
    {
        var section = Readme[Readme.IndexOf("## From micrograd to microgpt", StringComparison.Ordinal)..];
        foreach (var i in new[] { 1, 2, 3, 20 })
            Assert.Contains($"sample {i,2}: {Microgpt.Default.Samples[i - 1]}\n", section, StringComparison.Ordinal);
        Assert.Contains($"step 1/1000  loss {Microgpt.Default.Losses[0].ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}  lr 0.01\n", section, StringComparison.Ordinal);
    }
}
