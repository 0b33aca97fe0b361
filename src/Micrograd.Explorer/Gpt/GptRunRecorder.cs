using Micrograd.NN;
using Micrograd.NN.Gpt;

namespace Micrograd.Explorer;

/// <summary>
/// Records a <c>micrograd gpt</c> run for its page (<see cref="GptPage"/>): the loss, the learning rate, the document and
/// Adam's bias corrections of every step, the weights and Adam's moments at checkpoints (every
/// <see cref="CheckpointInterval"/> steps, and after the last step) with the document the next step trains on, what the
/// page needs to take the steps between checkpoints again, and a few names sampled at about ten of the checkpoints.
/// </summary>
/// <remarks>
/// <para>Made before the first step (it records the initial weights), then given each step's loss:</para>
/// <code>
/// var recorder = new GptRunRecorder(trainer, tokenizer, seed);
/// for (var k = 0; k &lt; steps; k++) recorder.Record(trainer.Step());
/// </code>
/// <para>The weights are kept whole (every bit) only at checkpoints, with Adam's moments (m and v), chosen so that they
/// take at most <see cref="MaxCheckpointBytes"/> for a run of up to microgpt's default size (every step for a small run,
/// every 50th for the default 1,000 steps), and a budget that grows with the run's size (steps × parameters) for a larger
/// one, up to <see cref="MostCheckpointBytes"/> (every 200th step for 10,000 steps at width 32, a page of 25.5 MB), so
/// that rebuilding the weights at any step takes the page at most a checkpoint's interval of steps. Between checkpoints the page can take the steps again itself (gpt-replay.js), bit for bit, from what is kept of
/// every step: its document, Adam's bias corrections, and the exceptions to the page's arithmetic: the parameters whose
/// <c>g ** 2</c> or <c>v̂ ** 0.5</c> (.NET's <see cref="Math.Pow"/>, C's <c>pow</c>) is not <c>g · g</c> or the square root
/// (which is what a browser's <c>Math.pow</c> computes for those two powers), each with the way to .NET's number
/// (<see cref="GptPowExceptions"/>).</para>
/// </remarks>
public sealed class GptRunRecorder
{
    /// <summary>The most bytes of checkpoints (weights, m and v) kept (as doubles; the page stores them in base64, 4/3 of
    /// this).</summary>
    internal const long MaxCheckpointBytes = 3_500_000;

    /// <summary>The most bytes of checkpoints a larger run's budget grows to (the page stays under 30 MB).</summary>
    internal const long MostCheckpointBytes = 19_000_000;

    /// <summary>The size (steps × parameters) of microgpt's default run, up to which the budget is
    /// <see cref="MaxCheckpointBytes"/>.</summary>
    private const double DefaultWork = 1000.0 * 4192;

    /// <summary>About how many checkpoints get sampled names.</summary>
    internal const int SampledCheckpoints = 10;

    /// <summary>How many names are sampled at each of those checkpoints.</summary>
    internal const int NamesPerSample = 5;

    private static readonly int[] s_intervals = [1, 2, 5];

    private readonly List<double> _losses = [];
    private readonly List<double> _rates = [];
    private readonly List<int> _checkpointSteps = [];
    private readonly List<double[]> _checkpoints = [];
    private readonly List<string?> _documents = [];
    private readonly List<(int Step, string[] Names)> _samples = [];
    private readonly List<double[]> _moments = [];
    private readonly List<string> _stepDocuments = [];
    private readonly List<double> _corrections = [];
    private readonly GptPowExceptions _squares = new();
    private readonly GptPowExceptions _roots = new();

