using Micrograd.Ops;

namespace Micrograd.Explorer;

/// <summary>
/// JavaScript text as an <see cref="IOpNumber{T}"/>: a formula instantiated on it writes itself out as the JavaScript
/// expression that computes it, which is the op's twin in <see cref="OpScript"/>. Every operand of an operator is a
/// variable, a number, a call or a parenthesized expression, so the page evaluates in the order C# does; math functions are
/// <c>Math.*</c>; <c>fma</c> and <c>pow</c> are the page's helpers that round as .NET's
/// <see cref="Math.FusedMultiplyAdd"/> and <see cref="Math.Pow"/> do, and <c>erf</c>, <c>log1p</c> and <c>expm1</c> the
/// twins of the engine's fdlibm port (see <see cref="OpScript.Helpers"/>): erf is itself written out from the engine's
/// generic erf (<see cref="Micrograd.Shared.Fdlibm.Erf{T}"/>), which zeroes a low word with the page's <c>withLowWordZero</c>.
/// </summary>
internal readonly struct ScriptNumber : IFdlibmNumber<ScriptNumber>
{
    private ScriptNumber(string text, bool isAtom)
    {
        Text = text;
        IsAtom = isAtom;
    }

    /// <summary>The JavaScript expression.</summary>
    public string Text { get; }

    /// <summary>True when <see cref="Text"/> can be an operator's operand as it is: a variable, a number, a call, or in parentheses.</summary>
    private bool IsAtom { get; }

    /// <summary>A variable of the twin: <c>x</c>, <c>a</c>, <c>b</c>, <c>y</c>, <c>g</c>, <c>xs[i]</c>.</summary>
    public static ScriptNumber Variable(string name) => new(name, isAtom: true);

    public static ScriptNumber operator +(ScriptNumber a, ScriptNumber b) => Infix(a, "+", b);

    public static ScriptNumber operator -(ScriptNumber a, ScriptNumber b) => Infix(a, "-", b);

    public static ScriptNumber operator *(ScriptNumber a, ScriptNumber b) => Infix(a, "*", b);

    public static ScriptNumber operator /(ScriptNumber a, ScriptNumber b) => Infix(a, "/", b);

    public static ScriptNumber operator -(ScriptNumber x) => new("-" + Operand(x), isAtom: false);

    /// <summary>A number literal that reads back as exactly <paramref name="value"/> (negative ones in parentheses).</summary>
    public static ScriptNumber Constant(double value) => new(OpScript.Literal(value), isAtom: true);

    public static ScriptNumber Abs(ScriptNumber x) => Call("Math.abs", x);

    public static ScriptNumber Sqrt(ScriptNumber x) => Call("Math.sqrt", x);

    public static ScriptNumber Exp(ScriptNumber x) => Call("Math.exp", x);

    public static ScriptNumber Log(ScriptNumber x) => Call("Math.log", x);

    public static ScriptNumber Sin(ScriptNumber x) => Call("Math.sin", x);

    public static ScriptNumber Cos(ScriptNumber x) => Call("Math.cos", x);

    public static ScriptNumber Tanh(ScriptNumber x) => Call("Math.tanh", x);

    public static ScriptNumber Atan(ScriptNumber x) => Call("Math.atan", x);

    public static ScriptNumber Erf(ScriptNumber x) => Call("erf", x);

    public static ScriptNumber WithLowWordZero(ScriptNumber x) => Call("withLowWordZero", x);

    public static ScriptNumber Log1p(ScriptNumber x) => Call("log1p", x);

    public static ScriptNumber Expm1(ScriptNumber x) => Call("expm1", x);

    public static ScriptNumber Pow(ScriptNumber x, ScriptNumber y) => Call("pow", x, y);

    public static ScriptNumber FusedMultiplyAdd(ScriptNumber a, ScriptNumber b, double addend) => Call("fma", a, b, Constant(addend));

    public static ScriptNumber Choose(Comparison comparison, ScriptNumber left, ScriptNumber right, ScriptNumber ifTrue, ScriptNumber ifFalse)
    {
        var op = comparison switch
        {
            Comparison.Equal => "===",
            Comparison.Less => "<",
            Comparison.LessOrEqual => "<=",
            Comparison.Greater => ">",
            _ => ">=",
        };
        // A conditional's branches are whole expressions: a conditional nested in the second needs no parentheses (a chain).
        return new($"{Operand(left)} {op} {Operand(right)} ? {Operand(ifTrue)} : {ifFalse.Text}", isAtom: false);
    }

    private static ScriptNumber Infix(ScriptNumber a, string op, ScriptNumber b) => new($"{Operand(a)} {op} {Operand(b)}", isAtom: false);

    private static string Operand(ScriptNumber x) => x.IsAtom ? x.Text : "(" + x.Text + ")";

    private static ScriptNumber Call(string function, params ReadOnlySpan<ScriptNumber> arguments)
    {
        var texts = new string[arguments.Length];
        for (var i = 0; i < texts.Length; i++) texts[i] = arguments[i].Text;
        return new($"{function}({string.Join(", ", texts)})", isAtom: true);
    }
}
