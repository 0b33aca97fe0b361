namespace Micrograd.Explorer.Tests.Support;

/// <summary>Counts, in a page, the calls that read an element's place on screen (<c>getBoundingClientRect</c>, <c>getClientRects</c>).</summary>
public static class LayoutReads
{
    /// <summary>Starts counting from 0.</summary>
    public const string Install = """
        () => {
          window.layoutReads = 0;
          for (const name of ['getBoundingClientRect', 'getClientRects']) {
            const original = Element.prototype[name];
            Element.prototype[name] = function (...args) { window.layoutReads++; return original.apply(this, args); };
          }
        }
        """;

    /// <summary>Counts from 0 again.</summary>
    public const string Reset = "() => { window.layoutReads = 0; }";

    /// <summary>How many reads since <see cref="Install"/>.</summary>
    public const string Count = "() => window.layoutReads";
}
