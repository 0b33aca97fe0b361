namespace Micrograd.Expressions;

/// <summary>Expression text that cannot be parsed, or values that do not fit it.</summary>
public sealed class ExpressionException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and, for syntax errors, the 1-based position and what was expected.</param>
    /// <param name="position">The 0-based index in the text where the problem is, or -1 when it is not about one place.</param>
    public ExpressionException(string message, int position = -1)
        : base(message)
    {
        Position = position;
    }

    /// <summary>The 0-based index in the text where the problem is, or -1 when it is not about one place (such as a missing value).</summary>
    public int Position { get; }
}
