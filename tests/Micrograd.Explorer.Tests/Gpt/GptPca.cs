namespace Micrograd.Explorer.Tests.Gpt;

/// <summary>
/// The GPT page's picture of the token embeddings, written again in C# from its description (gpt-embeddings.js): the rows
/// of wte centred (each column's mean), their covariance (Σ over rows / rows), its eigenvectors by cyclic Jacobi rotations
/// (pairs (p, q) in order from the identity, until the off-diagonal's sum of squares is at most 1e-30 of the diagonal's, at
/// most 50 sweeps), the two of the largest eigenvalues (the first index on a tie), each signed so that its largest
/// |component| (the first on a tie) is positive, and each row's projection on them.
/// </summary>
public static class GptPca
{
    /// <summary>The wte rows (vocabulary × width, the first matrix of the weights) projected on their first two principal components.</summary>
    public static double[][] Project(double[] weights, int rows, int width)
    {
        var mean = new double[width];
        for (var j = 0; j < width; j++)
        {
            var s = 0.0;
            for (var r = 0; r < rows; r++) s += weights[r * width + j];
            mean[j] = s / rows;
        }
        var c = new double[rows][];
        for (var r = 0; r < rows; r++)
        {
            c[r] = new double[width];
            for (var j = 0; j < width; j++) c[r][j] = weights[r * width + j] - mean[j];
        }
        var a = new double[width, width];
        var e = new double[width, width];
        for (var i = 0; i < width; i++)
        {
            e[i, i] = 1;
            for (var j = i; j < width; j++)
            {
                var s = 0.0;
                for (var r = 0; r < rows; r++) s += c[r][i] * c[r][j];
                a[i, j] = s / rows;
                a[j, i] = a[i, j];
            }
        }
        for (var sweep = 0; sweep < 50; sweep++)
        {
            double off = 0, diagonal = 0;
            for (var i = 0; i < width; i++)
            {
                diagonal += a[i, i] * a[i, i];
                for (var j = i + 1; j < width; j++) off += a[i, j] * a[i, j];
            }
            if (!(off > 1e-30 * diagonal)) break;
            for (var p = 0; p < width; p++)
            {
                for (var q = p + 1; q < width; q++)
                {
                    if (a[p, q] == 0) continue;
                    var theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    var t = (theta < 0 ? -1 : 1) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    var cos = 1 / Math.Sqrt(t * t + 1);
                    var sin = t * cos;
                    for (var k = 0; k < width; k++) (a[k, p], a[k, q]) = (cos * a[k, p] - sin * a[k, q], sin * a[k, p] + cos * a[k, q]);
                    for (var k = 0; k < width; k++) (a[p, k], a[q, k]) = (cos * a[p, k] - sin * a[q, k], sin * a[p, k] + cos * a[q, k]);
                    for (var k = 0; k < width; k++) (e[k, p], e[k, q]) = (cos * e[k, p] - sin * e[k, q], sin * e[k, p] + cos * e[k, q]);
                }
            }
        }
        var order = Enumerable.Range(0, width).OrderByDescending(k => a[k, k]).ThenBy(k => k).Take(2).ToArray();
        var axes = order.Select(k =>
        {
            var v = Enumerable.Range(0, width).Select(j => e[j, k]).ToArray();
            var big = 0;
            for (var j = 1; j < width; j++) if (Math.Abs(v[j]) > Math.Abs(v[big])) big = j;
            return v[big] < 0 ? v.Select(x => -x).ToArray() : v;
        }).ToArray();
        return [.. c.Select(row => axes.Select(v =>
        {
            var s = 0.0;
            for (var j = 0; j < width; j++) s += row[j] * v[j];
            return s;
        }).ToArray())];
    }

    /// <summary>
    /// How close together some rows are against all of them: the mean distance between two of them over the mean distance
    /// between two of all the rows (so that the embeddings' growing scale does not count).
    /// </summary>
    public static double Closeness(double[][] points, IReadOnlyList<int> some)
    {
        static double MeanDistance(double[][] points, IReadOnlyList<int> ids)
        {
            double sum = 0;
            var pairs = 0;
            for (var i = 0; i < ids.Count; i++)
            {
                for (var j = i + 1; j < ids.Count; j++)
                {
                    sum += Math.Sqrt(points[ids[i]].Zip(points[ids[j]], (x, y) => (x - y) * (x - y)).Sum());
                    pairs++;
                }
            }
            return sum / pairs;
        }
        return MeanDistance(points, some) / MeanDistance(points, [.. Enumerable.Range(0, points.Length)]);
    }
}
