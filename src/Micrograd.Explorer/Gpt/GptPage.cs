using System.Globalization;
using System.Net;
using Micrograd.Graphs;

namespace Micrograd.Explorer;

/// <summary>
/// Writes the GPT page: one self-contained HTML page of a recorded <c>micrograd gpt</c> run (<see cref="GptRunRecorder"/>).
/// It shows the loss at every step (with a moving average) and the learning rate, a slider over every step, the names
/// sampled at about ten steps, names sampled in the page from the weights after the step shown with a seed and a temperature (those
/// <c>micrograd gpt sample</c> draws from those weights), and one name through the model after the step shown: each position's next-character
/// probabilities, each head's attention and the residual stream's RMS before and after each block, computed in the page
/// with the engine's arithmetic, bit for bit; and the token embeddings on their first two principal components. It says
/// whether its recomputed losses and learning rates equal the engine's. The weights at a step between checkpoints are
/// rebuilt in the page by taking the steps again (gpt-replay.js). And the backpropagation of one position: the graph of one
/// position's loss of the first step's document (<see cref="GptPositionGraph"/>), each dot product drawn as one box that
/// expands, with any step's numbers computed in the page as the engine computes them, the backward pass node by node with
/// the explorer's explanation, and a parameter's gradient as the sum of its contributions.
/// </summary>
/// <remarks>Like the training page it holds everything inline, makes no network request (its content security policy
/// forbids any) and opens from disk. The graph of one position is laid out by Graphviz's <c>dot</c> when the page is made;
/// without it (or when the graph is too large) the page is made without that graph and says why.</remarks>
public static class GptPage
{
    /// <summary>Writes the page for a recorded run.</summary>
    /// <param name="run">The run, every step recorded.</param>
    /// <param name="writer">Where to write the HTML.</param>
    /// <param name="options">Title and command; defaults when null.</param>
    /// <exception cref="ArgumentException">The run is not over (not every step was recorded).</exception>
    public static void Write(GptRunRecorder run, TextWriter writer, GptPageOptions? options = null) => Write(run, writer, options, null);

    /// <summary><see cref="Write(GptRunRecorder, TextWriter, GptPageOptions?)"/> with Graphviz's <c>dot</c> found as
    /// <paramref name="graphviz"/> says (on PATH when null).</summary>
    internal static void Write(GptRunRecorder run, TextWriter writer, GptPageOptions? options, GraphvizOptions? graphviz)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(writer);
        options ??= new GptPageOptions();
        if (run.StepCount != run.Steps)
            throw new ArgumentException($"Record all {run.Steps} steps before writing the page ({run.StepCount} were).", nameof(run));
        var title = string.IsNullOrWhiteSpace(options.Title) ? "micrograd gpt" : options.Title;
        var (layout, position) = GptPositionPicture.Of(run, graphviz);
        PageTemplate.Write(writer, PageTemplate.Resource("gpt.html"),
        [
            ("<!--{{HEAD}}-->", PageTemplate.Resource("shared/head.html")),
            ("{{TITLE}}", WebUtility.HtmlEncode(title)),
            ("/*{{STYLE}}*/", GraphViewParts.Style + PageTemplate.Resources("gpt.css")),
            ("{{TITLE}}", WebUtility.HtmlEncode(title)),
            ("{{COMMAND}}", WebUtility.HtmlEncode(options.Command ?? "")),
            ("<!--{{LAYOUT}}-->", layout),
            ("{{RUN}}", GptRunJson.Write(run, position)),
            ("/*{{SCRIPT}}*/", OpTable.Source(s_ops) + GraphViewParts.Scripts +
                PageTemplate.Resources("graph-layout.js", "explanation.js", "chain-picture.js", "gpt-random.js", "gpt-model.js", "gpt-run.js", "gpt-backward.js", "gpt-replay.js", "gpt-chart.js", "gpt-name.js", "gpt-stream.js",
                "gpt-embeddings.js", "gpt-proof.js", "gpt-position.js", "gpt-backprop.js", "gpt-controls.js", "gpt.js")),
        ]);
    }

    /// <summary>The ops of a position's graph that have JavaScript twins (ln and the powers, functions of C#, are the page's own: gpt-position.js).</summary>
    private static readonly Ops.Op[] s_ops = [.. Ops.OpCatalog.All.Where(op => op.Name is "+" or "*" or "sum" or "exp" or "relu" or "neg")];

    /// <summary>Returns the page for a recorded run as a string; see <see cref="Write(GptRunRecorder, TextWriter, GptPageOptions?)"/>.</summary>
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
