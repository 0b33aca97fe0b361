using System.Globalization;

namespace Micrograd;

/// <summary>
/// Checks gradients against central finite differences, with PyTorch's <c>gradcheck</c> defaults
/// (eps 1e-6, atol 1e-5, rtol 1e-3, in double): an input passes when |analytical − numerical| ≤ atol + rtol·|numerical|.
/// <see cref="RunSecondOrder"/> checks second derivatives the same way, as PyTorch's <c>gradgradcheck</c> does.
/// </summary>
public static class GradientCheck
{
    /// <summary>
    /// Builds <paramref name="function"/> at <paramref name="point"/>, runs <see cref="Value.Backward"/>, and compares each
    /// input's gradient with a central difference of the same function.
    /// </summary>
    /// <param name="function">Builds a graph from the input leaves (labelled x0, x1, …) and returns its root.</param>
    /// <param name="point">Where to check; one number per input.</param>
    /// <param name="options">Step and tolerances; PyTorch's defaults when null.</param>
    /// <returns>Each input's analytical and numerical gradient, and the worst mismatch.</returns>
    public static GradientCheckResult Run(Func<IReadOnlyList<Value>, Value> function, IReadOnlyList<double> point, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        var analytical = Gradient(function, point);
        double Evaluate(double[] x) => function(x.Select(d => new Value(d)).ToArray()).Data;
        return Compare(Evaluate, analytical, point, options);
    }

    /// <summary>
    /// Checks second derivatives, as PyTorch's <c>gradgradcheck</c> does: each entry of the Hessian, from the gradients'
    /// graphs (<see cref="Derivatives.Hessian"/>), against central differences of the gradient (<see cref="Value.Backward"/>
    /// at the point moved by ±eps along each input), with the same step and tolerances as <see cref="Run"/>.
    /// </summary>
    /// <param name="function">Builds a graph from the input leaves (labelled x0, x1, …) and returns its root.</param>
    /// <param name="point">Where to check; one number per input.</param>
    /// <param name="options">Step and tolerances; PyTorch's defaults (the same for gradgradcheck as for gradcheck) when null.</param>
    /// <returns>Each entry ∂²f/∂xᵢ∂xⱼ, row by row (index i·n + j, labelled <c>xi,xj</c>), and the worst mismatch.</returns>
    public static GradientCheckResult RunSecondOrder(Func<IReadOnlyList<Value>, Value> function, IReadOnlyList<double> point, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(point);
        options ??= GradientCheckOptions.Default;
        var analytical = Derivatives.Hessian(function, point);
        var n = point.Count;
        var checks = new GradientCheckInput[n * n];
        CentralDifferences(x => Gradient(function, x), point, options, (j, plus, minus) =>
        {
            for (var i = 0; i < n; i++) checks[i * n + j] = Check(i * n + j, Name(i) + "," + Name(j), analytical[i, j], plus[i], minus[i], options);
        });
        return new GradientCheckResult(checks);
    }

    /// <summary>New leaves for a function's inputs, labelled x0, x1, ….</summary>
    internal static Value[] Inputs(IReadOnlyList<double> point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var inputs = new Value[point.Count];
        for (var i = 0; i < inputs.Length; i++) inputs[i] = new Value(point[i], Name(i));
        return inputs;
    }

    /// <summary>The root of the graph <paramref name="function"/> builds on <paramref name="inputs"/>, recorded even inside a
    /// <see cref="Gradients.Disabled"/> scope (as PyTorch's <c>torch.autograd.functional</c> does).</summary>
    /// <exception cref="InvalidOperationException">The function returned null.</exception>
    internal static Value Root(Func<IReadOnlyList<Value>, Value> function, Value[] inputs)
    {
        using (OpScopes.Enter(record: true))
            return function(inputs) ?? throw new InvalidOperationException("The function returned null instead of a Value.");
    }

    private static string Name(int input) => "x" + input.ToString(CultureInfo.InvariantCulture);

