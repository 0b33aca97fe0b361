using System.Text;
using System.Text.Json;

namespace Micrograd.NN.Gpt;

/// <summary>
/// Saves and loads a <see cref="Gpt"/> with its vocabulary as JSON:
/// <code>
/// {"format": "micrograd-gpt", "config": {"layers": 1, "embedding_width": 16, "heads": 4, "context_length": 16},
///  "vocabulary": "abc…z", "weights": {"wte": [[…], …], "wpe": …, "lm_head": …, "layer0.attn_wq": …, …}}
/// </code>
/// <c>vocabulary</c> is the characters in id order (<see cref="CharTokenizer.Characters"/>; BOS comes after them), and
/// <c>weights</c> holds every matrix of <see cref="Gpt.Matrices"/> by name, as rows. Numbers are written in the shortest
/// form that reads back to the same double, so a saved model gives the same numbers when loaded; NaN and infinities are the
/// strings "NaN", "Infinity" and "-Infinity". Anything else that does not fit, unknown properties included, is refused
/// with a <see cref="ModelFormatException"/> that names the file and the place.
/// </summary>
public static class GptModelFile
{
    /// <summary>The value of the file's <c>format</c> property.</summary>
    public const string Format = "micrograd-gpt";

    /// <summary>Writes <paramref name="model"/> and its vocabulary to <paramref name="path"/>, created or replaced at once (a
    /// temporary file in its folder renamed over it), so the file is never left half-written.</summary>
    /// <param name="model">The model.</param>
    /// <param name="tokenizer">Its vocabulary.</param>
    /// <param name="path">The file.</param>
    /// <exception cref="ArgumentException">The vocabulary is not the model's size.</exception>
    /// <exception cref="IOException">The file cannot be written; an existing one is left as it was.</exception>
    public static void Save(Gpt model, CharTokenizer tokenizer, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.WriteAllText(path, ToJson(model, tokenizer));
    }

    /// <summary>The model and its vocabulary as JSON text, ending with a newline: one row of numbers per line.</summary>
    /// <param name="model">The model.</param>
    /// <param name="tokenizer">Its vocabulary.</param>
    /// <exception cref="ArgumentException">The vocabulary is not the model's size.</exception>
    public static string ToJson(Gpt model, CharTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (tokenizer.VocabularySize != model.VocabularySize)
            throw new ArgumentException($"The vocabulary has {tokenizer.VocabularySize} tokens; the model has {model.VocabularySize}.", nameof(tokenizer));
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteStartObject("config");
            writer.WriteNumber("layers", model.Config.Layers);
            writer.WriteNumber("embedding_width", model.Config.EmbeddingWidth);
            writer.WriteNumber("heads", model.Config.Heads);
            writer.WriteNumber("context_length", model.Config.ContextLength);
            writer.WriteEndObject();
            writer.WriteString("vocabulary", tokenizer.Characters);
            writer.WriteStartObject("weights");
            foreach (var matrix in model.Matrices)
            {
                writer.WriteStartArray(matrix.Name);
                for (var r = 0; r < matrix.Rows; r++)
                {
                    writer.WriteStartArray();
                    foreach (var p in matrix.RowValues(r)) ModelJsonReader.WriteNumber(writer, p.Data);
                    writer.WriteEndArray();
                }
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Reads a model file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The model and its vocabulary.</returns>
    /// <exception cref="ModelFormatException">The file is not a valid GPT model.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static (Gpt Model, CharTokenizer Tokenizer) Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return FromJson(File.ReadAllText(path), Path.GetFileName(path));
    }

    /// <summary>Reads a model from JSON text.</summary>
    /// <param name="json">The text.</param>
    /// <param name="source">A name for messages.</param>
    /// <returns>The model and its vocabulary.</returns>
    /// <exception cref="ModelFormatException">The text is not a valid GPT model.</exception>
    public static (Gpt Model, CharTokenizer Tokenizer) FromJson(string json, string source = "model")
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        using var document = ModelJsonReader.Parse(json, source);
        return new Reader(source).Model(document.RootElement);
    }

