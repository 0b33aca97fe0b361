using System.Globalization;

namespace Micrograd.Expressions;

/// <summary>Splits expression text into tokens.</summary>
internal static class Lexer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                tokens.Add(ReadNumber(text, ref i));
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_')) i++;
                tokens.Add(new Token(TokenKind.Name, start, text[start..i]));
            }
            else
            {
                var (kind, length) = c switch
                {
                    '+' => (TokenKind.Plus, 1),
                    '-' => (TokenKind.Minus, 1),
                    '*' when i + 1 < text.Length && text[i + 1] == '*' => (TokenKind.Power, 2),
                    '*' => (TokenKind.Star, 1),
                    '/' => (TokenKind.Slash, 1),
                    '(' => (TokenKind.Open, 1),
                    ')' => (TokenKind.Close, 1),
                    ',' => (TokenKind.Comma, 1),
                    _ => throw new ExpressionException(
                        $"unexpected character '{c}' at position {start + 1}: expected a number, a name, an operator (+ - * / **) or a parenthesis",
                        start),
                };
                tokens.Add(new Token(kind, start, text.Substring(start, length)));
                i += length;
            }
        }
        tokens.Add(new Token(TokenKind.End, text.Length, ""));
        return tokens;
    }

    private static Token ReadNumber(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        }
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            var j = i + 1;
            if (j < text.Length && (text[j] == '+' || text[j] == '-')) j++;
            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                while (j < text.Length && char.IsAsciiDigit(text[j])) j++;
                i = j;
            }
            else
            {
                throw new ExpressionException(
                    $"malformed number '{text[start..Math.Min(j, text.Length)]}' at position {start + 1}: expected digits after the exponent 'e'",
                    start);
            }
        }
        var literal = text[start..i];
        var value = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(value))
        {
            // as everywhere else in the tool: an out-of-range number is an error, not silently an infinity
            var shown = literal.Length <= 40 ? literal : literal[..40] + "…";
            throw new ExpressionException(
                $"the number '{shown}' at position {start + 1} is too large for a double (at most about 1.8e308)", start);
        }
        return new Token(TokenKind.Number, start, literal, value);
    }
}
