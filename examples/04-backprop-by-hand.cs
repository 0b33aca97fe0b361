// 04: Backpropagation by hand, against Backward().
// Look at: each line of the chain rule, done by hand from the output back to the inputs, and the last line, which
// compares every hand-made gradient with Backward()'s: they are the same doubles, bit for bit.
// Run: dotnet run examples/04-backprop-by-hand.cs
#:package Micrograd@0.2.0-preview.1
using System.Globalization;
using Micrograd;

static string N(double x) => x.ToString("R", CultureInfo.InvariantCulture);

// The seed's neuron, forward, on plain doubles.
double x0 = 1.6, w0 = 1.3, x1 = 0.8, w1 = 1.2, x2 = 0.5, w2 = 1.1, b = 0.2;
double p0 = w0 * x0, p1 = w1 * x1, p2 = w2 * x2;
double s01 = p0 + p1, s012 = s01 + p2, n = s012 + b;
double y = Math.Tanh(n);
Console.WriteLine($"forward: n = {N(n)}, y = tanh(n) = {N(y)}");

// Backward, by hand: each node's gradient is its local derivative times the gradient of what it feeds.
var dy = 1.0;
var dn = Math.FusedMultiplyAdd(-y, y, 1.0) * dy;          // tanh' = 1 - y² (rounded once, as PyTorch does)
Console.WriteLine($"dn   = (1 - y²) · dy   = {N(dn)}");
double ds012 = dn, db = dn;                              // + passes its gradient to both operands
double ds01 = ds012, dp2 = ds012;
double dp0 = ds01, dp1 = ds01;
Console.WriteLine($"db   = dn              = {N(db)}");
double dw0 = x0 * dp0, dx0 = w0 * dp0;                   // * sends each operand the other's value times the gradient
double dw1 = x1 * dp1, dx1 = w1 * dp1;
double dw2 = x2 * dp2, dx2 = w2 * dp2;
Console.WriteLine($"dw0  = x0 · dp0        = {N(dw0)}");
Console.WriteLine($"dx0  = w0 · dp0        = {N(dx0)}");

// The same with Values and Backward().
var vx0 = new Value(x0); var vw0 = new Value(w0);
var vx1 = new Value(x1); var vw1 = new Value(w1);
var vx2 = new Value(x2); var vw2 = new Value(w2);
var vb = new Value(b);
var vy = (vw0 * vx0 + vw1 * vx1 + vw2 * vx2 + vb).Tanh();
vy.Backward();

var pairs = new (string Name, double ByHand, double Engine)[]
{
    ("w0", dw0, vw0.Grad), ("x0", dx0, vx0.Grad), ("w1", dw1, vw1.Grad), ("x1", dx1, vx1.Grad),
    ("w2", dw2, vw2.Grad), ("x2", dx2, vx2.Grad), ("b", db, vb.Grad),
};
var same = pairs.Count(p => BitConverter.DoubleToInt64Bits(p.ByHand) == BitConverter.DoubleToInt64Bits(p.Engine));
foreach (var p in pairs) Console.WriteLine($"  {p.Name,-2} by hand {N(p.ByHand),-24} Backward() {N(p.Engine)}");
Console.WriteLine($"{same} of {pairs.Length} gradients equal Backward()'s bit for bit; y equals too: {BitConverter.DoubleToInt64Bits(y) == BitConverter.DoubleToInt64Bits(vy.Data)}");
