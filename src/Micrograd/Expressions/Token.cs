namespace Micrograd.Expressions;

internal enum TokenKind
{
    Number,
    Name,
    Plus,
    Minus,
    Star,
    Slash,
    Power,
    Open,
    Close,
    Comma,
    End,
}

/// <summary>A lexeme of the expression language and where it starts (0-based).</summary>
internal readonly record struct Token(TokenKind Kind, int Position, string Text, double Number = 0)
{
    public string Describe() => Kind switch
    {
        TokenKind.End => "the end of the expression",
        TokenKind.Number => $"the number {Text}",
        TokenKind.Name => $"the name '{Text}'",
        _ => $"'{Text}'",
    };
}
