using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Micrograd.Explorer;

/// <summary>
/// A recorded GPT run as its page reads it: one JSON object with the model's shape and vocabulary, the run's settings,
/// each step's loss and learning rate, the checkpoints' weights with the document each next step trains on, the sampled
/// names, and what the page needs to take the steps between checkpoints again (<c>replay</c>).
/// </summary>
/// <remarks>Arrays of doubles (and of int32s) are base64url strings of their little-endian bytes (every bit kept, NaN and infinities
/// included), as the training page stores them (<see cref="TrainingRunJson"/>). Every <c>&lt;</c>, <c>&gt;</c> and
/// <c>&amp;</c> is escaped (the writer's default), so the text can sit inside a script element, whatever the documents
/// hold.</remarks>
internal static class GptRunJson
{
    /// <summary>The run as JSON text, with one position's graph (<see cref="GptPositionJson"/>) put in as it is, when there is one.</summary>
    public static string Write(GptRunRecorder run, string? position = null)
    {
        var model = run.Trainer.Model;
        var config = model.Config;
        var optimizer = run.Trainer.Optimizer;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("model");
            json.WriteNumber("layers", config.Layers);
            json.WriteNumber("width", config.EmbeddingWidth);
            json.WriteNumber("heads", config.Heads);
            json.WriteNumber("context", config.ContextLength);
            json.WriteNumber("vocabulary", model.VocabularySize);
            json.WriteNumber("parameters", model.Parameters.Count);
            json.WriteStartArray("characters");
            foreach (var rune in run.Tokenizer.Characters.EnumerateRunes()) json.WriteStringValue(rune.ToString());
            json.WriteEndArray();
            json.WriteStartArray("matrices");
            foreach (var m in model.Matrices)
            {
                json.WriteStartObject();
                json.WriteString("name", m.Name);
                json.WriteNumber("rows", m.Rows);
                json.WriteNumber("columns", m.Columns);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteNumber("steps", run.Steps);
            json.WriteNumber("learningRate", optimizer.LearningRate);
            json.WriteNumber("seed", run.Seed);
            json.WriteNumber("temperature", run.Temperature);
            json.WriteString("losses", Base64(run.Losses));
            json.WriteString("rates", Base64(run.Rates));

            json.WriteStartObject("checkpoints");
            json.WriteNumber("interval", run.CheckpointInterval);
            json.WriteStartArray("steps");
            foreach (var step in run.CheckpointSteps) json.WriteNumberValue(step);
            json.WriteEndArray();
            json.WriteStartArray("documents");
            foreach (var document in run.Documents)
            {
                if (document is null) json.WriteNullValue();
                else json.WriteStringValue(document);
            }
            json.WriteEndArray();
            json.WriteString("weights", Base64(run.Checkpoints.SelectMany(c => c).ToArray()));
            json.WriteEndObject();

            WriteReplay(json, run);

            json.WriteStartArray("samples");
            foreach (var (step, names) in run.Samples)
            {
                json.WriteStartObject();
                json.WriteNumber("step", step);
                json.WriteStartArray("names");
                foreach (var name in names) json.WriteStringValue(name);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (position is not null)
            {
                json.WritePropertyName("position");
                json.WriteRawValue(position, skipInputValidation: true);
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>What the page needs to take any step again from the checkpoint before it (gpt-replay.js): Adam's settings,
    /// each step's document and bias corrections, the moments at each checkpoint, and the exceptions to the browser's
    /// <c>g ** 2</c> and <c>v̂ ** 0.5</c>.</summary>
    private static void WriteReplay(Utf8JsonWriter json, GptRunRecorder run)
    {
        var optimizer = run.Trainer.Optimizer;
        json.WriteStartObject("replay");
        json.WriteNumber("beta1", optimizer.Beta1);
        json.WriteNumber("beta2", optimizer.Beta2);
        json.WriteNumber("epsilon", optimizer.Epsilon);
        json.WriteStartArray("documents");
        foreach (var document in run.StepDocuments) json.WriteStringValue(document);
        json.WriteEndArray();
        json.WriteString("corrections", Base64(run.Corrections));
        json.WriteString("moments", Base64(run.Moments.SelectMany(m => m).ToArray()));
        WriteExceptions(json, "squares", run.Squares);
        WriteExceptions(json, "roots", run.Roots);
        json.WriteEndObject();
    }

    private static void WriteExceptions(Utf8JsonWriter json, string name, GptPowExceptions exceptions)
    {
        json.WriteStartObject(name);
        json.WriteString("starts", Base64(exceptions.Starts));
        json.WriteString("codes", Base64(exceptions.Codes));
        json.WriteString("otherStarts", Base64(exceptions.OtherStarts));
        json.WriteString("otherIndices", Base64(exceptions.OtherIndices));
        json.WriteString("otherValues", Base64(exceptions.OtherValues));
        json.WriteEndObject();
    }

    private static string Base64(IReadOnlyList<int> numbers)
    {
        var bytes = new byte[numbers.Count * sizeof(int)];
        for (var i = 0; i < numbers.Count; i++) BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * sizeof(int)), numbers[i]);
        return Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
    }

    private static string Base64(IReadOnlyList<double> numbers)
    {
        var bytes = new byte[numbers.Count * sizeof(double)];
        for (var i = 0; i < numbers.Count; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), numbers[i]);
        return Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
    }
}
