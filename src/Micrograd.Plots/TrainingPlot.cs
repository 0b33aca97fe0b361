using Micrograd.NN;
using ScottPlot;

namespace Micrograd.Plots;

/// <summary>
/// The picture of a training run, saved as PNG without any display: on the left the model's decision regions over the
/// data points (coloured by class), on the right the loss and accuracy at each step.
/// </summary>
public static class TrainingPlot
{
    /// <summary>Two-class colours: class -1 (red) and class 1 (blue).</summary>
    private static readonly Color Negative = Color.FromHex("#d7301f");
    private static readonly Color Positive = Color.FromHex("#2166ac");

    /// <summary>Saves the picture.</summary>
    /// <param name="path">The PNG file to create or replace; it is replaced at once (a temporary file in its folder renamed over
    /// it), so it is never left half-written.</param>
    /// <param name="model">The trained model; two inputs.</param>
    /// <param name="data">The data it was trained on; two features, labelled.</param>
    /// <param name="history">The steps of the run (loss and accuracy before each update); may be empty.</param>
    /// <param name="title">A title for the decision panel, such as the data set and the model.</param>
    /// <param name="width">The image width in pixels.</param>
    /// <param name="height">The image height in pixels.</param>
    /// <exception cref="ArgumentException">The model or data does not have two features.</exception>
    /// <exception cref="IOException">The file cannot be written; an existing one is left as it was.</exception>
    public static void SavePng(string path, Mlp model, Dataset data, IReadOnlyList<TrainingStep> history, string title = "", int width = 1200, int height = 520)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(history);
        // new Multiplot() starts with an empty plot of its own; start from the decision panel instead
        var multiplot = new Multiplot(DecisionPlot(model, data, title)) { Layout = new ScottPlot.MultiplotLayouts.Columns() };
        multiplot.AddPlot(LossPlot(history));
        // rendered in memory, then written to a temporary file renamed over the target: never a half-written picture
        using var image = multiplot.Render(width, height);
        AtomicFile.WriteAllBytes(path, image.GetImageBytes(ImageFormat.Png));
    }

    /// <summary>The decision regions with the data points on top.</summary>
    internal static Plot DecisionPlot(Mlp model, Dataset data, string title = "")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var grid = DecisionGrid.Compute(model, data);
        var plot = new Plot();
        var classes = Math.Max(model.OutputCount, 2);

        var shade = new double[grid.Values.GetLength(0), grid.Values.GetLength(1)];
        for (var r = 0; r < shade.GetLength(0); r++)
        {
            for (var c = 0; c < shade.GetLength(1); c++)
            {
                // a score shades smoothly and saturates past ±3; class indices are used as they are; a NaN score (a diverged
                // model) is white, as no decision (ScottPlot cannot scale colours over NaN)
                var value = grid.IsClassIndex ? grid.Values[r, c] : Math.Tanh(grid.Values[r, c] / 3);
                shade[r, c] = double.IsNaN(value) ? 0.0 : value;
            }
        }
        var heatmap = plot.Add.Heatmap(shade);
        heatmap.Extent = new CoordinateRect(grid.Left, grid.Right, grid.Bottom, grid.Top);
        heatmap.Colormap = grid.IsClassIndex
            ? new ScottPlot.Colormaps.CustomInterpolated(Enumerable.Range(0, classes).Select(k => ClassColor(k, classes).Lighten(0.6)).ToArray())
            : new ScottPlot.Colormaps.CustomInterpolated([Negative.Lighten(0.55), Colors.White, Positive.Lighten(0.55)]);
        heatmap.ManualRange = grid.IsClassIndex ? new ScottPlot.Range(0, classes - 1) : new ScottPlot.Range(-1, 1);

        if (!grid.IsClassIndex) AddBoundary(plot, grid);

        if (data.Labels is { } labels)
        {
            foreach (var group in Enumerable.Range(0, data.Count).GroupBy(i => ClassIndex(labels[i], classes)).OrderBy(g => g.Key))
            {
                var xs = group.Select(i => data.Features[i][0]).ToArray();
                var ys = group.Select(i => data.Features[i][1]).ToArray();
                var markers = plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 7, ClassColor(group.Key, classes));
                markers.MarkerLineColor = Colors.Black;
                markers.MarkerLineWidth = 0.8f;
                markers.LegendText = $"class {(classes == 2 && group.Key == 0 && labels.Any(y => y < 0) ? "-1" : group.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
            }
            plot.ShowLegend(Alignment.UpperRight);
        }
        else
        {
            plot.Add.Markers(data.Features.Select(r => r[0]).ToArray(), data.Features.Select(r => r[1]).ToArray(), MarkerShape.FilledCircle, 6, Colors.Black);
        }

        plot.Axes.SetLimits(grid.Left, grid.Right, grid.Bottom, grid.Top);
        plot.Title(title.Length > 0 ? title : "decision boundary");
        plot.XLabel("x1");
        plot.YLabel("x2");
        return plot;
    }

    /// <summary>Loss (left axis) and accuracy (right axis, 0 to 1) at each step.</summary>
    internal static Plot LossPlot(IReadOnlyList<TrainingStep> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var plot = new Plot();
        if (history.Count > 0)
        {
            var steps = history.Select(s => (double)s.Step).ToArray();
            var loss = plot.Add.ScatterLine(steps, history.Select(s => double.IsFinite(s.Loss) ? s.Loss : double.NaN).ToArray(), Colors.Black);
            loss.LineWidth = 2;
            loss.LegendText = "loss";
            var accuracy = plot.Add.ScatterLine(steps, history.Select(s => s.Accuracy).ToArray(), Color.FromHex("#1a9850"));
            accuracy.LineWidth = 2;
            accuracy.LegendText = "accuracy";
            accuracy.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = "accuracy";
            plot.Axes.SetLimitsY(0, 1.05, plot.Axes.Right);
            plot.ShowLegend(Alignment.MiddleRight);
        }
        plot.Title("loss and accuracy (before each update)");
        plot.XLabel("step");
        plot.YLabel("loss");
        return plot;
    }

    /// <summary>The colour of class <paramref name="k"/> of <paramref name="classes"/>.</summary>
    private static Color ClassColor(int k, int classes) =>
        classes == 2 ? (k == 0 ? Negative : Positive) : new ScottPlot.Palettes.Category10().GetColor(k);

    private static int ClassIndex(double label, int classes) =>
        classes == 2 ? (label > 0 ? 1 : 0) : (int)Math.Clamp(label, 0, classes - 1);

    /// <summary>The zero contour of the score: where the predicted class changes.</summary>
    private static void AddBoundary(Plot plot, DecisionGrid grid)
    {
        int rows = grid.Values.GetLength(0), cols = grid.Values.GetLength(1);
        var points = new Coordinates3d[rows, cols];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                var x = grid.Left + (c + 0.5) * (grid.Right - grid.Left) / cols;
                var y = grid.Top - (r + 0.5) * (grid.Top - grid.Bottom) / rows;
                var z = grid.Values[r, c];
                points[r, c] = new Coordinates3d(x, y, double.IsFinite(z) ? Math.Clamp(z, -1e6, 1e6) : 0);
            }
        }
        var contour = new ScottPlot.Plottables.ContourLines();
        contour.ContourLineLevels = [0.0];
        contour.Update(points);
        contour.LineColor = Colors.Black;
        contour.LineWidth = 1.5f;
        contour.LabelStyle.IsVisible = false;
        plot.PlottableList.Add(contour);
    }
}
