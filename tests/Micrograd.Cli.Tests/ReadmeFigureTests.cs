using System.Xml.Linq;
using Micrograd.Cli.Tests.Support;
using Micrograd.Tests.Support;

namespace Micrograd.Cli.Tests;

/// <summary>The neuron picture committed for the README is what the tool draws today, made by the command the README names.</summary>
public class ReadmeFigureTests
{
    private const string Command = "dotnet run --project src/Micrograd.Cli -- neuron --svg docs/images/neuron.svg --rankdir TB";


    private static List<(string Id, string Texts)> Nodes(string svgPath)
    {
        XNamespace svg = "http://www.w3.org/2000/svg";
        return XDocument.Load(svgPath).Descendants(svg + "g")
            .Where(g => (string?)g.Attribute("class") == "node")
            .Select(g => ((string)g.Attribute("id")!, string.Join(" | ", g.Descendants(svg + "text").Select(t => t.Value.Trim()))))
            .ToList();
    }

    [Fact]
    public void The_readme_names_the_command_that_drew_the_committed_neuron_svg()
    {
        var root = Repository.Root;
        Assert.Contains(Command, File.ReadAllText(Path.Combine(root, "README.md")), StringComparison.Ordinal);
        Assert.Contains("docs/images/neuron.svg", File.ReadAllText(Path.Combine(root, "README.md")), StringComparison.Ordinal);

        RequireGraphviz.Dot();
        using var temp = new TempDirectory();
        var r = Tool.Run("neuron", "--svg", temp.File("neuron.svg"), "--rankdir", "TB");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(Nodes(temp.File("neuron.svg")), Nodes(Path.Combine(root, "docs", "images", "neuron.svg")));
    }
}
