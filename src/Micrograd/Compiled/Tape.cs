using Micrograd.Ops;

namespace Micrograd.Compiled;

/// <summary>
/// A graph flattened once into arrays: every node gets a slot, and every interior node an <see cref="Instruction"/>, in
/// topological order. Slots are laid out as [declared leaves, in the order given][constants: other leaves][interior nodes,
/// in topological order]. A tape holds no <see cref="Value"/> references, so the traced graph can be collected; it is
/// immutable and shared by the <see cref="CompiledGraph"/> and <see cref="BatchedGraph"/> that replay it.
/// </summary>
internal sealed partial class Tape
{
    private Tape(Instruction[] instructions, int[] naryOperands, int leafCount, double[] constants, int rootSlot,
        int[] topologicalSlots, int[] reachedLeaves, int[] outputSlots, string[] labels)
    {
        Instructions = instructions;
        NaryOperandSlots = naryOperands;
        LeafCount = leafCount;
        Constants = constants;
        RootSlot = rootSlot;
        TopologicalSlots = topologicalSlots;
        ReachedLeaves = reachedLeaves;
        OutputSlots = outputSlots;
        Labels = labels;
    }

    public Instruction[] Instructions { get; }

    /// <summary>The operand slots of every n-ary instruction, back to back.</summary>
    public int[] NaryOperandSlots { get; }

    public int LeafCount { get; }

    /// <summary>The value of each constant; constant <c>k</c> is slot <c>LeafCount + k</c>.</summary>
    public double[] Constants { get; }

    public int FirstInteriorSlot => LeafCount + Constants.Length;

    public int SlotCount => FirstInteriorSlot + Instructions.Length;

    public int RootSlot { get; }

    /// <summary>The slot of each node of the traced graph, in topological order (the root last).</summary>
    public int[] TopologicalSlots { get; }

    /// <summary>The declared leaves (indices) that the root depends on; backward touches only these.</summary>
    public int[] ReachedLeaves { get; }

    public int[] OutputSlots { get; }

    /// <summary>Each slot's label at trace time (empty for most), for error messages.</summary>
    public string[] Labels { get; }

    /// <summary>Flattens the graph of <paramref name="root"/>.</summary>
    /// <exception cref="ArgumentException">A declared leaf is not a leaf or is given twice, or an output is not in the graph.</exception>
    public static Tape Trace(Value root, IReadOnlyList<Value> leaves, IReadOnlyList<Value> outputs)
    {
        var order = root.TopologicalOrder();
        var slots = new Dictionary<Value, int>(order.Count + leaves.Count, ReferenceEqualityComparer.Instance);
        var labels = new List<string>(order.Count + leaves.Count);
        for (var i = 0; i < leaves.Count; i++)
        {
            var leaf = leaves[i] ?? throw new ArgumentException($"leaves[{i}] is null.", nameof(leaves));
            if (!leaf.IsLeaf)
                throw new ArgumentException($"leaves[{i}] {Describe(leaf)} is not a leaf: op '{leaf.Op}' made it. Declare only leaves (inputs, parameters).", nameof(leaves));
            if (!slots.TryAdd(leaf, i))
                throw new ArgumentException($"leaves[{i}] {Describe(leaf)} is the same node as leaves[{slots[leaf]}]; declare each leaf once.", nameof(leaves));
            labels.Add(leaf.Label);
        }

        var constants = new List<double>();
        foreach (var v in order)
        {
            if (v.IsLeaf && slots.TryAdd(v, leaves.Count + constants.Count))
            {
                constants.Add(v.Data);
                labels.Add(v.Label);
            }
        }

        var instructions = new List<Instruction>(order.Count);
        var naryOperands = new List<int>();
        var next = leaves.Count + constants.Count;
        foreach (var v in order)
        {
            if (v.IsLeaf) continue;
            var slot = next++;
            slots.Add(v, slot);
            labels.Add(v.Label);
            instructions.Add(v.Operation switch
            {
                UnaryOp op => new Instruction(op, Arity.Unary, slot, slots[v.A!], 0),
                BinaryOp op => new Instruction(op, Arity.Binary, slot, slots[v.A!], slots[v.B!]),
                NaryOp op => Nary(op, slot, v, slots, naryOperands),
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
            var output = outputs[i] ?? throw new ArgumentException($"outputs[{i}] is null.", nameof(outputs));
            if (!slots.TryGetValue(output, out outputSlots[i]) || (outputSlots[i] < leaves.Count && !isReached[outputSlots[i]]))
                throw new ArgumentException($"outputs[{i}] {Describe(output)} is not in the graph of the root.", nameof(outputs));
        }

        return new Tape([.. instructions], [.. naryOperands], leaves.Count, [.. constants], slots[root],
            topologicalSlots, reached, outputSlots, [.. labels]);
    }

    private static Instruction Nary(NaryOp op, int slot, Value v, Dictionary<Value, int> slots, List<int> naryOperands)
    {
        var start = naryOperands.Count;
        foreach (var operand in v.Many!) naryOperands.Add(slots[operand]);
        return new Instruction(op, Arity.Nary, slot, start, v.Many!.Length);
    }

    internal static string Describe(Value v) =>
        (v.Label.Length > 0 ? $"'{v.Label}', " : "") + (v.IsLeaf ? "a leaf" : $"a '{v.Op}' node") + $" with data {Value.Format(v.Data)}";
}
