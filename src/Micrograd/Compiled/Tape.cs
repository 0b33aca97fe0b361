using Micrograd.Ops;

namespace Micrograd.Compiled;

/// <summary>
/// A graph flattened once into arrays: every node gets a slot, and every interior node an <see cref="Instruction"/>, in
/// topological order, except products fused into the sum that uses them (<see cref="SumOfProducts"/>). Slots are laid out as
/// [declared leaves, in the order given][constants: other leaves][interior nodes, in topological order][fused products,
/// which have no storage]. A tape holds no <see cref="Value"/> references, so the traced graph can be collected; it is
/// immutable and shared by the <see cref="CompiledGraph"/> and <see cref="BatchedGraph"/> that replay it.
/// </summary>
internal sealed partial class Tape
{
    private Tape(Instruction[] instructions, int[] naryOperands, int[] termLeft, int[] termRight, (int A, int B)[] fusedProducts,
        int leafCount, double[] constants, int rootSlot, int[] topologicalSlots, int[] reachedLeaves, int[] outputSlots, string[] labels)
    {
        Instructions = instructions;
        NaryOperandSlots = naryOperands;
        TermLeft = termLeft;
        TermRight = termRight;
        FusedProducts = fusedProducts;
        LeafCount = leafCount;
        Constants = constants;
        RootSlot = rootSlot;
        TopologicalSlots = topologicalSlots;
        ReachedLeaves = reachedLeaves;
        OutputSlots = outputSlots;
        Labels = labels;
    }

    public Instruction[] Instructions { get; }

    /// <summary>The operand slots of every n-ary instruction, back to back (a fused product's slot for each of a sum of
    /// products' product terms).</summary>
    public int[] NaryOperandSlots { get; }

    /// <summary>Beside <see cref="NaryOperandSlots"/>: a sum of products' terms, the left operand's slot (or the plain term's).</summary>
    public int[] TermLeft { get; }

    /// <summary>Beside <see cref="NaryOperandSlots"/>: a sum of products' terms, the right operand's slot, or −1 for a plain term.</summary>
    public int[] TermRight { get; }

    /// <summary>The operands of each product fused into its sum: product <c>k</c> is slot <c>SlotCount + k</c>, which has no storage.</summary>
    public (int A, int B)[] FusedProducts { get; }

    public int LeafCount { get; }

    /// <summary>The value of each constant; constant <c>k</c> is slot <c>LeafCount + k</c>.</summary>
    public double[] Constants { get; }

    public int FirstInteriorSlot => LeafCount + Constants.Length;

    /// <summary>The slots with storage (a value and a gradient): leaves, constants and the instructions' outputs.</summary>
    public int SlotCount => FirstInteriorSlot + Instructions.Length;

    public int RootSlot { get; }

    /// <summary>The slot of each node of the traced graph, in topological order (the root last).</summary>
    public int[] TopologicalSlots { get; }

    /// <summary>The declared leaves (indices) that the root depends on; backward touches only these.</summary>
    public int[] ReachedLeaves { get; }

    public int[] OutputSlots { get; }

    /// <summary>Each slot's label at trace time (empty for most), for error messages.</summary>
    public string[] Labels { get; }