    /// <summary>A recorder of <paramref name="trainer"/>'s run, made before its first step.</summary>
    /// <param name="trainer">The trainer, at step 0; the run is as long as its optimizer's <see cref="GptAdam.Steps"/>.</param>
    /// <param name="tokenizer">The model's vocabulary.</param>
    /// <param name="seed">The run's seed: the sampled names are drawn from a Python generator seeded with it, at
    /// temperature <paramref name="temperature"/>.</param>
    /// <param name="temperature">The sampling temperature of the names, finite and above 0; microgpt's 0.5 by default.</param>
    /// <exception cref="ArgumentException">The trainer has taken steps already, or the tokenizer is not the model's.</exception>
    public GptRunRecorder(GptTrainer trainer, CharTokenizer tokenizer, int seed, double temperature = 0.5)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (trainer.StepCount != 0) throw new ArgumentException("Make the recorder before the first step.", nameof(trainer));
        if (tokenizer.VocabularySize != trainer.Model.VocabularySize)
            throw new ArgumentException($"The tokenizer has {tokenizer.VocabularySize} tokens; the model has {trainer.Model.VocabularySize}.", nameof(tokenizer));
        if (!(temperature > 0) || !double.IsFinite(temperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be a finite number above 0.");
        Trainer = trainer;
        Tokenizer = tokenizer;
        Seed = seed;
        Temperature = temperature;
        Steps = trainer.Optimizer.Steps;
        CheckpointInterval = IntervalFor(Steps, trainer.Model.Parameters.Count);
        var sampleEvery = Math.Max(1, (int)Math.Round(Steps / (double)SampledCheckpoints / CheckpointInterval));
        SampleInterval = sampleEvery * CheckpointInterval;
        _stepDocuments.Add(Decoded(trainer.NextDocument));
        Checkpoint();
    }

    /// <summary>The trainer.</summary>
    public GptTrainer Trainer { get; }

    /// <summary>The model's vocabulary.</summary>
    public CharTokenizer Tokenizer { get; }

    /// <summary>The seed of the sampled names.</summary>
    public int Seed { get; }

    /// <summary>The temperature of the sampled names.</summary>
    public double Temperature { get; }

    /// <summary>The run's length: the optimizer's <see cref="GptAdam.Steps"/>.</summary>
    public int Steps { get; }

    /// <summary>The weights are kept after every this many steps (and after the last).</summary>
    public int CheckpointInterval { get; }

    /// <summary>Names are sampled after every this many steps (a multiple of <see cref="CheckpointInterval"/>), and after
    /// the last.</summary>
    internal int SampleInterval { get; }

    /// <summary>How many steps have been recorded.</summary>
    public int StepCount => _losses.Count;

    internal IReadOnlyList<double> Losses => _losses;

    internal IReadOnlyList<double> Rates => _rates;

    /// <summary>The steps after which the weights were kept, from 0.</summary>
    internal IReadOnlyList<int> CheckpointSteps => _checkpointSteps;

    /// <summary>The weights at each checkpoint, in the model's <see cref="Micrograd.NN.Gpt.Gpt.Parameters"/> order.</summary>
    internal IReadOnlyList<double[]> Checkpoints => _checkpoints;

    /// <summary>The document the step after each checkpoint trains on (null after the run's last step).</summary>
    internal IReadOnlyList<string?> Documents => _documents;

    /// <summary>Adam's moments at each checkpoint: m then v, each in the parameters' order.</summary>
    internal IReadOnlyList<double[]> Moments => _moments;

    /// <summary>The document each step trained on (its characters, without BOS).</summary>
    internal IReadOnlyList<string> StepDocuments => _stepDocuments;

    /// <summary>Each step's bias corrections: <c>1 − β₁ ** (t + 1)</c>, then <c>1 − β₂ ** (t + 1)</c>.</summary>
    internal IReadOnlyList<double> Corrections => _corrections;

    /// <summary>Each step's parameters whose <c>Math.Pow(g, 2)</c> is not <c>g · g</c>.</summary>
    internal GptPowExceptions Squares => _squares;

    /// <summary>Each step's parameters whose <c>Math.Pow(v̂, 0.5)</c> is not <c>Math.Sqrt(v̂)</c>.</summary>
    internal GptPowExceptions Roots => _roots;

    internal IReadOnlyList<(int Step, string[] Names)> Samples => _samples;

    /// <summary>Records the step just taken: its loss (what <see cref="GptTrainer.Step"/> returned), its learning rate and
    /// bias corrections, where its <c>pow</c>s differ from the browser's arithmetic (from the trainer's
    /// <see cref="GptTrainer.Gradients"/> and the optimizer's <see cref="GptAdam.SecondMoments"/>), the next step's document,
    /// and the weights and moments after it when it ends a checkpoint's interval or the run.</summary>
    /// <param name="loss">The step's loss.</param>
    /// <exception cref="InvalidOperationException">The trainer has not taken exactly one step more than recorded, or the run
    /// is over.</exception>
    public void Record(double loss)
    {
        if (Trainer.StepCount != StepCount + 1)
            throw new InvalidOperationException($"The trainer has taken {Trainer.StepCount} steps; record each step once, right after it.");
        if (StepCount >= Steps) throw new InvalidOperationException($"The run has {Steps} steps, all recorded.");
        var optimizer = Trainer.Optimizer;
        var step = StepCount;
        _rates.Add(optimizer.LearningRateAt(step));
        _losses.Add(loss);
        var c2 = 1 - Math.Pow(optimizer.Beta2, step + 1);
        _corrections.Add(1 - Math.Pow(optimizer.Beta1, step + 1));
        _corrections.Add(c2);
        var gradients = Trainer.Gradients;
        var v = optimizer.SecondMoments;
        for (var i = 0; i < gradients.Count; i++)
        {
            var g = gradients[i];
            _squares.Check(i, Math.Pow(g, 2), g * g);
            var vHat = v[i] / c2;
            _roots.Check(i, Math.Pow(vHat, 0.5), Math.Sqrt(vHat));
        }
        _squares.EndStep();
        _roots.EndStep();
        if (StepCount < Steps) _stepDocuments.Add(Decoded(Trainer.NextDocument));
        if (StepCount % CheckpointInterval == 0 || StepCount == Steps) Checkpoint();
    }

    private void Checkpoint()
    {
        var step = Trainer.StepCount;
        var parameters = Trainer.Model.Parameters;
        var weights = new double[parameters.Count];
        for (var i = 0; i < weights.Length; i++) weights[i] = parameters[i].Data;
        _checkpointSteps.Add(step);
        _checkpoints.Add(weights);
        _moments.Add([.. Trainer.Optimizer.FirstMoments, .. Trainer.Optimizer.SecondMoments]);
        _documents.Add(step < Steps ? Decoded(Trainer.NextDocument) : null);
        if (step % SampleInterval == 0 || step == Steps)
        {
            var random = new PythonRandom(Seed);
            var sampler = new GptSampler(Trainer.Model, Tokenizer, Trainer.Engine);
            var names = new string[NamesPerSample];
            for (var i = 0; i < names.Length; i++) names[i] = sampler.Sample(random, Temperature);
            _samples.Add((step, names));
        }
    }

    private string Decoded(IEnumerable<int> document) => Tokenizer.Decode(document.Where(t => t != Tokenizer.Bos));

    /// <summary>The checkpoint interval: the smallest of 1, 2, 5, 10, 20, 50, … whose checkpoints (the weights, m and v)
    /// fit in the run's budget: <see cref="MaxCheckpointBytes"/> times the run's size over the default's (at least 1),
    /// at most <see cref="MostCheckpointBytes"/>.</summary>
    internal static int IntervalFor(int steps, int parameters)
    {
        long bytes = 3L * parameters * sizeof(double);
        var budget = (long)Math.Min(MostCheckpointBytes, MaxCheckpointBytes * Math.Max(1.0, (double)steps * parameters / DefaultWork));
        for (var scale = 1; ; scale *= 10)
        {
            foreach (var m in s_intervals)
            {
                var interval = (long)m * scale;
                var count = (steps / interval) + 2; // step 0, every interval, and the last
                if (count * bytes <= budget || interval >= steps) return (int)Math.Min(interval, steps);
            }
        }
    }
}
