using System.Collections;

namespace Micrograd;

/// <summary>
/// The operands of the op that produced a <see cref="Value"/> (<see cref="Value.Children"/>), in order; an operand used
/// twice appears twice. A view of the node, made without allocating: reading it copies nothing.
/// </summary>
public readonly struct ValueChildren : IReadOnlyList<Value>
{
    private readonly Value? _node;

    internal ValueChildren(Value node) => _node = node;

    /// <summary>How many operands: 0 for a leaf, 1 or 2 for unary and binary ops, any number for a sum.</summary>
    public int Count => _node?.ChildCount ?? 0;

    /// <summary>Operand <paramref name="index"/>, from 0.</summary>
    /// <param name="index">At least 0 and less than <see cref="Count"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the operands.</exception>
    public Value this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return _node!.ChildAt(index);
        }
    }

    /// <summary>Enumerates the operands in order.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<Value> IEnumerable<Value>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Enumerates the operands of a <see cref="ValueChildren"/> without allocating.</summary>
    public struct Enumerator : IEnumerator<Value>
    {
        private readonly ValueChildren _children;
        private int _index;

        internal Enumerator(ValueChildren children)
        {
            _children = children;
            _index = -1;
        }

        /// <summary>The current operand.</summary>
        public readonly Value Current => _children[_index];

        readonly object IEnumerator.Current => Current;

        /// <summary>Moves to the next operand.</summary>
        /// <returns>False after the last.</returns>
        public bool MoveNext() => ++_index < _children.Count;

        /// <summary>Goes back to before the first operand.</summary>
        public void Reset() => _index = -1;

        /// <summary>Does nothing: nothing is held.</summary>
        public readonly void Dispose()
        {
        }
    }
}
