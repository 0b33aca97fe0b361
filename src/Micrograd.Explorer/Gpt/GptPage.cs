using System.Globalization;
using System.Net;

namespace Micrograd.Explorer;

/// <summary>
/// Writes the GPT page: one self-contained HTML page of a recorded <c>micrograd gpt</c> run (<see cref="GptRunRecorder"/>).
/// It shows the loss at every step (with a moving average) and the learning rate, a slider over every step, the names
/// sampled at about ten steps, names sampled in the page from the weights after the step shown with a seed and a temperature (those
/// <c>micrograd gpt sample</c> draws from those weights), and one name through the model after the step shown: each position's next-character
/// probabilities, each head's attention and the residual stream's RMS before and after each block, computed in the page
/// with the engine's arithmetic, bit for bit; and the token embeddings on their first two principal components. It says
/// whether its recomputed losses and learning rates equal the engine's. The weights at a step between checkpoints are
/// rebuilt in the page by taking the steps again (gpt-replay.js).
/// </summary>
/// <remarks>Like the training page it holds everything inline, makes no network request (its content security policy
/// forbids any) and opens from disk.</remarks>
public static class GptPage
{
    /// <summary>Writes the page for a recorded run.</summary>
    /// <param name="run">The run, every step recorded.</param>
    /// <param name="writer">Where to write the HTML.</param>
    /// <param name="options">Title and command; defaults when null.</param>
    /// <exception cref="ArgumentException">The run is not over (not every step was recorded).</exception>
    public static void Write(GptRunRecorder run, TextWriter writer, GptPageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(writer);
        options ??= new GptPageOptions();
        if (run.StepCount != run.Steps)
            throw new ArgumentException($"Record all {run.Steps} steps before writing the page ({run.StepCount} were).", nameof(run));
        var title = string.IsNullOrWhiteSpace(options.Title) ? "micrograd gpt" : options.Title;
        PageTemplate.Write(writer, PageTemplate.Resource("gpt.html"),
        [
            ("<!--{{HEAD}}-->", PageTemplate.Resource("shared/head.html")),
            ("{{TITLE}}", WebUtility.HtmlEncode(title)),
            ("/*{{STYLE}}*/", PageTemplate.Resources("shared/palette.css", "shared/header.css", "gpt.css")),
            ("{{TITLE}}", WebUtility.HtmlEncode(title)),
            ("{{COMMAND}}", WebUtility.HtmlEncode(options.Command ?? "")),
            ("{{RUN}}", GptRunJson.Write(run)),
            ("/*{{SCRIPT}}*/", PageTemplate.Resources("shared/numbers.js", "shared/page-kit.js", "shared/player.js",
                "gpt-random.js", "gpt-model.js", "gpt-run.js", "gpt-backward.js", "gpt-replay.js", "gpt-chart.js", "gpt-name.js", "gpt-stream.js",
                "gpt-embeddings.js", "gpt-proof.js", "gpt-controls.js", "gpt.js")),
        ]);
    }

    /// <summary>Returns the page for a recorded run as a string; see <see cref="Write"/>.</summary>
    /// <param name="run">The run, every step recorded.</param>
    /// <param name="options">Title and command; defaults when null.</param>
    /// <returns>The HTML text.</returns>
    public static string Render(GptRunRecorder run, GptPageOptions? options = null)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(run, writer, options);
        return writer.ToString();
    }
}
