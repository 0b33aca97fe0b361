using System.Collections.Concurrent;
using System.Globalization;

namespace Micrograd.NN.Gpt;

/// <summary>
/// microgpt's building blocks on <see cref="Value"/>s: <see cref="Linear"/>, <see cref="Softmax"/> and <see cref="RmsNorm"/>,
/// written with the same operations in the same order as microgpt.py writes them, so that a graph built from them has
/// microgpt's numbers bit for bit; and the two ops where microgpt's scalar <c>Value</c> computes differently from this
/// library's built-in ones (<see cref="Power"/> and <see cref="Log"/>).
/// </summary>
/// <remarks>
/// <para>Where microgpt's formula is longer than a shorter one would be, these follow microgpt: a division <c>a / b</c> is
/// <c>a * b ** -1</c> (so <see cref="Softmax"/> makes one <c>total ** -1</c> node per output), a sum starts from 0 and adds
/// left to right, a mean is a sum times <c>n ** -1</c>, and <c>x ** p</c> is C's <c>pow</c> (<see cref="Math.Pow"/>), never
/// a square root or a reciprocal.</para>
/// <para>NaN and infinities propagate by IEEE rules through every function, as in microgpt.py (which would raise
/// <c>ZeroDivisionError</c> at <c>0 ** -1</c>, where these give +∞).</para>
/// </remarks>
public static class GptFunctions
{
    private static readonly ConcurrentDictionary<double, DifferentiableFunction> s_powers = new();

    /// <summary>The natural logarithm as microgpt's <c>Value.log</c>: d/dx = 1/x, and the gradient contribution is
    /// <c>(1/x) · g</c>. (The built-in <see cref="Value.Log"/> divides, <c>g / x</c>, as PyTorch does; the two can differ in
    /// the last bit.) The node's op is named <c>ln</c>.</summary>
    /// <param name="x">The operand. log(0) is −∞, with gradient +∞; a negative x gives NaN.</param>
    /// <returns>A new node.</returns>
    public static Value Log(Value x) => LnFunction.Apply(x);

