using Micrograd.NN;

namespace Micrograd.Plots.Tests;

public class DecisionGridTests
{
    [Fact]
    public void Each_cell_holds_the_models_score_at_its_centre_row_zero_at_the_top()
    {
        var data = DataGenerators.Moons(40, 0.1, new Random(1));
        var model = new Mlp(2, [5, 1], new Random(2), Activation.Tanh);
        var grid = DecisionGrid.Compute(model, data, resolution: 20);
        Assert.False(grid.IsClassIndex);
        Assert.Equal(20, grid.Values.GetLength(0));
        Assert.Equal(20, grid.Values.GetLength(1));
        for (var r = 0; r < 20; r += 7)
        {
            for (var c = 0; c < 20; c += 5)
            {
                double[] centre = [grid.Left + (c + 0.5) * (grid.Right - grid.Left) / 20, grid.Top - (r + 0.5) * (grid.Top - grid.Bottom) / 20];
                Assert.Equal(model.Evaluate(centre)[0], grid.Values[r, c]);
            }
        }
    }

    [Fact]
    public void The_grid_covers_the_data_with_a_margin()
    {
        var data = new Dataset([[0.0, 10.0], [2.0, 20.0]], [1.0, -1.0]);
        var grid = DecisionGrid.Compute(new Mlp(2, [1], new Random(1)), data, resolution: 4);
        Assert.Equal(-0.3, grid.Left, 12);
        Assert.Equal(2.3, grid.Right, 12);
        Assert.Equal(8.5, grid.Bottom, 12);
        Assert.Equal(21.5, grid.Top, 12);
    }

    [Fact]
    public void Several_outputs_give_the_index_of_the_largest()
    {
        // outputs x1, -x1: class 0 on the right, class 1 on the left
        var model = new Mlp(2, [new Layer([new Neuron([1.0, 0.0], 0, Activation.Linear), new Neuron([-1.0, 0.0], 0, Activation.Linear)])]);
        var data = new Dataset([[-1.0, -1.0], [1.0, 1.0]], [0.0, 1.0]);
        var grid = DecisionGrid.Compute(model, data, resolution: 10);
        Assert.True(grid.IsClassIndex);
        Assert.Equal(1.0, grid.Values[5, 0]);
        Assert.Equal(0.0, grid.Values[5, 9]);
    }

    [Fact]
    public void Data_without_two_features_is_refused()
    {
        var data = new Dataset([[1.0, 2.0, 3.0]], [1.0]);
        var e = Assert.Throws<ArgumentException>(() => DecisionGrid.Compute(new Mlp(3, [1], new Random(1)), data));
        Assert.Contains("needs two features", e.Message);
    }
}
