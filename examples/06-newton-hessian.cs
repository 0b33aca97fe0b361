// 06: A Newton step with the Hessian.
// Look at: the distance to the minimum after each Newton step, which is about squared at every step once it is small
// (7 steps from (-1, 1) to within 1e-12), against gradient descent, which only shrinks it by a constant factor (hundreds of
// steps); then 06-newton-path.svg, both paths over the function's landscape (darker is lower).
// Run: dotnet run examples/06-newton-hessian.cs
#:package Micrograd@0.2.0-preview.1
using System.Globalization;
using System.Text;
using Micrograd;

static string N(double x) => x.ToString("R", CultureInfo.InvariantCulture);

// A smooth convex function of two variables (from Boyd and Vandenberghe's Convex Optimization, §9.3): its minimum is at
// x = -ln(2)/2, y = 0, where f = 2·√2·e^-0.1.
static Value F(IReadOnlyList<Value> v) => (v[0] + 3 * v[1] - 0.1).Exp() + (v[0] - 3 * v[1] - 0.1).Exp() + (-v[0] - 0.1).Exp();

// The value and the gradient by Backward().
static (double Value, double[] Gradient) ValueAndGradient(double[] p)
{
    var x = new Value(p[0], "x");
    var y = new Value(p[1], "y");
    var f = F([x, y]);
    f.Backward();
    return (f.Data, [x.Grad, y.Grad]);
}

double[] minimum = [-Math.Log(2) / 2, 0];
var smallest = 2 * Math.Sqrt(2) * Math.Exp(-0.1);
static double Distance(double[] p, double[] q) => Math.Sqrt((p[0] - q[0]) * (p[0] - q[0]) + (p[1] - q[1]) * (p[1] - q[1]));
Console.WriteLine($"f(x, y) = exp(x + 3y - 0.1) + exp(x - 3y - 0.1) + exp(-x - 0.1), smallest at ({N(minimum[0])}, 0): f = {N(smallest)}");

// Newton: solve H·d = ∇f, a 2×2 system (Cramer's rule), and step to p - d.
double[] start = [-1, 1];
var point = start;
var newton = new List<double[]> { point };
Console.WriteLine($"start: x = {N(point[0])}, y = {N(point[1])}, distance to the minimum = {N(Distance(point, minimum))}");
while (Distance(point, minimum) > 1e-12 && newton.Count <= 50)
{
    var (_, g) = ValueAndGradient(point);
    var h = Derivatives.Hessian(F, point);                   // [[∂²f/∂x², ∂²f/∂x∂y], [∂²f/∂y∂x, ∂²f/∂y²]]
    var det = h[0, 0] * h[1, 1] - h[0, 1] * h[1, 0];
    double[] d = [(h[1, 1] * g[0] - h[0, 1] * g[1]) / det, (h[0, 0] * g[1] - h[1, 0] * g[0]) / det];
    point = [point[0] - d[0], point[1] - d[1]];
    newton.Add(point);
    Console.WriteLine($"Newton step {newton.Count - 1}: x = {N(point[0])}, y = {N(point[1])}, f = {N(ValueAndGradient(point).Value)}, distance to the minimum = {N(Distance(point, minimum))}");
}
Console.WriteLine($"Newton steps to within 1e-12 of the minimum: {newton.Count - 1}");

// Gradient descent from the same start, with a fixed learning rate.
const double rate = 0.03;
point = start;
var descent = new List<double[]> { point };
while (Distance(point, minimum) > 1e-12 && descent.Count <= 100_000)
{
    var (_, g) = ValueAndGradient(point);
    point = [point[0] - rate * g[0], point[1] - rate * g[1]];
    descent.Add(point);
}
Console.WriteLine($"gradient descent steps (learning rate {N(rate)}) to within 1e-12 of the minimum: {descent.Count - 1}");

// The picture: f on a grid (darker is lower, on a log scale), gradient descent's path in grey, Newton's in red.
const int width = 480, height = 400;
double x0 = -1.6, x1 = 1.0, y0 = -1.2, y1 = 1.2;
double Sx(double x) => (x - x0) / (x1 - x0) * width;
double Sy(double y) => (y1 - y) / (y1 - y0) * height;
var svg = new StringBuilder();
svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\n");
const int cells = 40;
for (var i = 0; i < cells; i++)
{
    for (var j = 0; j < cells; j++)
    {
        var x = x0 + (i + 0.5) * (x1 - x0) / cells;
        var y = y1 - (j + 0.5) * (y1 - y0) / cells;
        var level = Math.Clamp(Math.Log(ValueAndGradient([x, y]).Value / smallest) / Math.Log(4), 0, 1);
        var shade = (int)(60 + 195 * level);
        svg.Append(CultureInfo.InvariantCulture,
            $"<rect x=\"{i * width / cells}\" y=\"{j * height / cells}\" width=\"{width / cells}\" height=\"{height / cells}\" fill=\"rgb({shade},{shade},255)\"/>\n");
    }
}
string Path(List<double[]> points) => string.Join(" ", points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{Sx(p[0]):0.##},{Sy(p[1]):0.##}")));
svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"descent\" points=\"{Path(descent)}\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.5\"/>\n");
svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"newton\" points=\"{Path(newton)}\" fill=\"none\" stroke=\"#d00\" stroke-width=\"2\"/>\n");
foreach (var p in newton) svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"newton\" cx=\"{Sx(p[0]):0.##}\" cy=\"{Sy(p[1]):0.##}\" r=\"3.5\" fill=\"#d00\"/>\n");
svg.Append(CultureInfo.InvariantCulture, $"<text x=\"8\" y=\"20\" font-family=\"sans-serif\" font-size=\"14\">Newton: {newton.Count - 1} steps (red); gradient descent: {descent.Count - 1} (grey)</text>\n");
svg.Append("</svg>\n");
File.WriteAllText("06-newton-path.svg", svg.ToString());
Console.WriteLine("wrote 06-newton-path.svg");
