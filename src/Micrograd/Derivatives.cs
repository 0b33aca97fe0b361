using System.Globalization;

namespace Micrograd;

/// <summary>
/// Second derivatives, Jacobians and directional derivatives of a function at a point. Each method builds the function's
/// graph from new input leaves (labelled x0, x1, …, as <see cref="GradientCheck"/> does), then differentiates it: Hessians
/// and Jacobians in reverse mode through <see cref="Gradients.Of"/>, directional derivatives in forward mode.
/// </summary>
/// <remarks>
/// None of these methods reads or changes a <see cref="Value.Grad"/>, so a function may use values of another graph (a
/// model's parameters) as constants. The function's graph is recorded even inside a <see cref="Gradients.Disabled"/> scope,
/// as PyTorch's <c>torch.autograd.functional</c> records it. NaN and infinities propagate as in <see cref="Value.Backward"/>; inside an
/// <see cref="AnomalyMode"/> scope the first non-finite gradient throws an <see cref="AnomalyException"/>.
/// </remarks>
/// <example><code>
/// // f(x, y) = x²y: gradient (2xy, x²), Hessian [[2y, 2x], [2x, 0]]
/// double[,] h = Derivatives.Hessian(v => v[0] * v[0] * v[1], [3.0, 2.0]);   // [[4, 6], [6, 0]]
/// </code></example>
public static class Derivatives
{
    /// <summary>The Hessian of a scalar function: H[i, j] = ∂²f/∂xᵢ∂xⱼ, by differentiating each gradient's graph again.</summary>
    /// <param name="function">Builds a graph from the input leaves and returns its root.</param>
    /// <param name="point">Where to differentiate; one number per input.</param>
    /// <returns>An n×n array, n the number of inputs. Row i is the gradient of ∂f/∂xᵢ; it is symmetric up to rounding.</returns>
    public static double[,] Hessian(Func<IReadOnlyList<Value>, Value> function, IReadOnlyList<double> point)
    {
        var (inputs, root) = Build(function, point);
        return HessianOfGraph(root, inputs);
    }

