using System.Globalization;

namespace Micrograd.Compiled;

/// <summary>
/// A graph of <see cref="Micrograd.Value"/>s traced once into flat arrays (a tape), then replayed forward and backward as often
/// as needed while its leaves (inputs, parameters) change: no per-node objects and no allocation per replay.
/// </summary>
/// <remarks>
/// <para>
/// Replays give exactly what building the same graph afresh and calling <see cref="Value.Backward"/> gives: the same ops'
/// formulas (the op classes' own code), in the same order, so values and gradients agree bit for bit, NaN and infinities
/// included. <see cref="Backward()"/> follows <see cref="Value.Backward"/>: each call adds this call's gradient into each
/// declared leaf's gradient (reset them with <see cref="ZeroGrad"/>); interior gradients start again from 0.
/// </para>
/// <para>
/// <b>Leaves.</b> The leaves passed to <see cref="Compile(Value, IReadOnlyList{Value}, IReadOnlyList{Value})"/> are the
/// tape's inputs, numbered in the order given: set them with <see cref="SetLeaf"/>, <see cref="LeafValues"/> or
/// <see cref="ReadLeaves"/>. Every other leaf of the graph is a constant: its data is copied at compile time and never read
/// again. The tape keeps no reference to the graph's interior nodes, only to the declared leaves.
/// </para>
/// <para>
/// <b>Structure.</b> A tape replays one structure. Code that builds a graph per step can check that the new graph still has
/// that structure with <see cref="Verify(Value)"/> or <see cref="Rebind"/>, which throw a <see cref="GraphStructureException"/>
/// naming the first node that differs (a different op, operand, leaf or constant, as when a branch of the code took another
/// path); compile again in that case. Anomaly mode (<see cref="AnomalyMode"/>) does not apply to replays, and a graph
/// with a gradient hook (<see cref="Value.RegisterHook"/>) is refused, since replays could not run it.
/// </para>
/// <para>Not thread-safe; separate instances may be used on separate threads.</para>
/// </remarks>
/// <example><code>
/// var w = new Value(0.5, "w"); var x = new Value(2.0, "x"); var b = new Value(-1.0, "b");
/// var y = (w * x + b).Tanh();
/// var tape = CompiledGraph.Compile(y, [w, x, b]);
/// for (var step = 0; step &lt; 100; step++)
/// {
///     tape.SetLeaf(1, step * 0.01);   // a new x
///     tape.Forward();                 // tape.Value is tanh(w*x + b)
///     tape.ZeroGrad();
///     tape.Backward();                // tape.LeafGradients[0] is d/dw
/// }
/// </code></example>
public sealed class CompiledGraph
{
    private readonly Tape _tape;
    private readonly Value[] _leaves;
    private readonly double[] _values;
    private readonly double[] _gradients;
    private readonly double[] _saved;

    private CompiledGraph(Tape tape, Value[] leaves)
    {
        _tape = tape;
        _leaves = leaves;
        _values = new double[tape.SlotCount];
        _gradients = new double[tape.SlotCount];
        _saved = new double[tape.LeafCount];
        tape.Constants.CopyTo(_values, tape.LeafCount);
        ReadLeaves();
        Forward();
    }

    /// <summary>Compiles the graph of <paramref name="root"/> with every leaf as an input, numbered in topological order
    /// (the order of <see cref="Value.TopologicalOrder"/>).</summary>
    /// <param name="root">The node whose value and gradients the tape computes.</param>
    /// <returns>A tape holding the leaves' current data and gradients, already run forward.</returns>
    /// <exception cref="NotSupportedException">A value of the graph has a gradient hook (<see cref="Value.RegisterHook"/>).</exception>
    public static CompiledGraph Compile(Value root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return Compile(root, root.TopologicalOrder().Where(v => v.IsLeaf).ToArray());
    }

    /// <summary>Compiles the graph of <paramref name="root"/>.</summary>
    /// <param name="root">The node whose value and gradients the tape computes.</param>
    /// <param name="leaves">The inputs, numbered in this order: leaves of the graph (a leaf the root does not depend on is
    /// allowed and gets gradient 0). Every other leaf is a constant.</param>
    /// <param name="outputs">Other nodes of the graph whose value and gradient should be readable after a replay
    /// (<see cref="OutputValue"/>, <see cref="OutputGradient"/>), such as a model's score beside its loss; none by default.</param>
    /// <returns>A tape holding the leaves' current data and gradients, already run forward.</returns>
    /// <exception cref="ArgumentException">A declared leaf is null, not a leaf, or given twice; an output is not in the graph.</exception>
    /// <exception cref="NotSupportedException">A value of the graph has a gradient hook (<see cref="Value.RegisterHook"/>),
    /// which replays could not run.</exception>
    public static CompiledGraph Compile(Value root, IReadOnlyList<Value> leaves, IReadOnlyList<Value>? outputs = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(leaves);
        var tape = Tape.Trace(root, leaves, outputs ?? []);
        return new CompiledGraph(tape, [.. leaves]);
    }

    /// <summary>The number of nodes of the compiled graph (its topological order's length).</summary>
    public int NodeCount => _tape.TopologicalSlots.Length;

