using Micrograd.NN;

namespace Micrograd.Plots;

/// <summary>
/// A model's prediction over a rectangular grid around two-feature data: the score (one output) or the predicted class
/// (several outputs) at each cell centre. Row 0 is the top of the picture (largest y).
/// </summary>
public sealed class DecisionGrid
{
    private DecisionGrid(double left, double right, double bottom, double top, double[,] values, bool isClassIndex)
    {
        Left = left;
        Right = right;
        Bottom = bottom;
        Top = top;
        Values = values;
        IsClassIndex = isClassIndex;
    }

    /// <summary>The smallest x of the grid.</summary>
    public double Left { get; }

    /// <summary>The largest x of the grid.</summary>
    public double Right { get; }

    /// <summary>The smallest y of the grid.</summary>
    public double Bottom { get; }

    /// <summary>The largest y of the grid.</summary>
    public double Top { get; }

    /// <summary>[row, column]: the model's score, or the index of its largest output when <see cref="IsClassIndex"/>.</summary>
    public double[,] Values { get; }

    /// <summary>True when the model has several outputs and <see cref="Values"/> holds class indices.</summary>
    public bool IsClassIndex { get; }

    /// <summary>Evaluates <paramref name="model"/> over a grid covering <paramref name="data"/> with a margin of 15% on each side.</summary>
    /// <param name="model">A model of two inputs.</param>
    /// <param name="data">Data of two features.</param>
    /// <param name="resolution">Cells along each axis; at least 2.</param>
    /// <exception cref="ArgumentException">The model or data does not have exactly two inputs/features.</exception>
    public static DecisionGrid Compute(Mlp model, Dataset data, int resolution = 160)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 2);
        if (model.InputCount != 2 || data.FeatureCount != 2)
            throw new ArgumentException($"A decision boundary needs two features; the model takes {model.InputCount} and the data has {data.FeatureCount}.");
        var (left, right) = Span(data.Features.Select(r => r[0]));
        var (bottom, top) = Span(data.Features.Select(r => r[1]));
        var values = new double[resolution, resolution];
        var many = model.OutputCount > 1;
        Span<double> point = stackalloc double[2];
        for (var row = 0; row < resolution; row++)
        {
            point[1] = top - (row + 0.5) * (top - bottom) / resolution;
            for (var col = 0; col < resolution; col++)
            {
                point[0] = left + (col + 0.5) * (right - left) / resolution;
                var output = model.Evaluate(point);
                values[row, col] = many ? ArgMax(output) : output[0];
            }
        }
        return new DecisionGrid(left, right, bottom, top, values, many);
    }

    private static (double Low, double High) Span(IEnumerable<double> xs)
    {
        var finite = xs.Where(double.IsFinite).ToArray();
        var low = finite.Length > 0 ? finite.Min() : -1;
        var high = finite.Length > 0 ? finite.Max() : 1;
        var margin = high > low ? 0.15 * (high - low) : 1.0;
        return (low - margin, high + margin);
    }

    private static int ArgMax(double[] output)
    {
        var best = 0;
        for (var k = 1; k < output.Length; k++)
        {
            if (output[k] > output[best]) best = k;
        }
        return best;
    }
}