    /// <summary>The gradient by <see cref="Value.Backward"/> of the function built at <paramref name="point"/>.</summary>
    private static double[] Gradient(Func<IReadOnlyList<Value>, Value> function, IReadOnlyList<double> point)
    {
        var inputs = Inputs(point);
        Root(function, inputs).Backward();
        return Array.ConvertAll(inputs, v => v.Grad);
    }

    /// <summary>
    /// Compares a gradient computed any way with central differences of <paramref name="function"/>; use it to test
    /// a hand-written derivative.
    /// </summary>
    /// <param name="function">The scalar function of the inputs.</param>
    /// <param name="analytical">The gradient to check, one number per input.</param>
    /// <param name="point">Where to check.</param>
    /// <param name="options">Step and tolerances; PyTorch's defaults when null.</param>
    /// <returns>Each input's analytical and numerical gradient, and the worst mismatch.</returns>
    public static GradientCheckResult Compare(Func<double[], double> function, IReadOnlyList<double> analytical, IReadOnlyList<double> point, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(analytical);
        ArgumentNullException.ThrowIfNull(point);
        if (analytical.Count != point.Count)
            throw new ArgumentException($"The gradient has {analytical.Count} entries but the point has {point.Count}.", nameof(analytical));
        options ??= GradientCheckOptions.Default;

        var checks = new GradientCheckInput[point.Count];
        CentralDifferences(function, point, options, (i, plus, minus) => checks[i] = Check(i, Name(i), analytical[i], plus, minus, options));
        return new GradientCheckResult(checks);
    }

    /// <summary>Evaluates <paramref name="function"/> at <paramref name="point"/> moved by +eps, then −eps, along each input j
    /// in turn, and hands both results to <paramref name="use"/> with j.</summary>
    private static void CentralDifferences<T>(Func<double[], T> function, IReadOnlyList<double> point, GradientCheckOptions options, Action<int, T, T> use)
    {
        var x = point.ToArray();
        for (var j = 0; j < x.Length; j++)
        {
            var saved = x[j];
            x[j] = saved + options.Epsilon;
            var plus = function(x);
            x[j] = saved - options.Epsilon;
            var minus = function(x);
            x[j] = saved;
            use(j, plus, minus);
        }
    }

    /// <summary>The check of <paramref name="analytical"/> against the central difference of <paramref name="plus"/> and <paramref name="minus"/>.</summary>
    private static GradientCheckInput Check(int index, string label, double analytical, double plus, double minus, GradientCheckOptions options)
    {
        var numerical = (plus - minus) / (2 * options.Epsilon);
        return new GradientCheckInput(index, label, analytical, numerical, options.AbsoluteTolerance + options.RelativeTolerance * Math.Abs(numerical));
    }
}

/// <summary>Step and tolerances of a <see cref="GradientCheck"/>. Every value is checked when it is set, by the constructor,
/// an initializer or a <c>with</c> expression.</summary>
/// <param name="Epsilon">Half the width of the central difference; must be positive and finite.</param>
/// <param name="AbsoluteTolerance">atol: the allowed error near zero; must be finite and at least 0.</param>
/// <param name="RelativeTolerance">rtol: the allowed error per unit of the numerical gradient's magnitude; must be finite and at least 0.</param>
public sealed record GradientCheckOptions(double Epsilon = 1e-6, double AbsoluteTolerance = 1e-5, double RelativeTolerance = 1e-3)
{
    private readonly double _epsilon = Positive(Epsilon, nameof(Epsilon));
    private readonly double _absoluteTolerance = NotNegative(AbsoluteTolerance, nameof(AbsoluteTolerance));
    private readonly double _relativeTolerance = NotNegative(RelativeTolerance, nameof(RelativeTolerance));

    /// <summary>PyTorch's gradcheck defaults: eps 1e-6, atol 1e-5, rtol 1e-3.</summary>
    public static GradientCheckOptions Default { get; } = new();

