using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Micrograd.Graphs;
using Micrograd.NN;

namespace Micrograd.Explorer;

/// <summary>
/// The recorded run as the training page reads it: one JSON object with the settings (model sizes and activations, the
/// parameters' names, loss, L2, optimizer and schedule settings), the data, the recorded numbers and one sample's graph.
/// </summary>
/// <remarks>
/// Arrays of numbers (features, labels, each step's loss and accuracy, batches, checkpoints) are base64url strings (base64
/// with <c>-</c> and <c>_</c> for <c>+</c> and <c>/</c>, which JSON writers escape) of their little-endian bytes (float64,
/// or int32 for batches): every bit kept, NaN and infinities included, in 10.7 characters a double. Other numbers are JSON numbers, which .NET writes in their shortest round-trip form. Every <c>&lt;</c>,
/// <c>&gt;</c> and <c>&amp;</c> is escaped, so the text can sit inside a script element.
/// </remarks>
internal static class TrainingRunJson
{
    /// <summary>The most bytes of checkpoints kept (raw; base64 makes it 4/3 of this): with more, every other one is dropped,
    /// and so on, which makes steps slower to reach but keeps a 10,000-step run's page small.</summary>
    public const long MaxCheckpointBytes = 9_000_000;

    /// <summary>The recorded run as JSON text (the page's <c>run-data</c>).</summary>
    /// <param name="run">The recorded run.</param>
    /// <param name="seed">The seed of the random batches, which the page's train-on offers.</param>
    /// <param name="sampleGraph">One sample's graph model (<see cref="GraphModel.Json"/>), put in as it is.</param>
    public static string Write(TrainingRecorder run, int seed, string sampleGraph)
    {
        var trainer = run.Trainer;
        var objective = trainer.Engine.Objective;
        var model = run.Start;
        var data = trainer.Batches.Data;
        var optimizer = run.OptimizerTwin;
        var schedule = trainer.Optimizer.Schedule;

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("seed", seed);

            json.WriteStartObject("model");
            json.WriteNumber("inputs", model.InputCount);
            json.WriteStartArray("layers");
            foreach (var layer in model.Layers)
            {
                json.WriteStartObject();
                json.WriteNumber("outputs", layer.OutputCount);
                json.WriteString("activation", layer.Activation.Name());
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("parameters");
            foreach (var p in model.Parameters) json.WriteStringValue(p.Label);
            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteStartObject("loss");
            json.WriteString("name", objective.Loss.Name);
            json.WriteNumber("l2", objective.L2);
            json.WriteEndObject();
            WriteSettings(json, "optimizer", optimizer.Name, optimizer.Settings);
            json.WriteNumber("stateCount", trainer.Optimizer.State.Count);
            WriteSettings(json, "schedule", schedule is LinearDecaySchedule ? "linear" : "constant", TrainingTwins.Of(schedule)!.Value.Settings);

            WriteData(json, "data", data);
            if (run.Validation is { } validation) WriteData(json, "validation", validation);

            json.WriteNumber("steps", run.StepCount);
            json.WriteNumber("batchSize", trainer.Batches.BatchSize);
            if (run.Batches.Count > 0) json.WriteString("batches", Base64(run.Batches));
            json.WriteString("losses", Base64(run.Losses));
            json.WriteString("accuracies", Base64(run.Accuracies));
            if (run.Validation is not null)
            {
                json.WriteString("validationLosses", Base64(run.ValidationLosses));
                json.WriteString("validationAccuracies", Base64(run.ValidationAccuracies));
            }
            if (run.End is { } end)
            {
                double[] numbers = run.ValidationEnd is { } v ? [end.Loss, end.Accuracy, v.Loss, v.Accuracy] : [end.Loss, end.Accuracy];
                json.WriteString("end", Base64(numbers));
            }

            var (interval, checkpoints) = Thin(run);
            json.WriteStartObject("checkpoints");
            json.WriteNumber("interval", interval);
            json.WriteNumber("size", run.Checkpoints[0].Length);
            json.WriteString("data", Base64(checkpoints.SelectMany(c => c).ToArray()));
            json.WriteEndObject();

            WriteSample(json, run.Sample, sampleGraph);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The checkpoints kept, every interval steps, so that they take at most <see cref="MaxCheckpointBytes"/>.</summary>
    private static (int Interval, IReadOnlyList<double[]> Kept) Thin(TrainingRecorder run)
    {
        var all = run.Checkpoints;
        var every = 1;
        while ((long)Math.Ceiling(all.Count / (double)every) * all[0].Length * sizeof(double) > MaxCheckpointBytes && every < all.Count) every *= 2;
        var kept = new List<double[]>();
        for (var i = 0; i < all.Count; i += every) kept.Add(all[i]);
        return (run.CheckpointInterval * every, kept);
    }

    private static void WriteSettings(Utf8JsonWriter json, string name, string kind, IReadOnlyList<KeyValuePair<string, double>> settings)
    {
        json.WriteStartObject(name);
        json.WriteString("name", kind);
        json.WriteStartObject("settings");
        foreach (var (key, value) in settings) json.WriteNumber(key, value);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteData(Utf8JsonWriter json, string name, Dataset data)
    {
        json.WriteStartObject(name);
        json.WriteString("name", data.Name);
        json.WriteNumber("count", data.Count);
        json.WriteString("features", Base64(data.Features.SelectMany(row => row).ToArray()));
        json.WriteString("labels", Base64(data.Labels!));
        json.WriteEndObject();
    }

    private static void WriteSample(Utf8JsonWriter json, SampleGraph sample, string graph)
    {
        json.WriteStartObject("sample");
        json.WritePropertyName("graph");
        json.WriteRawValue(graph, skipInputValidation: true);
        json.WriteStartArray("roles");
        foreach (var role in sample.Roles) json.WriteNumberValue((int)role);
        json.WriteEndArray();
        json.WriteStartArray("indices");
        foreach (var index in sample.Indices) json.WriteNumberValue(index);
        json.WriteEndArray();
        json.WriteStartArray("outputs");
        foreach (var id in sample.Outputs) json.WriteNumberValue(id);
        json.WriteEndArray();
        json.WriteNumber("loss", sample.Loss);
        json.WriteNumber("numbers", sample.NumberNames.Count);
        json.WriteEndObject();
    }

    private static string Base64(IReadOnlyList<double> numbers)
    {
        var bytes = new byte[numbers.Count * sizeof(double)];
        for (var i = 0; i < numbers.Count; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), numbers[i]);
        return Url(bytes);
    }

    private static string Base64(IReadOnlyList<int> numbers)
    {
        var bytes = new byte[numbers.Count * sizeof(int)];
        for (var i = 0; i < numbers.Count; i++) BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * sizeof(int)), numbers[i]);
        return Url(bytes);
    }

    private static string Url(byte[] bytes) => Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
}
