using Micrograd;

public static class NewtonSteps
{
    /// <summary>Rosenbrock's function, (1 − x)² + 100·(y − x²)², whose minimum is 0 at (1, 1).</summary>
    public static Value Rosenbrock(IReadOnlyList<Value> v)
    {
        var (a, b) = (1 - v[0], v[1] - v[0] * v[0]);
        return a * a + 100 * (b * b);
    }

    /// <summary>Newton's method: at each step, solve H·d = ∇f (2×2, by Cramer's rule) and move from p to p − d.</summary>
    public static (double X, double Y) Minimize(double x, double y, int steps, TextWriter output)
    {
        for (var k = 1; k <= steps; k++)
        {
            Value[] p = [new Value(x, "x"), new Value(y, "y")];
            var g = Gradients.Of(Rosenbrock(p), p);   // ∇f, as Values with graphs of their own
            var hx = Gradients.Of(g[0], p);           // the Hessian's rows: the gradients of the gradient
            var hy = Gradients.Of(g[1], p);
            var det = hx[0].Data * hy[1].Data - hx[1].Data * hy[0].Data;
            x -= (hy[1].Data * g[0].Data - hx[1].Data * g[1].Data) / det;
            y -= (hx[0].Data * g[1].Data - hy[0].Data * g[0].Data) / det;
            output.WriteLine(FormattableString.Invariant($"step {k}: x = {x:R}, y = {y:R}, f = {Rosenbrock([x, y]).Data:R}"));
        }
        return (x, y);
    }
}