    /// <summary>The number of value slots a replay uses (leaves, constants and interior nodes): the size of its arrays.</summary>
    internal int SlotCount => _tape.SlotCount;

    /// <summary>Whether the root depends on declared leaf <paramref name="leaf"/> (whose gradient a backward pass then sets).</summary>
    internal bool Reaches(int leaf) => Array.BinarySearch(_tape.ReachedLeaves, leaf) >= 0;

    /// <summary>The number of declared leaves.</summary>
    public int LeafCount => _tape.LeafCount;

    /// <summary>The number of outputs given at compile time.</summary>
    public int OutputCount => _tape.OutputSlots.Length;

    /// <summary>The declared leaves, in their numbering, that <see cref="ReadLeaves"/> and <see cref="WriteGradients"/> use.</summary>
    public IReadOnlyList<Value> Leaves => Array.AsReadOnly(_leaves);

    /// <summary>The leaves' values as the tape sees them; write into it to set inputs (no allocation).</summary>
    public Span<double> LeafValues => _values.AsSpan(0, _tape.LeafCount);

    /// <summary>The leaves' gradients, accumulated over <see cref="Backward()"/> calls since the last <see cref="ZeroGrad"/>
    /// (or since compiling, which starts from the leaves' <see cref="Value.Grad"/>).</summary>
    public Span<double> LeafGradients => _gradients.AsSpan(0, _tape.LeafCount);

    /// <summary>The root's value after the last <see cref="Forward"/>. NaN and infinities are kept, as in the graph.</summary>
    public double Value => _values[_tape.RootSlot];

    /// <summary>Sets declared leaf <paramref name="index"/>'s value for the next <see cref="Forward"/>.</summary>
    /// <param name="index">The leaf's number.</param>
    /// <param name="value">Any double, NaN and infinities included.</param>
    public void SetLeaf(int index, double value)
    {
        CheckIndex(index, LeafCount, "leaf");
        _values[index] = value;
    }

    /// <summary>The value of output <paramref name="index"/> after the last <see cref="Forward"/>.</summary>
    /// <param name="index">The output's position in the list given at compile time.</param>
    public double OutputValue(int index)
    {
        CheckIndex(index, OutputCount, "output");
        return _values[_tape.OutputSlots[index]];
    }

    /// <summary>d(root)/d(output <paramref name="index"/>) after the last <see cref="Backward()"/>.</summary>
    /// <param name="index">The output's position in the list given at compile time.</param>
    public double OutputGradient(int index)
    {
        CheckIndex(index, OutputCount, "output");
        return _gradients[_tape.OutputSlots[index]];
    }

    /// <summary>Recomputes every node from the current leaf values, in topological order. Allocates nothing.</summary>
    public void Forward() => _tape.Forward(_values);

    /// <summary>
    /// d(root)/d(leaf) for every declared leaf, from the values of the last <see cref="Forward"/>, added into
    /// <see cref="LeafGradients"/> as <see cref="Value.Backward"/> adds into <see cref="Value.Grad"/>: interior gradients
    /// start from 0 and the root's from 1, and each leaf the root depends on receives this call's gradient once. Allocates nothing.
    /// IEEE rules apply as in <see cref="Value.Backward"/> (a zero gradient times an infinite local derivative is NaN).
    /// </summary>
    public void Backward() => Backward(1.0);

    /// <summary>
    /// <see cref="Backward()"/> starting from the root's gradient <paramref name="seed"/> instead of 1, as when the root is
    /// one term of a larger loss and <paramref name="seed"/> is d(loss)/d(root). Allocates nothing.
    /// </summary>
    /// <param name="seed">The root's gradient; any double.</param>
    public void Backward(double seed)
    {
        var grads = _gradients;
        var reached = _tape.ReachedLeaves;
        // as Value.Backward: every sum starts from −0 (the identity of addition), and a leaf's call sum is added to what it held
        foreach (var i in reached)
        {
            _saved[i] = grads[i];
            grads[i] = -0.0;
        }
        grads.AsSpan(_tape.LeafCount).Fill(-0.0);
        grads[_tape.RootSlot] = seed;
        _tape.Backward(_values, grads);
        foreach (var i in reached) grads[i] = Micrograd.Value.Accumulated(grads[i], _saved[i]);
    }

    /// <summary>Sets every declared leaf's gradient in the tape to 0 (the leaves' own <see cref="Value.Grad"/> are not touched).</summary>
    public void ZeroGrad() => LeafGradients.Clear();

    /// <summary>Copies each declared leaf's <see cref="Value.Data"/> and <see cref="Value.Grad"/> into the tape, for example
    /// after an optimizer updated the parameters. Allocates nothing.</summary>
    public void ReadLeaves()
    {
        for (var i = 0; i < _leaves.Length; i++)
        {
            _values[i] = _leaves[i].Data;
            _gradients[i] = _leaves[i].Grad;
        }
    }

