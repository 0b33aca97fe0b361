using System.Globalization;

namespace Micrograd.Cli.Train;

/// <summary>
/// How much memory a run of <c>train</c> needs, estimated from its sizes before anything is built, so that a run too large
/// for the machine is refused at once (with the estimate) rather than failing, or being killed, minutes later. The figures
/// are rough: MemoryEstimateTests holds them within a factor of 3 of what runs allocate, and a 2-1000-1000-1 network on
/// 100 samples (compiled, 2 steps) is estimated at about 1.6 GB where it peaked at 1.4 GB (resident, /usr/bin/time -v).
/// </summary>
/// <param name="Nodes">The graph nodes alive at the peak.</param>
/// <param name="Bytes">The bytes alive at the peak.</param>
internal readonly record struct MemoryEstimate(long Nodes, long Bytes)
{
    /// <summary>An eager node: a <see cref="Value"/> (72 bytes), its place in its sum's operand array, and backward's order.</summary>
    internal const long BytesPerEagerNode = 100;

    /// <summary>A recorded node: the one-sample graph traced (an eager node), the trace's tables and the tape.</summary>
    internal const long BytesPerRecordedNode = 300;

    /// <summary>What any run holds: the runtime's start, the command line, the console, the JIT's data.</summary>
    internal const long BaseBytes = 8L << 20;

    /// <summary>A parameter: its <see cref="Value"/>, the optimizer's state, the gradient sums, and its text in a saved model.</summary>
    internal const long BytesPerParameter = 200;

    /// <summary>One step of the run's history (its record and two references to it).</summary>
    internal const long BytesPerStep = 64;

    /// <summary>A step recorded for <c>--html</c>: the training page's recorder (about 3.9 KB a step, measured), and its
    /// share of the page, held as text while it is written (about 210 bytes a step, in UTF-16 and UTF-8).</summary>
    internal const long BytesPerHtmlStep = 3900 + 3 * 210;

    /// <summary>The compiled engine's budget for per-sample arrays (CompiledEngine.DefaultLaneBudgetBytes).</summary>
    private const long LaneBudget = 256L << 20;

    /// <summary>The estimate for a network with <paramref name="layers"/> (each layer's output count, the last being the
    /// model's outputs) on <paramref name="inputs"/> features.</summary>
    /// <param name="inputs">The model's inputs.</param>
    /// <param name="layers">Each layer's width; the last is the output count (the class count for softmax).</param>
    /// <param name="samples">The data's samples (the final evaluation runs over all of them).</param>
    /// <param name="batch">Samples per step (the whole data when null).</param>
    /// <param name="steps">The steps of the run (its history is kept).</param>
    /// <param name="softmax">Whether the loss is softmax (whose graph grows with the outputs).</param>
    /// <param name="compiled">Whether the compiled engine runs the steps (else the eager one).</param>
    /// <param name="html">Whether the run records its steps for a training page (<c>--html</c>).</param>
    public static MemoryEstimate Of(int inputs, IReadOnlyList<int> layers, long samples, int? batch, int steps, bool softmax, bool compiled, bool html = false)
    {
        // in doubles, so that absurd sizes (10^10 weights) do not overflow
        double parameters = 0, perSample = inputs, previous = inputs, neurons = 0;
        foreach (var width in layers)
        {
            parameters += width * (previous + 1);
            perSample += width * (previous + 2); // a product per weight, the sum, the activation
            neurons += width;
            previous = width;
        }
        double outputs = layers.Count > 0 ? layers[^1] : 1;
        double loss = softmax ? 7 * outputs + 4 : 6;
        perSample += loss;
        double regularization = 2 * parameters + 2;
        double stepSamples = Math.Min(batch ?? samples, samples);

        double nodes, bytes;
        if (compiled)
        {
            // the model and the loss recorded once for one sample, replayed over lanes of samples within the budget (at least
            // 4): a value and a gradient per sample for the inputs, each neuron's sum and activation and the loss's nodes (a
            // neuron's products are fused into its sum and get none; parameters are single numbers); a head per batch size
            // (the steps' and the final evaluation's) over the sample losses, the parameters and L2
            var laneSlots = inputs + 2 * neurons + loss;
            var lanes = Math.Min(Math.Max(4, LaneBudget / (16 * laneSlots)), Math.Max(4, stepSamples));
            var heads = (stepSamples < samples ? 2 : 1) * (samples + parameters + regularization);
            nodes = perSample + parameters + heads;
            bytes = BytesPerRecordedNode * nodes + 16 * (perSample + parameters) + 16 * laneSlots * lanes;
        }
        else
        {
            // a step's whole graph, or the final evaluation's over every sample, whichever is larger
            nodes = Math.Max(stepSamples, samples) * perSample + regularization;
            bytes = BytesPerEagerNode * nodes;
        }
        bytes += BaseBytes + BytesPerParameter * parameters + BytesPerStep * (double)steps + 16.0 * samples * (inputs + 2);
        if (html) bytes += BytesPerHtmlStep * (double)steps;
        return new MemoryEstimate(Saturate(nodes), Saturate(bytes));
    }

    /// <summary>The memory this process can still use: what the operating system has available (MemAvailable on Linux)
    /// plus what this process already holds, capped by the GC's heap limit; null when unknown.</summary>
    public static long? Available()
    {
        var info = GC.GetGCMemoryInfo();
        long? limit = info.TotalAvailableMemoryBytes > 0 ? info.TotalAvailableMemoryBytes : null;
        var free = MemAvailable();
        if (free is null) return limit;
        var usable = free.Value + GC.GetTotalMemory(forceFullCollection: false);
        return limit is { } l ? Math.Min(l, usable) : usable;
    }

    /// <summary>A size for a person: <c>1.2 GB</c>, <c>340 MB</c>.</summary>
    public static string Format(long bytes) => Format(bytes, 1);

    private static string Format(long bytes, int digits) => bytes >= 1L << 30
        ? (bytes / (double)(1L << 30)).ToString("#,0." + new string('#', digits), CultureInfo.InvariantCulture) + " GB"
        : (bytes / (double)(1L << 20)).ToString("#,0" + (digits > 1 ? "." + new string('#', digits - 1) : ""), CultureInfo.InvariantCulture) + " MB";

    /// <summary>
    /// What is needed and what is available, each for a person, with as many digits as it takes to tell them apart
    /// (<c>1.52 GB</c> and <c>1.48 GB</c>, never <c>1.5 GB</c> and <c>1.5 GB</c>).
    /// </summary>
    public static (string Needed, string Available) Format(long needed, long available)
    {
        for (var digits = 1; digits < 9; digits++)
        {
            var (a, b) = (Format(needed, digits), Format(available, digits));
            if (a != b || needed == available) return (a, b);
        }
        return (string.Create(CultureInfo.InvariantCulture, $"{needed:N0} bytes"), string.Create(CultureInfo.InvariantCulture, $"{available:N0} bytes"));
    }

    private static long? MemAvailable()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
            {
                if (!line.StartsWith("MemAvailable:", StringComparison.Ordinal)) continue;
                var kb = line["MemAvailable:".Length..].Trim().Split(' ')[0];
                return long.TryParse(kb, NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) ? k * 1024 : null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // not Linux: the GC's limit alone
        }
        return null;
    }

    private static long Saturate(double x) => x >= long.MaxValue ? long.MaxValue : (long)x;
}
