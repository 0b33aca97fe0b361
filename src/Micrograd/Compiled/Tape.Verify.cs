using Micrograd.Ops;

namespace Micrograd.Compiled;

// The structure check: does a freshly built graph compute what this tape computes?
internal sealed partial class Tape
{
    /// <summary>
    /// Checks that <paramref name="root"/>'s graph has this tape's structure, node by node in topological order: the same
    /// op (and constant exponent) at each interior node with the same operands, declared leaf <c>k</c> exactly where the tape
    /// has it (as <paramref name="leaves"/>[k]), and the same constant (bit for bit) at each other leaf.
    /// </summary>
    /// <exception cref="GraphStructureException">At the first node that differs.</exception>
    public void Verify(Value root, IReadOnlyList<Value> leaves)
    {
        var order = root.TopologicalOrder();
        var leafIndex = new Dictionary<Value, int>(leaves.Count, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < leaves.Count; i++) leafIndex.TryAdd(leaves[i], i);
        var slots = new Dictionary<Value, int>(order.Count, ReferenceEqualityComparer.Instance);
        var count = TopologicalSlots.Length;
        var common = Math.Min(order.Count, count);
        for (var p = 0; p < common; p++)
        {
            var node = order[p];
            var slot = TopologicalSlots[p];
            var problem = Difference(node, slot, leaves, leafIndex, slots);
            if (problem is not null)
                throw new GraphStructureException($"The graph's structure differs from the compiled graph at node {p} of {count} (in topological order): {problem}", p);
            slots[node] = slot;
        }
        if (order.Count != count)
        {
            var extra = order.Count > count ? $" Its node {count} is {Describe(order[count])}." : "";
            throw new GraphStructureException(
                $"The graph's structure differs from the compiled graph: it has {order.Count} nodes where the compiled graph has {count}, and its first {common} nodes match.{extra}", common);
        }
    }

    private string? Difference(Value node, int slot, IReadOnlyList<Value> leaves, Dictionary<Value, int> leafIndex, Dictionary<Value, int> slots)
    {
        string Found() => $"the graph has {Describe(node)}" + (leafIndex.TryGetValue(node, out var k) ? $" (declared leaf {k})" : "");

        if (slot < LeafCount)
            return ReferenceEquals(node, leaves[slot]) ? null : $"the tape has {DescribeSlot(slot)}, {Found()}.";

        if (slot < FirstInteriorSlot)
        {
            var constant = Constants[slot - LeafCount];
            var sameConstant = node.IsLeaf && !leafIndex.ContainsKey(node) &&
                (BitConverter.DoubleToInt64Bits(node.Data) == BitConverter.DoubleToInt64Bits(constant) || (double.IsNaN(node.Data) && double.IsNaN(constant)));
            return sameConstant ? null : $"the tape has {DescribeSlot(slot)}, {Found()}.";
        }

        var (tapeOp, operands) = Interior(slot);
        var expected = $"the tape has {DescribeSlot(slot)} of ({string.Join(", ", operands.Select(DescribeSlot))})";
        if (node.Operation is not { } op || !op.SameAs(tapeOp)) return $"{expected}, {Found()}.";
        var children = Enumerable.Range(0, node.ChildCount).Select(k => node.ChildAt(k)).ToList();
        var same = children.Count == operands.Length &&
            children.Select((c, k) => slots.TryGetValue(c, out var s) && s == operands[k]).All(b => b);
        return same
            ? null
            : $"{expected}, the graph has {Describe(node)} of ({string.Join(", ", children.Select(c => slots.TryGetValue(c, out var s) ? DescribeSlot(s) : Describe(c)))}).";
    }

    private string DescribeSlot(int slot)
    {
        var label = Labels[slot].Length > 0 ? $" '{Labels[slot]}'" : "";
        if (slot < LeafCount) return $"declared leaf {slot}{label}";
        if (slot < FirstInteriorSlot) return $"the constant {Value.Format(Constants[slot - LeafCount])}{label}";
        return $"a '{Interior(slot).Op.Name}' node{label}";
    }

    /// <summary>The op and operand slots of an interior slot: an instruction's output, or a product fused into its sum.</summary>
    private (Op Op, int[] Operands) Interior(int slot)
    {
        if (slot >= SlotCount)
        {
            var (a, b) = FusedProducts[slot - SlotCount];
            return (SumOfProducts.Product, [a, b]);
        }
        var ins = Instructions[slot - FirstInteriorSlot];
        return (ins.Op, [.. Enumerable.Range(0, ins.OperandCount).Select(k => ins.Operand(k, NaryOperandSlots))]);
    }
}
