using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Micrograd.Explorer;

/// <summary>
/// A recorded GPT run as its page reads it: one JSON object with the model's shape and vocabulary, the run's settings,
/// each step's loss and learning rate, the checkpoints' weights with the document each next step trains on, and the
/// sampled names.
/// </summary>
/// <remarks>Arrays of doubles are base64url strings of their little-endian bytes (every bit kept, NaN and infinities
/// included), as the training page stores them (<see cref="TrainingRunJson"/>). Every <c>&lt;</c>, <c>&gt;</c> and
/// <c>&amp;</c> is escaped (the writer's default), so the text can sit inside a script element, whatever the documents
/// hold.</remarks>
internal static class GptRunJson
{
    public static string Write(GptRunRecorder run)
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
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Base64(IReadOnlyList<double> numbers)
    {
        var bytes = new byte[numbers.Count * sizeof(double)];
        for (var i = 0; i < numbers.Count; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), numbers[i]);
        return Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
    }
}
