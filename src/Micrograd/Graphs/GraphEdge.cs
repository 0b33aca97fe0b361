namespace Micrograd.Graphs;

/// <summary>
/// One use of a value as an operand: an edge from the operand (<see cref="From"/>) to the node whose op used it
/// (<see cref="To"/>). A value used twice by the same op (as in <c>x * x</c>) gives two edges, with different
/// <see cref="Operand"/> indexes. Ids are positions in <see cref="ComputationGraph.Nodes"/>.
/// </summary>
/// <param name="From">The id of the operand.</param>
/// <param name="To">The id of the node whose op used the operand.</param>
/// <param name="Operand">The operand's 0-based position in <see cref="Value.Children"/> of the user (0 is the left operand).</param>
public readonly record struct GraphEdge(int From, int To, int Operand);