    /// <summary>Sets each declared leaf's <see cref="Value.Grad"/> to its gradient in the tape (<see cref="LeafGradients"/>),
    /// for code that reads gradients from the leaves, such as an optimizer. Allocates nothing.</summary>
    public void WriteGradients()
    {
        for (var i = 0; i < _leaves.Length; i++) _leaves[i].Grad = _gradients[i];
    }

    /// <summary>Checks that a freshly built graph has the compiled structure, with the same leaf objects as the tape's
    /// (see <see cref="Verify(Value, IReadOnlyList{Value})"/>).</summary>
    /// <param name="root">The new graph's root.</param>
    /// <exception cref="GraphStructureException">The structure differs; the message names the first node that differs.</exception>
    public void Verify(Value root) => Verify(root, _leaves);

    /// <summary>
    /// Checks that <paramref name="root"/>'s graph, with <paramref name="leaves"/> in the roles of the compiled leaves, has the
    /// compiled structure: the same nodes in topological order, with the same op (a constant power's exponent included) and the
    /// same operands at each, declared leaf k where the tape has leaf k, and a constant with the same value (bit for bit) where
    /// the tape has a constant. Leaf data and the values of interior nodes are not compared.
    /// </summary>
    /// <param name="root">The new graph's root.</param>
    /// <param name="leaves">The new graph's inputs, numbered as at compile time.</param>
    /// <exception cref="ArgumentException"><paramref name="leaves"/> does not have <see cref="LeafCount"/> elements.</exception>
    /// <exception cref="GraphStructureException">The structure differs; the message names the first node that differs.</exception>
    public void Verify(Value root, IReadOnlyList<Value> leaves)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(leaves);
        if (leaves.Count != LeafCount)
            throw new ArgumentException($"The tape has {LeafCount} leaves; {leaves.Count} were given.", nameof(leaves));
        _tape.Verify(root, leaves);
    }

    /// <summary>
    /// Verifies a freshly built graph (<see cref="Verify(Value, IReadOnlyList{Value})"/>), then makes its leaves the tape's
    /// leaves and reads their data and gradients (<see cref="ReadLeaves"/>): the tape then replays the new graph.
    /// </summary>
    /// <param name="root">The new graph's root.</param>
    /// <param name="leaves">The new graph's inputs, numbered as at compile time.</param>
    /// <exception cref="GraphStructureException">The structure differs; the tape is unchanged.</exception>
    public void Rebind(Value root, IReadOnlyList<Value> leaves)
    {
        Verify(root, leaves);
        for (var i = 0; i < _leaves.Length; i++) _leaves[i] = leaves[i];
        ReadLeaves();
    }

    /// <summary>
    /// A replayer of this tape over many samples at once (lanes), with <see cref="System.Numerics.Vector{T}"/> arithmetic:
    /// the same graph evaluated for <paramref name="samples"/> different leaf values. Every lane starts with this tape's
    /// current leaf values.
    /// </summary>
    /// <param name="samples">The number of samples (lanes), at least 1, and few enough that a row of this graph's values
    /// for every sample fits in one array.</param>
    /// <returns>A new batched replayer; this tape is not changed by it.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samples"/> is below 1 or too large for an array.</exception>
    public BatchedGraph Batch(int samples)
    {
        var plan = LanePlan.Create(_tape, 0);
        CheckSamples(samples, plan);
        return new BatchedGraph(_tape, plan, LeafValues, samples);
    }

    /// <summary>Refuses fewer than 1 sample, or more than the values' arrays (a row per slot, a lane per sample, padded) can hold.</summary>
    private static void CheckSamples(int samples, LanePlan plan)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        // the padding of a row to whole vectors adds less than 64 lanes
        var most = Array.MaxLength / Math.Max(1, plan.RowCount) - 64;
        if (samples > most)
        {
            throw new ArgumentOutOfRangeException(nameof(samples), samples,
                string.Create(CultureInfo.InvariantCulture, $"At most {Math.Max(0, most)} samples fit in the arrays of a graph of {plan.RowCount} rows."));
        }
    }

    /// <summary>How a replay over lanes runs this tape when its leaves <c>0 … shared − 1</c> hold the same value in every
    /// sample (a model's parameters): see <see cref="LanePlan"/>.</summary>
    internal LanePlan Plan(int shared) => LanePlan.Create(_tape, shared);

    /// <summary><see cref="Batch(int)"/> with a plan from <see cref="Plan"/>: the shared leaves are then set with
    /// <see cref="BatchedGraph.SetLeaf(int, double)"/> only, and their gradients come summed over the samples.</summary>
    /// <exception cref="ArgumentException"><paramref name="plan"/> was made by another compiled graph's <see cref="Plan"/>.</exception>
    internal BatchedGraph Batch(int samples, LanePlan plan)
    {
        CheckSamples(samples, plan);
        if (!plan.IsFor(_tape))
            throw new ArgumentException("The plan was made for another compiled graph: make it with this graph's Plan.", nameof(plan));
        return new BatchedGraph(_tape, plan, LeafValues, samples);
    }

    internal static void CheckIndex(int index, int count, string what)
    {
        if ((uint)index >= (uint)count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"There are {count} {what} slots (0 to {count - 1}); {index} is not one of them.");
    }
}
