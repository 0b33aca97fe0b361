using Micrograd.NN;

namespace Micrograd.Tests.NN;

public class ActivationTests
{
    public static TheoryData<double> Points => new() { 0.0, -0.0, 1.5, -2.25, 400, -400, 800, -800, double.PositiveInfinity, double.NegativeInfinity, double.NaN };

    [Theory]
    [MemberData(nameof(Points))]
    public void The_plain_number_form_equals_the_graph_node_for_every_activation(double x)
    {
        foreach (var a in Activations.All)
        {
            var node = a.Apply(new Value(x)).Data;
            Assert.Equal(BitConverter.DoubleToInt64Bits(node), BitConverter.DoubleToInt64Bits(a.Apply(x)));
        }
    }

    [Fact]
    public void Each_activation_is_the_expected_op()
    {
        var x = new Value(0.5);
        Assert.Same(x, Activation.Linear.Apply(x));
        Assert.Equal("relu", Activation.Relu.Apply(x).Op);
        Assert.Equal("tanh", Activation.Tanh.Apply(x).Op);
        Assert.Equal("sigmoid", Activation.Sigmoid.Apply(x).Op);
        Assert.Equal(0.0, Activation.Relu.Apply(-3.0));
        Assert.Equal(Math.Tanh(0.5), Activation.Tanh.Apply(0.5));
    }

    [Fact]
    public void Names_parse_back_and_unknown_names_are_refused()
    {
        foreach (var a in Activations.All) Assert.Equal(a, Activations.Parse(a.Name()));
        Assert.Equal(Activation.Relu, Activations.Parse(" ReLU "));
        Assert.False(Activations.TryParse("softmax", out _));
        Assert.False(Activations.TryParse(null, out _));
        Assert.Contains("expected linear, relu, tanh, sigmoid", Assert.Throws<FormatException>(() => Activations.Parse("elu")).Message);
    }
}
