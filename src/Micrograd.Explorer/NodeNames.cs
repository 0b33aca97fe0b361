namespace Micrograd.Explorer;

/// <summary>The names the page gives values in its formulas and table.</summary>
internal static class NodeNames
{
    /// <summary>
    /// A value's label when it has one; otherwise its op and id (<c>tanh#5</c>, <c>+#3</c>), or <c>leaf#2</c> for an
    /// unlabelled leaf (a constant of an expression). Ids are positions in topological order, as in the picture.
    /// </summary>
    public static string Of(Value node, int id) =>
        node.Label.Length > 0 ? node.Label : node.IsLeaf ? $"leaf#{id}" : $"{node.Op}#{id}";
}
