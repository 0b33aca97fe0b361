namespace Micrograd.Explorer;

/// <summary>How <see cref="GptPage"/> builds a page.</summary>
public sealed class GptPageOptions
{
    /// <summary>The page's title and heading; "micrograd gpt" when null or empty.</summary>
    public string? Title { get; init; }

    /// <summary>The command that made the page, shown under its title (the <c>micrograd gpt</c> line); none when null.</summary>
    public string? Command { get; init; }
}