    /// <summary>The Hessian of a graph already built, with respect to some of its values (such as an expression's variables,
    /// <see cref="Expressions.ExpressionGraph"/>): <see cref="Hessian"/> for a graph that is not made by a function.</summary>
    /// <param name="root">The graph's output, f.</param>
    /// <param name="inputs">The values to differentiate by, x₁ … xₙ: leaves or interior values of the graph.</param>
    /// <returns>An n×n array: row i is the gradient of ∂f/∂xᵢ with respect to the inputs.</returns>
    public static double[,] HessianOfGraph(Value root, IReadOnlyList<Value> inputs)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(inputs);
        var gradient = Gradients.Of(root, inputs);
        var hessian = new double[inputs.Count, inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            var row = Gradients.Of(gradient[i], inputs);
            for (var j = 0; j < inputs.Count; j++) hessian[i, j] = row[j].Data;
        }
        return hessian;
    }

    /// <summary>
    /// The Hessian times a vector, H·v, without the Hessian: the gradient of Σᵢ vᵢ·∂f/∂xᵢ, one reverse pass over the
    /// gradient's graph (where <see cref="Hessian"/> takes one per input).
    /// </summary>
    /// <param name="function">Builds a graph from the input leaves and returns its root.</param>
    /// <param name="point">Where to differentiate; one number per input.</param>
    /// <param name="vector">v, one number per input.</param>
    /// <returns>H·v, one number per input.</returns>
    /// <exception cref="ArgumentException"><paramref name="vector"/> and <paramref name="point"/> differ in length.</exception>
    public static double[] HessianVectorProduct(Func<IReadOnlyList<Value>, Value> function, IReadOnlyList<double> point, IReadOnlyList<double> vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        var (inputs, root) = Build(function, point);
        SameLength(vector, point, nameof(vector));
        var gradient = Gradients.Of(root, inputs);
        var terms = new Value[inputs.Length];
        Value product;
        using (OpScopes.Enter(record: true)) // Σ gᵢvᵢ is a graph even inside Gradients.Disabled(), as the gradients are
        {
            for (var i = 0; i < inputs.Length; i++) terms[i] = gradient[i] * vector[i];
            product = Value.Sum(terms);
        }
        return Numbers(Gradients.Of(product, inputs));
    }

    /// <summary>The Jacobian of a function with several outputs: J[i, j] = ∂fᵢ/∂xⱼ, one reverse pass per output.</summary>
    /// <param name="function">Builds a graph from the input leaves and returns its outputs.</param>
    /// <param name="point">Where to differentiate; one number per input.</param>
    /// <returns>An m×n array: a row per output, a column per input.</returns>
    /// <exception cref="InvalidOperationException">The function returned null or a null output.</exception>
    public static double[,] Jacobian(Func<IReadOnlyList<Value>, IReadOnlyList<Value>> function, IReadOnlyList<double> point)
    {
        ArgumentNullException.ThrowIfNull(function);
        var inputs = GradientCheck.Inputs(point);
        IReadOnlyList<Value> outputs;
        using (OpScopes.Enter(record: true))
            outputs = function(inputs) ?? throw new InvalidOperationException("The function returned null instead of its outputs.");
        var jacobian = new double[outputs.Count, inputs.Length];
        for (var i = 0; i < outputs.Count; i++)
        {
            var output = outputs[i] ?? throw new InvalidOperationException($"The function's output {i.ToString(CultureInfo.InvariantCulture)} is null.");
            var row = Gradients.Of(output, inputs);
            for (var j = 0; j < inputs.Length; j++) jacobian[i, j] = row[j].Data;
        }
        return jacobian;
    }

    /// <summary>
    /// The directional derivative ∇f·v (a Jacobian-vector product) in forward mode: one sweep from the inputs to the root,
    /// in which each node's tangent is the sum over its operands of the op's gradient contribution with the operand's tangent
    /// in place of the gradient, g·∂y/∂x (the op's own formula; no other derivative is written).
    /// </summary>
    /// <remarks>Only values that depend on an input carry a tangent: a constant contributes nothing, even where the op's
    /// derivative towards it is infinite or NaN (as PyTorch's forward mode treats a tensor without a tangent). An input
    /// whose direction is 0 still carries a tangent, so 0 times an infinite derivative gives NaN, as in reverse mode.</remarks>
    /// <param name="function">Builds a graph from the input leaves and returns its root.</param>
    /// <param name="point">Where to differentiate; one number per input.</param>
    /// <param name="direction">v, one number per input (it need not be a unit vector).</param>
    /// <returns>Σᵢ vᵢ·∂f/∂xᵢ; 0 when f depends on no input.</returns>
    /// <exception cref="ArgumentException"><paramref name="direction"/> and <paramref name="point"/> differ in length.</exception>
    public static double Directional(Func<IReadOnlyList<Value>, Value> function, IReadOnlyList<double> point, IReadOnlyList<double> direction)
    {
        ArgumentNullException.ThrowIfNull(direction);
        var (inputs, root) = Build(function, point);
        SameLength(direction, point, nameof(direction));
        return DirectionalOfGraph(root, inputs, direction);
    }

    /// <summary>The directional derivative of a graph already built along <paramref name="direction"/>, by forward mode:
    /// <see cref="Directional"/> for a graph that is not made by a function (such as an expression's,
    /// <see cref="Expressions.ExpressionGraph"/>).</summary>
    /// <param name="root">The graph's output, f.</param>
    /// <param name="inputs">The values the direction moves: leaves or interior values of the graph.</param>
    /// <param name="direction">One number per input.</param>
    /// <returns>∇f · direction; an input that f does not depend on adds nothing.</returns>
    /// <exception cref="ArgumentException"><paramref name="direction"/> has another length than <paramref name="inputs"/>.</exception>
    public static double DirectionalOfGraph(Value root, IReadOnlyList<Value> inputs, IReadOnlyList<double> direction)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(direction);
        if (direction.Count != inputs.Count)
            throw new ArgumentException($"direction has {direction.Count} entries but there are {inputs.Count} inputs.", nameof(direction));
        var order = root.TopologicalOrder();
        var position = Gradients.Positions(order);
        var tangent = new double[order.Count];
        var carries = new bool[order.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            if (!position.TryGetValue(inputs[i], out var p)) continue;
            tangent[p] = direction[i];
            carries[p] = true;
        }
        for (var p = 0; p < order.Count; p++)
        {
            var node = order[p];
            if (node.Operation is not { } op) continue;
            var sum = -0.0; // −0 + x is x: a single term keeps its sign, as PyTorch's forward mode gives it
            for (var k = 0; k < node.ChildCount; k++)
            {
                var q = position[node.ChildAt(k)];
                if (!carries[q]) continue;
                sum += op.Contribution(node, k, tangent[q]);
                carries[p] = true;
            }
            tangent[p] = sum;
        }
        return tangent[^1];
    }

    private static (Value[] Inputs, Value Root) Build(Func<IReadOnlyList<Value>, Value> function, IReadOnlyList<double> point)
    {
        ArgumentNullException.ThrowIfNull(function);
        var inputs = GradientCheck.Inputs(point);
        return (inputs, GradientCheck.Root(function, inputs));
    }

    private static void SameLength(IReadOnlyList<double> vector, IReadOnlyList<double> point, string name)
    {
        if (vector.Count != point.Count)
            throw new ArgumentException($"{name} has {vector.Count} entries but the point has {point.Count}.", name);
    }

    private static double[] Numbers(Value[] values) => Array.ConvertAll(values, v => v.Data);
}
