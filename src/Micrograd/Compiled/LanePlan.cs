namespace Micrograd.Compiled;

/// <summary>
/// How a <see cref="BatchedGraph"/> runs a tape over lanes. Without shared leaves, every slot has a row of lanes and every
/// instruction runs on its own. With shared leaves (leaves <c>0 … shared − 1</c> hold the same value in every sample, as a
/// model's parameters do), the sums of products that form a dense layer (<see cref="DenseLayer"/>) run together as one
/// blocked kernel, and the shared leaves, which then have no row, are single numbers whose gradients are summed over the
/// samples as the kernel goes. That needs every shared leaf the graph uses to be a weight or a bias of such a layer, used
/// once; otherwise the plan falls back to rows for every slot.
/// </summary>
internal sealed class LanePlan
{
    /// <summary>An instruction that runs on its own.</summary>
    public const int Alone = -1;

    /// <summary>An instruction that a layer placed earlier runs.</summary>
    public const int InLayer = -2;

    private readonly Tape _tape;

    private LanePlan(Tape tape, int scalarLeaves, List<List<int>> layers, int[] layerAt)
    {
        _tape = tape;
        ScalarLeaves = scalarLeaves;
        RowCount = tape.SlotCount - scalarLeaves;
        Layers = layers;
        LayerAt = layerAt;
    }

    /// <summary>Leaves <c>0 … ScalarLeaves − 1</c> are one number for every sample and have no row; rows start at this slot.</summary>
    public int ScalarLeaves { get; }

    /// <summary>The number of slots with a row of lanes.</summary>
    public int RowCount { get; }

    /// <summary>The instructions of each dense layer (<see cref="DenseLayer"/>), in order.</summary>
    public List<List<int>> Layers { get; }

    /// <summary>Per instruction: <see cref="Alone"/>, <see cref="InLayer"/>, or the layer (an index into <see cref="Layers"/>)
    /// that runs at this instruction's place: its first member's, where all of its inputs are computed.</summary>
    public int[] LayerAt { get; }

    /// <summary>True when this plan was made for <paramref name="tape"/> (<see cref="Create"/>): its slots and instructions.</summary>
    public bool IsFor(Tape tape) => ReferenceEquals(tape, _tape);

    /// <summary>The plan for a tape whose leaves <c>0 … shared − 1</c> hold the same value in every sample.</summary>
    public static LanePlan Create(Tape tape, int shared)
    {
        var alone = Enumerable.Repeat(Alone, tape.Instructions.Length).ToArray();
        if (shared == 0) return new LanePlan(tape, 0, [], alone);
        var groups = DenseLayer.Find(tape, shared);
        if (!EverySharedLeafIsInALayerOnce(tape, shared, groups)) return new LanePlan(tape, 0, [], alone);
        var layerAt = alone;
        for (var g = 0; g < groups.Count; g++)
        {
            layerAt[groups[g][0]] = g;
            foreach (var member in groups[g].Skip(1)) layerAt[member] = InLayer;
        }
        return new LanePlan(tape, shared, groups, layerAt);
    }

    private static bool EverySharedLeafIsInALayerOnce(Tape tape, int shared, List<List<int>> groups)
    {
        var uses = new int[shared];
        void Use(int slot)
        {
            if (slot < shared) uses[slot]++;
        }
        foreach (var ins in tape.Instructions)
        {
            switch (ins.Arity)
            {
                case Arity.Unary:
                    Use(ins.A);
                    break;
                case Arity.Binary:
                    Use(ins.A);
                    Use(ins.B);
                    break;
                default:
                    for (var k = ins.A; k < ins.A + ins.B; k++)
                    {
                        Use(tape.TermLeft[k]);
                        if (tape.TermRight[k] >= 0) Use(tape.TermRight[k]);
                    }
                    break;
            }
        }
        foreach (var slot in tape.OutputSlots) Use(slot);
        Use(tape.RootSlot);
        var inLayers = new int[shared];
        foreach (var member in groups.SelectMany(g => g))
        {
            var ins = tape.Instructions[member];
            for (var k = ins.A; k < ins.A + ins.B; k++) inLayers[tape.TermLeft[k]]++;
        }
        for (var leaf = 0; leaf < shared; leaf++)
        {
            if (uses[leaf] != 0 && (uses[leaf] != 1 || inLayers[leaf] != 1)) return false;
        }
        return true;
    }
}