    private sealed class Reader(string source) : ModelJsonReader(source)
    {
        public (Gpt, CharTokenizer) Model(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object) throw Error($"the top level must be an object, not {Describe(root)}.");
            CheckProperties(root, "the top level", "format", "config", "vocabulary", "weights");
            var format = Required(root, "format", "the top level");
            if (format.ValueKind != JsonValueKind.String || format.GetString() != Format)
                throw Error($"'format' must be \"{Format}\", not {Describe(format)}: this is not a GPT model file.");

            var configElement = Required(root, "config", "the top level");
            if (configElement.ValueKind != JsonValueKind.Object) throw Error($"'config' must be an object, not {Describe(configElement)}.");
            CheckProperties(configElement, "config", "layers", "embedding_width", "heads", "context_length");
            GptConfig config;
            try
            {
                config = new GptConfig(
                    Count(Required(configElement, "layers", "config"), "config.layers"),
                    Count(Required(configElement, "embedding_width", "config"), "config.embedding_width"),
                    Count(Required(configElement, "heads", "config"), "config.heads"),
                    Count(Required(configElement, "context_length", "config"), "config.context_length"));
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw Error($"'config' does not describe a GPT: {FirstSentence(e.Message)}");
            }

            var vocabularyElement = Required(root, "vocabulary", "the top level");
            if (vocabularyElement.ValueKind != JsonValueKind.String) throw Error($"'vocabulary' must be a string of characters, not {Describe(vocabularyElement)}.");
            CharTokenizer tokenizer;
            try
            {
                tokenizer = CharTokenizer.FromCharacters(vocabularyElement.GetString()!);
            }
            catch (ArgumentException e)
            {
                throw Error($"'vocabulary' is not a vocabulary: {FirstSentence(e.Message)}");
            }
            if (config.ParameterCount(tokenizer.VocabularySize) > 100_000_000)
                throw Error($"the model would have {config.ParameterCount(tokenizer.VocabularySize):N0} parameters, more than the 100,000,000 this reader takes.");

            var weightsElement = Required(root, "weights", "the top level");
            if (weightsElement.ValueKind != JsonValueKind.Object) throw Error($"'weights' must be an object of matrices, not {Describe(weightsElement)}.");
            var shapes = new Gpt(config, tokenizer.VocabularySize, (_, _, _) => 0).Matrices.ToDictionary(m => m.Name, m => (m.Rows, m.Columns), StringComparer.Ordinal);
            CheckProperties(weightsElement, "weights", [.. shapes.Keys]);
            var matrices = new Dictionary<string, double[][]>(StringComparer.Ordinal);
            foreach (var (name, (rows, columns)) in shapes)
            {
                var element = Required(weightsElement, name, "weights");
                var where = $"weights.{name}";
                if (element.ValueKind != JsonValueKind.Array) throw Error($"{where} must be an array of rows, not {Describe(element)}.");
                if (element.GetArrayLength() != rows) throw Error($"{where} has {element.GetArrayLength()} rows; this shape needs {rows}.");
                var matrix = new double[rows][];
                var r = 0;
                foreach (var row in element.EnumerateArray())
                {
                    if (row.ValueKind != JsonValueKind.Array) throw Error($"{where}[{r}] must be an array of numbers, not {Describe(row)}.");
                    matrix[r] = Numbers(row, $"{where}[{r}]");
                    if (matrix[r].Length != columns) throw Error($"{where}[{r}] has {matrix[r].Length} numbers; this shape needs {columns}.");
                    r++;
                }
                matrices.Add(name, matrix);
            }
            return (new Gpt(config, tokenizer.VocabularySize, (name, r, c) => matrices[name][r][c]), tokenizer);
        }

        private static string FirstSentence(string message)
        {
            var cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
            return cut < 0 ? message : message[..cut];
        }
    }
}
