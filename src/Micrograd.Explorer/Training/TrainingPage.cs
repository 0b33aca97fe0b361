using System.Globalization;
using System.Net;
using Micrograd.Graphs;
using Micrograd.NN;

namespace Micrograd.Explorer;

/// <summary>
/// Writes the training page: one self-contained HTML page that replays a recorded training run (<see cref="TrainingRecorder"/>)
/// step by step, bit for bit, and lets a learner change the data and train on. It shows the loss and accuracy at every step
/// (with a slider, play and a speed control), the decision regions and the network at the chosen step, one sample's graph
/// with its forward values, chain-rule steps and share of each gradient (in the explorer's graph view), and says whether its
/// replay of the run equals every number the engine recorded.
/// </summary>
/// <remarks>
/// <para>The page stores the run's settings, data, each step's loss and accuracy, the samples of random batches, and the
/// parameters with the optimizer's state every few steps; it computes everything else with the engine's semantics: each
/// op's JavaScript twin (declared with the op), and the twins of the optimizer, the learning-rate schedule, the loss's
/// per-sample numbers and the batch sampler (declared with each). A step's graph is assembled from one sample's graph as
/// <see cref="Objective"/> builds it and run in the order <see cref="Value.Backward"/> runs it. The page carries the twins of every
/// activation and loss <c>micrograd train</c> takes, so that its train-again can train another network (other hidden sizes,
/// activation or loss): it builds that network's sample graph itself, as <see cref="SampleGraph"/> traces it, and lays its
/// picture out itself.</para>
/// <para>Like the explorer, it holds everything inline (one sample's graph laid out by Graphviz's <c>dot</c> when the page is
/// made), makes no network request (its content security policy forbids any) and opens from disk in any modern browser. The
/// data must have two features, so that the regions can be drawn over the plane.</para>
/// </remarks>
public static class TrainingPage
{
    /// <summary>The most values drawn of one sample's graph (a larger network's sample graph is drawn cut, nearest its loss).</summary>
    internal const int MaxDrawnNodes = 1000;

    /// <summary>Writes the page for a recorded run.</summary>
    /// <param name="run">The run, with at least one step recorded.</param>
    /// <param name="writer">Where to write the HTML.</param>
    /// <param name="options">Title, command, seed, Graphviz; defaults when null.</param>
    /// <exception cref="ArgumentException">No step was recorded, or the data does not have two features.</exception>
    /// <exception cref="GraphvizNotFoundException">Graphviz's <c>dot</c> was not found; nothing was written.</exception>
    /// <exception cref="GraphvizException"><c>dot</c> failed or timed out; nothing was written.</exception>
    public static void Write(TrainingRecorder run, TextWriter writer, TrainingPageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(writer);
        options ??= new TrainingPageOptions();
        if (run.StepCount == 0) throw new ArgumentException("Record at least one step before writing the page.", nameof(run));
        if (run.Start.InputCount != 2)
            throw new ArgumentException($"The page draws two features over the plane, but the data has {run.Start.InputCount}.", nameof(run));

        var title = string.IsNullOrWhiteSpace(options.Title) ? "micrograd training" : options.Title;
        var sample = run.Sample;
        var graph = sample.Graph;
        var dot = DotWriter.Write(graph.Root, new DotOptions { RankDirection = RankDirection.TopToBottom, MaxNodes = MaxDrawnNodes });
        // the neuron-level picture too (each neuron one box: a 2-16-16-1 network's 715 values become its 33 neurons), when there are neurons to collapse
        var groups = NeuronGroups.ForPicture(graph, MaxDrawnNodes);
        var layout = GraphViewParts.Layout("TB", dot, options.Graphviz) +
            (groups.Count > 0 ? GraphViewParts.Layout(GraphViewParts.Neurons, NeuronDot.Write(graph, groups, "TB"), options.Graphviz) : "");
        var sampleJson = GraphModel.Json(graph, NodeNames.Of(graph), EngineValues.Compute(graph), graph.NearestToRoot(MaxDrawnNodes), "one sample's term of the loss", [], RankDirection.TopToBottom, groups);
        var json = TrainingRunJson.Write(run, options.Seed ?? 1337, sampleJson);
        var objective = run.Trainer.Engine.Objective;
        // a step's graph also has the mean's sum of the samples' terms and the L2 term (Σ p·p times its strength, plus the loss)
        var ops = OpTable.Source(graph.Nodes.Where(n => !n.IsLeaf).Select(n => n.Operation!)
            .Concat(Ops.OpCatalog.All.Where(op => op.Name is "+" or "*" or "sum"))
            .Concat(ArchitectureOps()));
        var twins = TrainingScripts.Source(run.OptimizerTwin, run.Trainer.Optimizer.Schedule, objective.Loss);

        PageTemplate.Write(writer, PageTemplate.Resource("training.html"),
        [
            ("<!--{{HEAD}}-->", GraphViewParts.Head),
            ("{{TITLE}}", WebUtility.HtmlEncode(title)),
            ("/*{{STYLE}}*/", GraphViewParts.Style + PageTemplate.Resources("training.css")),
            ("{{TITLE}}", WebUtility.HtmlEncode(title)),
            ("{{COMMAND}}", WebUtility.HtmlEncode(options.Command ?? "")),
            ("<!--{{LAYOUT}}-->", layout),
            ("{{RUN}}", json),
            ("/*{{OPS}}*/", ops + twins),
            ("/*{{SCRIPT}}*/", GraphViewParts.Scripts + PageTemplate.Resources("explanation.js", "chain-picture.js", "graph-layout.js", "training-tape.js", "training-engine.js", "training-architecture.js", "training-rebuild.js",
                "training-recorded.js", "training-plane.js", "training-network.js", "training-chart.js", "training-state.js", "training-position.js",
                "training-proof.js", "training-sample.js", "training-guide.js", "training-what-if.js", "training-edits.js", "training-neurons.js",
                "training-zero-lines.js", "training-updates.js", "training-export.js", "training-data.js", "training-again.js", "training-controls.js", "training-hash.js",
                "training.js")),
        ]);
    }

    /// <summary>
    /// The ops of every sample graph the page's train-again can build for another architecture (<c>training-architecture.js</c>):
    /// each activation <c>micrograd train --activation</c> takes and each loss's form, so that the page carries their twins
    /// whatever the run used.
    /// </summary>
    internal static IEnumerable<Ops.Op> ArchitectureOps()
    {
        foreach (var activation in Activations.All)
        {
            foreach (var loss in Loss.All)
            {
                var model = new Mlp(2, [1, loss.OutputCountFor(2)], new Random(0), activation);
                foreach (var node in SampleGraph.Build(model, loss, 1).Graph.Nodes)
                {
                    if (!node.IsLeaf) yield return node.Operation!;
                }
            }
        }
    }

    /// <summary>Returns the page for a recorded run as a string; see <see cref="Write"/>.</summary>
    /// <param name="run">The run, with at least one step recorded.</param>
    /// <param name="options">Title, command, seed, Graphviz; defaults when null.</param>
    /// <returns>The HTML text.</returns>
    public static string Render(TrainingRecorder run, TrainingPageOptions? options = null)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(run, writer, options);
        return writer.ToString();
    }
}
