using System.Numerics;
using Micrograd.Ops;

namespace Micrograd.Compiled;

/// <summary>
/// A sum with products among its terms, such as a neuron's <c>Σ(b, w₀·x₀, w₁·x₁, …)</c>, run as one instruction: the
/// products are computed inside the sum and get no slot (no value, no gradient, no lanes) of their own. This is the one
/// place outside Ops/ that knows two ops' formulas, the sum's and the product's, and it keeps them exactly: the sum starts
/// from 0.0 and adds its terms in order, each product is rounded before it is added (a multiply, then an add: no fused
/// multiply-add), and backward adds into each operand's gradient in the order <see cref="Value.Backward"/> does (the sum's
/// plain terms first, in order; then each product, from the last to the first, its left operand, then its right). So a
/// fused replay equals the unfused one, and the eager graph, bit for bit.
/// </summary>
internal static class SumOfProducts
{
    /// <summary>The n-ary sum (<see cref="Value.Sum"/>), recognised by op identity.</summary>
    public static bool IsSum(Op? op) => ReferenceEquals(op, SumOp.Instance);

    /// <summary>The product <c>a * b</c>, recognised by op identity.</summary>
    public static Op Product => MultiplyOp.Instance;

    /// <summary>
    /// The products of the graph (in topological <paramref name="order"/>) that can be fused into the sum that uses them:
    /// a product whose only use is one operand of a sum, which is not in <paramref name="pinned"/> (the root and the outputs,
    /// whose values are read), and whose backward may move to its sum's place in the sweep. It may move when no other node
    /// between the sum's first fused product and the sum itself reads an operand of those products, since such a node would
    /// add into the same gradient; this never happens in a network's layers, and when it does, the sum keeps its products as
    /// separate instructions.
    /// </summary>
    public static HashSet<Value> Fusable(List<Value> order, IReadOnlySet<Value> pinned)
    {
        var uses = new Dictionary<Value, int>(order.Count, ReferenceEqualityComparer.Instance);
        var position = new Dictionary<Value, int>(order.Count, ReferenceEqualityComparer.Instance);
        for (var p = 0; p < order.Count; p++)
        {
            var node = order[p];
            position[node] = p;
            for (var k = 0; k < node.ChildCount; k++)
            {
                var child = node.ChildAt(k);
                uses[child] = uses.GetValueOrDefault(child) + 1;
            }
        }

        var fused = new HashSet<Value>(ReferenceEqualityComparer.Instance);
        var products = new HashSet<Value>(ReferenceEqualityComparer.Instance);
        var operands = new HashSet<Value>(ReferenceEqualityComparer.Instance);
        for (var p = 0; p < order.Count; p++)
        {
            var sum = order[p];
            if (!IsSum(sum.Operation)) continue;
            products.Clear();
            operands.Clear();
            int first = -1, last = -1;
            var inOrder = true;
            foreach (var term in sum.Many!)
            {
                if (!ReferenceEquals(term.Operation, Product) || uses[term] != 1 || pinned.Contains(term)) continue;
                var at = position[term];
                inOrder &= at > last;
                if (first < 0) first = at;
                last = at;
                products.Add(term);
                operands.Add(term.A!);
                operands.Add(term.B!);
            }
            if (products.Count == 0 || !inOrder) continue;
            var clear = true;
            for (var q = first + 1; q < p && clear; q++)
            {
                var node = order[q];
                if (node.IsLeaf || products.Contains(node)) continue;
                for (var k = 0; k < node.ChildCount && clear; k++) clear = !operands.Contains(node.ChildAt(k));
            }
            if (clear) fused.UnionWith(products);
        }
        return fused;
    }

    /// <summary>The sum's value: <c>0.0</c>, then each term added in order (a product is rounded first).</summary>
    public static double Forward(ReadOnlySpan<int> left, ReadOnlySpan<int> right, double[] values)
    {
        var sum = 0.0;
        for (var k = 0; k < left.Length; k++) sum += right[k] < 0 ? values[left[k]] : values[left[k]] * values[right[k]];
        return sum;
    }

    /// <summary>The sum's backward and then its products', given the sum's gradient <paramref name="g"/>.</summary>
    public static void Backward(ReadOnlySpan<int> left, ReadOnlySpan<int> right, double[] values, double[] gradients, double g)
    {
        for (var k = 0; k < left.Length; k++)
        {
            if (right[k] < 0) gradients[left[k]] += g;
        }
        var product = g; // a product's own gradient: its one contribution, the sum's, added to the start −0
        for (var k = left.Length - 1; k >= 0; k--)
        {
            int a = left[k], b = right[k];
            if (b < 0) continue;
            gradients[a] += product * values[b];
            gradients[b] += product * values[a];
        }
    }

    /// <summary><see cref="Forward(ReadOnlySpan{int}, ReadOnlySpan{int}, double[])"/> in every lane of <paramref name="y"/>.</summary>
    public static void Forward(ReadOnlySpan<int> left, ReadOnlySpan<int> right, LaneRows values, Span<double> y)
    {
        var vy = Lanes.Of(y);
        vy.Clear();
        for (var k = 0; k < left.Length; k++)
        {
            var va = Lanes.Of(values.Row(left[k]));
            if (right[k] < 0)
            {
                for (var i = 0; i < vy.Length; i++) vy[i] += va[i];
            }
            else
            {
                var vb = Lanes.Of(values.Row(right[k]));
                for (var i = 0; i < vy.Length; i++) vy[i] += va[i] * vb[i];
            }
        }
    }

    /// <summary>
    /// <see cref="Backward(ReadOnlySpan{int}, ReadOnlySpan{int}, double[], double[], double)"/> in every lane, with the
    /// sum's gradients <paramref name="g"/>; <paramref name="product"/> is scratch of the same length.
    /// </summary>
    public static void Backward(ReadOnlySpan<int> left, ReadOnlySpan<int> right, LaneRows values, LaneRows gradients, ReadOnlySpan<double> g, Span<double> product)
    {
        var vg = Lanes.Of(g);
        for (var k = 0; k < left.Length; k++)
        {
            if (right[k] >= 0) continue;
            var ga = Lanes.Of(gradients.Row(left[k]));
            for (var i = 0; i < vg.Length; i++) ga[i] += vg[i];
        }
        var vp = Lanes.Of(product[..g.Length]);
        vg.CopyTo(vp); // each product's own gradient: its one contribution, the sum's
        for (var k = left.Length - 1; k >= 0; k--)
        {
            int a = left[k], b = right[k];
            if (b < 0) continue;
            var va = Lanes.Of(values.Row(a));
            var vb = Lanes.Of(values.Row(b));
            var ga = Lanes.Of(gradients.Row(a));
            for (var i = 0; i < vp.Length; i++) ga[i] += vp[i] * vb[i];
            var gb = Lanes.Of(gradients.Row(b));
            for (var i = 0; i < vp.Length; i++) gb[i] += vp[i] * va[i];
        }
    }
}
