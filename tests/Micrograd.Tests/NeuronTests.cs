namespace Micrograd.Tests;

/// <summary>The seed notebook's neuron, y = tanh(w0*x0 + w1*x1 + w2*x2 + b), with gradients computed by PyTorch.</summary>
public class NeuronTests
{
    private static (Value Y, Dictionary<string, Value> Leaves) Neuron()
    {
        var y = Graphs.SeedGraphs.Neuron();
        return (y, y.TopologicalOrder().Where(v => v.IsLeaf).ToDictionary(v => v.Label));
    }

    [Fact]
    public void Forward_matches_the_seed_exactly()
    {
        var (y, _) = Neuron();
        Assert.Equal(0.9989793986334531, y.Data);
        Assert.Equal("tanh", y.Op);
    }

    [Theory]
    [InlineData("w0", 0.0032642577695110885)]
    [InlineData("x0", 0.0026522094377277594)]
    [InlineData("w1", 0.0016321288847555443)]
    [InlineData("x1", 0.002448193327133316)]
    [InlineData("w2", 0.0010200805529722151)]
    [InlineData("x2", 0.0022441772165388736)]
    [InlineData("b", 0.0020401611059444303)]
    public void Gradients_match_PyTorch(string leaf, double expected)
    {
        var (y, leaves) = Neuron();
        y.Backward();
        Assert.Equal(expected, leaves[leaf].Grad); // bit for bit: tanh's 1 - y² is fused, as PyTorch computes it
        Assert.Equal(1.0, y.Grad);
    }
}
