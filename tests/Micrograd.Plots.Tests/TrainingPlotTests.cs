using Micrograd.NN;

namespace Micrograd.Plots.Tests;

public class TrainingPlotTests
{
    /// <summary>A linear model scoring x1: negative (red) on the left, positive (blue) on the right.</summary>
    private static Mlp ScoreIsX1() => new(2, [new Layer([new Neuron([1.0, 0.0], 0.0, Activation.Linear)])]);

    [Fact]
    public void The_decision_panel_is_red_where_the_score_is_negative_and_blue_where_positive()
    {
        // blobs sit bottom-left and top-right: the other two corners are empty
        var data = DataGenerators.Blobs(40, 0.2, new Random(1));
        var plot = TrainingPlot.DecisionPlot(ScoreIsX1(), data, "test");
        using var image = plot.GetImage(500, 400);
        var rgb = image.GetArrayRGB();
        var grid = DecisionGrid.Compute(ScoreIsX1(), data);

        var topLeft = plot.GetPixel(new ScottPlot.Coordinates(grid.Left + 0.2, grid.Top - 0.2));
        var bottomRight = plot.GetPixel(new ScottPlot.Coordinates(grid.Right - 0.2, grid.Bottom + 0.2));
        var (r1, _, b1) = Pixel(rgb, topLeft);
        var (r2, _, b2) = Pixel(rgb, bottomRight);
        Assert.True(r1 > b1 + 25, $"top left should be red, is ({r1}, {b1})");
        Assert.True(b2 > r2 + 25, $"bottom right should be blue, is ({r2}, {b2})");
    }

    [Fact]
    public void SavePng_writes_a_png_of_the_requested_size_headless()
    {
        var data = DataGenerators.Moons(30, 0.1, new Random(2));
        // a steep score (4·x1), so that most of the panel is strongly shaded
        var model = new Mlp(2, [new Layer([new Neuron([4.0, 0.0], -2.0, Activation.Linear)])]);
        var trainer = new Trainer(new EagerEngine(new Objective(model, Loss.Hinge)), new Sgd(model.Parameters, LearningRateSchedule.Constant(0.1)), BatchSampler.Full(data));
        var history = trainer.Run(10);
        var path = Path.Combine(Path.GetTempPath(), $"micrograd-plot-{Guid.NewGuid():N}.png");
        try
        {
            TrainingPlot.SavePng(path, model, data, history, "moons", 900, 400);
            using var image = new ScottPlot.Image(path);
            Assert.Equal(900, image.Width);
            Assert.Equal(400, image.Height);
            // the left half holds the shaded decision regions: many pixels that are neither white nor grey
            var coloured = ColouredSamples(image, 50, 350, 60, 440);
            Assert.True(coloured > 300, $"only {coloured} coloured samples in the decision panel");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_empty_history_still_draws()
    {
        var data = DataGenerators.Circles(20, 0.05, new Random(2));
        var path = Path.Combine(Path.GetTempPath(), $"micrograd-plot-{Guid.NewGuid():N}.png");
        try
        {
            // a steep score (4·x1), so that the regions are strongly shaded
            TrainingPlot.SavePng(path, new Mlp(2, [new Layer([new Neuron([4.0, 0.0], 0.0, Activation.Linear)])]), data, []);
            Assert.Equal((1200, 520), Png.Size(path));
            using var image = new ScottPlot.Image(path);
            Assert.True(ColouredSamples(image, 60, 460, 80, 560) > 300, "the decision regions are drawn");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_diverged_run_still_draws(double bad)
    {
        // what `train --lr 1e308` leaves: non-finite weights (so non-finite scores everywhere) and non-finite losses
        var data = DataGenerators.Moons(20, 0.1, new Random(3));
        var model = new Mlp(2, [new Layer([new Neuron([bad, 1.0], 0.0, Activation.Linear)])]);
        TrainingStep[] history = [new(0, 0.9, 0.5, 1.0), new(1, bad, 0.5, 1.0), new(2, double.NaN, 0.5, 1.0)];
        var path = Path.Combine(Path.GetTempPath(), $"micrograd-plot-{Guid.NewGuid():N}.png");
        try
        {
            TrainingPlot.SavePng(path, model, data, history);
            Assert.Equal((1200, 520), Png.Size(path));
            if (double.IsNaN(bad))
            {
                // no score to shade by: the regions are white, and only the data points are coloured
                using var image = new ScottPlot.Image(path);
                var coloured = ColouredSamples(image, 60, 460, 80, 560);
                Assert.True(coloured < 60, $"{coloured} coloured samples where the regions should be white");
            }
            TrainingPlot.SavePng(path, model, data, history[1..]); // no finite loss at all
            Assert.Equal((1200, 520), Png.Size(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>How many pixels, sampled every 10 in the box, have a colour (neither white, grey nor black).</summary>
    private static int ColouredSamples(ScottPlot.Image image, int top, int bottom, int left, int right)
    {
        var rgb = image.GetArrayRGB();
        var coloured = 0;
        for (var y = top; y < bottom; y += 10)
        {
            for (var x = left; x < right; x += 10)
            {
                var (r, g, b) = Pixel(rgb, new ScottPlot.Pixel(x, y));
                if (Math.Max(r, Math.Max(g, b)) - Math.Min(r, Math.Min(g, b)) > 30) coloured++;
            }
        }
        return coloured;
    }

    private static (int R, int G, int B) Pixel(byte[,,] rgb, ScottPlot.Pixel p)
    {
        int x = (int)p.X, y = (int)p.Y;
        return (rgb[y, x, 0], rgb[y, x, 1], rgb[y, x, 2]);
    }
}