    /// <summary>Flattens the graph of <paramref name="root"/>, fusing products into the sums that use them (<see cref="SumOfProducts"/>).</summary>
    /// <exception cref="ArgumentException">A declared leaf is not a leaf or is given twice, or an output is not in the graph.</exception>
    /// <exception cref="NotSupportedException">A value of the graph has a gradient hook.</exception>
    public static Tape Trace(Value root, IReadOnlyList<Value> leaves, IReadOnlyList<Value> outputs)
    {
        var order = root.TopologicalOrder();
        foreach (var v in order)
        {
            if (v.HasHooks)
                throw new NotSupportedException($"{Describe(v)} has a gradient hook (Value.RegisterHook), which the compiled mode does not run: dispose the hook's handle, or use Value.Backward.");
        }
        var slots = new Dictionary<Value, int>(order.Count + leaves.Count, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < leaves.Count; i++)
        {
            var leaf = leaves[i] ?? throw new ArgumentException($"leaves[{i}] is null.", nameof(leaves));
            if (!leaf.IsLeaf)
                throw new ArgumentException($"leaves[{i}] {Describe(leaf)} is not a leaf: op '{leaf.Op}' made it. Declare only leaves (inputs, parameters).", nameof(leaves));
            if (!slots.TryAdd(leaf, i))
                throw new ArgumentException($"leaves[{i}] {Describe(leaf)} is the same node as leaves[{slots[leaf]}]; declare each leaf once.", nameof(leaves));
        }
        var pinned = new HashSet<Value>(ReferenceEqualityComparer.Instance) { root };
        for (var i = 0; i < outputs.Count; i++) pinned.Add(outputs[i] ?? throw new ArgumentException($"outputs[{i}] is null.", nameof(outputs)));
        var fused = SumOfProducts.Fusable(order, pinned);

        var constants = new List<double>();
        foreach (var v in order)
        {
            if (v.IsLeaf && slots.TryAdd(v, leaves.Count + constants.Count)) constants.Add(v.Data);
        }
        var next = leaves.Count + constants.Count;
        var nextFused = next + order.Count(v => !v.IsLeaf) - fused.Count;
        foreach (var v in order)
        {
            if (!v.IsLeaf) slots.Add(v, fused.Contains(v) ? nextFused++ : next++);
        }
        var labels = new string[nextFused];
        foreach (var (node, slot) in slots) labels[slot] = node.Label;

        var instructions = new List<Instruction>(next - leaves.Count - constants.Count);
        var fusedProducts = new (int A, int B)[fused.Count];
        var naryOperands = new List<int>();
        var termLeft = new List<int>();
        var termRight = new List<int>();
        foreach (var v in order)
        {
            if (v.IsLeaf) continue;
            var slot = slots[v];
            if (fused.Contains(v))
            {
                fusedProducts[slot - next] = (slots[v.A!], slots[v.B!]);
                continue;
            }
            instructions.Add(v.Operation switch
            {
                UnaryOp op => new Instruction(op, Arity.Unary, slot, slots[v.A!], 0),
                BinaryOp op => new Instruction(op, Arity.Binary, slot, slots[v.A!], slots[v.B!]),
                NaryOp op => Nary(op, slot, v, slots, fused, naryOperands, termLeft, termRight),
                var op => throw new NotSupportedException($"Op '{op!.Name}' is neither unary, binary nor n-ary; the compiled mode cannot replay it."),
            });
        }

        var topologicalSlots = new int[order.Count];
        var isReached = new bool[leaves.Count];
        for (var p = 0; p < order.Count; p++)
        {
            var slot = slots[order[p]];
            topologicalSlots[p] = slot;
            if (slot < leaves.Count) isReached[slot] = true;
        }
        var reached = Enumerable.Range(0, leaves.Count).Where(i => isReached[i]).ToArray();

        var outputSlots = new int[outputs.Count];
        for (var i = 0; i < outputs.Count; i++)
        {
            var output = outputs[i];
            if (!slots.TryGetValue(output, out outputSlots[i]) || (outputSlots[i] < leaves.Count && !isReached[outputSlots[i]]))
                throw new ArgumentException($"outputs[{i}] {Describe(output)} is not in the graph of the root.", nameof(outputs));
        }

        return new Tape([.. instructions], [.. naryOperands], [.. termLeft], [.. termRight], fusedProducts, leaves.Count, [.. constants],
            slots[root], topologicalSlots, reached, outputSlots, labels);
    }

    private static Instruction Nary(NaryOp op, int slot, Value v, Dictionary<Value, int> slots, HashSet<Value> fused,
        List<int> naryOperands, List<int> termLeft, List<int> termRight)
    {
        var start = naryOperands.Count;
        var products = false;
        foreach (var operand in v.Many!)
        {
            naryOperands.Add(slots[operand]);
            var product = fused.Contains(operand);
            products |= product;
            termLeft.Add(product ? slots[operand.A!] : slots[operand]);
            termRight.Add(product ? slots[operand.B!] : -1);
        }
        return new Instruction(op, products ? Arity.SumOfProducts : Arity.Nary, slot, start, v.Many!.Length);
    }

    internal static string Describe(Value v) =>
        (v.Label.Length > 0 ? $"'{v.Label}', " : "") + (v.IsLeaf ? "a leaf" : $"a '{v.Op}' node") + $" with data {Value.Format(v.Data)}";
}