    /// <summary>Half the width of the central difference; positive and finite.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to 0, a negative number, an infinity or NaN.</exception>
    public double Epsilon { get => _epsilon; init => _epsilon = Positive(value, nameof(Epsilon)); }

    /// <summary>atol: the allowed error near zero; finite and at least 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative number, an infinity or NaN.</exception>
    public double AbsoluteTolerance { get => _absoluteTolerance; init => _absoluteTolerance = NotNegative(value, nameof(AbsoluteTolerance)); }

    /// <summary>rtol: the allowed error per unit of the numerical gradient's magnitude; finite and at least 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative number, an infinity or NaN.</exception>
    public double RelativeTolerance { get => _relativeTolerance; init => _relativeTolerance = NotNegative(value, nameof(RelativeTolerance)); }

    private static double Positive(double value, string name) => value > 0 && double.IsFinite(value)
        ? value
        : throw new ArgumentOutOfRangeException(name, value, "The step must be positive and finite.");

    private static double NotNegative(double value, string name) => value >= 0 && double.IsFinite(value)
        ? value
        : throw new ArgumentOutOfRangeException(name, value, "A tolerance must be finite and at least 0.");
}

/// <summary>One input's result in a <see cref="GradientCheck"/> (or one Hessian entry's, in <see cref="GradientCheck.RunSecondOrder"/>).</summary>
/// <param name="Index">The input's position (i·n + j for the entry ∂²f/∂xᵢ∂xⱼ).</param>
/// <param name="Label">The input's name (x0, x1, …; <c>x0,x1</c> for the entry ∂²f/∂x0∂x1).</param>
/// <param name="Analytical">The gradient under test (from <see cref="Value.Backward"/> or given).</param>
/// <param name="Numerical">The central difference.</param>
/// <param name="Tolerance">atol + rtol·|numerical|.</param>
public sealed record GradientCheckInput(int Index, string Label, double Analytical, double Numerical, double Tolerance)
{
    /// <summary>|analytical − numerical|; NaN when either is NaN.</summary>
    public double AbsoluteError => Math.Abs(Analytical - Numerical);

    /// <summary>
    /// The error as a multiple of the tolerance: at most 1 passes. Two equal infinities, or two NaNs, count as 0;
    /// any other non-finite mismatch as +∞.
    /// </summary>
    public double Excess =>
        Analytical.Equals(Numerical) ? 0.0
        : double.IsFinite(Analytical) && double.IsFinite(Numerical) ? AbsoluteError / Tolerance
        : double.PositiveInfinity;

    /// <summary>True when the error is within tolerance.</summary>
    public bool Passed => Excess <= 1.0;

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Label}: analytical {Analytical:R}, numerical {Numerical:R}, error {AbsoluteError:R} (tolerance {Tolerance:R}){(Passed ? "" : " MISMATCH")}");
}

/// <summary>The outcome of a <see cref="GradientCheck"/>: every input, and the worst.</summary>
public sealed class GradientCheckResult
{
    internal GradientCheckResult(IReadOnlyList<GradientCheckInput> inputs)
    {
        Inputs = inputs;
        Worst = inputs.Count == 0 ? null : inputs.MaxBy(c => c.Excess);
    }

    /// <summary>Each input's comparison, in input order.</summary>
    public IReadOnlyList<GradientCheckInput> Inputs { get; }

    /// <summary>The input whose error is the largest multiple of its tolerance; null when there are no inputs.</summary>
    public GradientCheckInput? Worst { get; }

    /// <summary>True when every input is within tolerance.</summary>
    public bool Passed => Inputs.All(c => c.Passed);

    /// <summary>One line: passed, or the worst mismatch by input.</summary>
    public override string ToString() =>
        Worst is null ? "gradient check: no inputs"
        : Passed ? $"gradient check passed; worst {Worst}"
        : $"gradient check FAILED; worst {Worst}";
}
