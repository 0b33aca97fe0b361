// 01: The derivative of a function by nudging its input.
// Look at: the slope (f(x + h) - f(x)) / h getting closer to 14 as h shrinks, until rounding spoils it (h = 1e-15),
// then the exact 14 that Backward() gives with no h at all.
// Run: dotnet run examples/01-derivative-by-nudging.cs
#:package Micrograd@0.2.0-preview.1
using System.Globalization;
using Micrograd;

static double F(double x) => 3 * x * x - 4 * x + 5;
static string N(double x) => x.ToString("R", CultureInfo.InvariantCulture);

const double X = 3.0;
Console.WriteLine($"f(x) = 3x² - 4x + 5, at x = {N(X)}: f(x) = {N(F(X))}");
Console.WriteLine("the slope by nudging x by h:");
foreach (var h in new[] { 1.0, 0.1, 0.001, 1e-6, 1e-9, 1e-15 })
{
    Console.WriteLine($"  h = {N(h),-6}  (f(x + h) - f(x)) / h = {N((F(X + h) - F(X)) / h)}");
}
Console.WriteLine($"by hand: f'(x) = 6x - 4 = {N(6 * X - 4)}");

// The same function on Values: the graph remembers how f was computed, and Backward() applies the chain rule.
var x = new Value(X, "x");
var f = 3 * x * x - 4 * x + 5;
f.Backward();
Console.WriteLine($"Backward(): x.Grad = {N(x.Grad)}");