    /// <summary>
    /// <c>x ** exponent</c> as microgpt's <c>Value.__pow__</c>: <see cref="Math.Pow"/>(x, e), with d/dx =
    /// <c>e · Math.Pow(x, e − 1)</c>. (The built-in <see cref="Value.Pow(double)"/> takes PyTorch's shortcuts, such as
    /// <c>1/x</c> for −1 and a square root for 0.5, which can differ from <c>pow</c> in the last bit.) The node's op is named
    /// <c>pow_</c> and the exponent, such as <c>pow_m1</c> for −1 and <c>pow_m0_5</c> for −0.5.
    /// </summary>
    /// <param name="x">The base; a negative base with a non-integer exponent gives NaN, 0 with a negative one +∞.</param>
    /// <param name="exponent">A finite constant; it gets no gradient.</param>
    /// <returns>A new node.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exponent"/> is NaN or infinite.</exception>
    public static Value Power(Value x, double exponent)
    {
        if (!double.IsFinite(exponent)) throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "The exponent must be a finite number.");
        return s_powers.GetOrAdd(exponent, MakePower).Apply(x);
    }

    /// <summary>microgpt's <c>linear</c>: one output per row of <paramref name="w"/>, the sum of <c>w[r][i] · x[i]</c> over i
    /// (one <see cref="Value.Sum"/> node of the products, added left to right from 0).</summary>
    /// <param name="x">The input, as long as <paramref name="w"/> has columns.</param>
    /// <param name="w">The weights, one row per output.</param>
    /// <returns>A new array of <c>w.Rows</c> nodes.</returns>
    /// <exception cref="ArgumentException">The input's length is not the matrix's column count.</exception>
    public static Value[] Linear(IReadOnlyList<Value> x, GptMatrix w)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(w);
        if (x.Count != w.Columns)
            throw new ArgumentException($"The input has {x.Count} values but {w.Name} has {w.Columns} columns.", nameof(x));
        var outputs = new Value[w.Rows];
        for (var r = 0; r < outputs.Length; r++)
        {
            var row = w.RowValues(r);
            var products = new Value[row.Length];
            for (var i = 0; i < row.Length; i++) products[i] = row[i] * x[i];
            outputs[r] = Value.SumOf(products);
        }
        return outputs;
    }

    /// <summary>
    /// microgpt's <c>softmax</c>: with m the largest data (a number, not a node), <c>e[k] = exp(logits[k] + (−m))</c>,
    /// <c>total = Σ e</c> and <c>p[k] = e[k] · total ** −1</c>, one power node per output as microgpt's <c>e / total</c> makes.
    /// </summary>
    /// <param name="logits">At least one value.</param>
    /// <returns>A new array of probabilities, one per logit.</returns>
    public static Value[] Softmax(IReadOnlyList<Value> logits)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.Count == 0) throw new ArgumentException("Softmax needs at least one logit.", nameof(logits));
        var max = logits[0].Data;
        for (var k = 1; k < logits.Count; k++)
        {
            if (logits[k].Data > max) max = logits[k].Data; // Python's max: the first of the largest
        }
        var exps = new Value[logits.Count];
        for (var k = 0; k < exps.Length; k++) exps[k] = (logits[k] + new Value(-max)).Exp();
        var total = Value.Sum(exps);
        var probabilities = new Value[exps.Length];
        for (var k = 0; k < exps.Length; k++) probabilities[k] = exps[k] * Power(total, -1);
        return probabilities;
    }

    /// <summary>
    /// microgpt's <c>rmsnorm</c>: <c>ms = (Σ xᵢ·xᵢ) · n ** −1</c>, <c>scale = (ms + 1e-5) ** −0.5</c>, and <c>xᵢ · scale</c>.
    /// It has no learned gain.
    /// </summary>
    /// <param name="x">At least one value.</param>
    /// <returns>A new array of the normalized values.</returns>
    public static Value[] RmsNorm(IReadOnlyList<Value> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Count == 0) throw new ArgumentException("RMSNorm needs at least one value.", nameof(x));
        var squares = new Value[x.Count];
        for (var i = 0; i < squares.Length; i++) squares[i] = x[i] * x[i];
        var meanSquare = Value.SumOf(squares) * new Value(Math.Pow(x.Count, -1));
        var scale = Power(meanSquare + new Value(RmsNormEpsilon), -0.5);
        var normalized = new Value[x.Count];
        for (var i = 0; i < normalized.Length; i++) normalized[i] = x[i] * scale;
        return normalized;
    }

    /// <summary>The ε of <see cref="RmsNorm"/>, 1e-5.</summary>
    public const double RmsNormEpsilon = 1e-5;

    private static readonly DifferentiableFunction LnFunction = new("ln", 1,
        forward: x => Math.Log(x[0]),
        derivatives: (x, y, d) => d[0] = 1 / x[0],
        valueDerivatives: (x, y, d) => d[0] = new Value(1.0) / x[0]);

    private static DifferentiableFunction MakePower(double exponent) => new(PowerName(exponent), 1,
        forward: x => Math.Pow(x[0], exponent),
        derivatives: (x, y, d) => d[0] = exponent * Math.Pow(x[0], exponent - 1),
        valueDerivatives: (x, y, d) => d[0] = new Value(exponent) * Power(x[0], exponent - 1));

    /// <summary><c>pow_</c> and the exponent's shortest round-trip text, with <c>-</c> as <c>m</c>, <c>.</c> as <c>_</c> and
    /// <c>+</c> as <c>p</c> (a function name is letters, digits and <c>_</c>).</summary>
    private static string PowerName(double exponent) =>
        "pow_" + exponent.ToString("R", CultureInfo.InvariantCulture).Replace('-', 'm').Replace('.', '_').Replace('+', 'p');
}
