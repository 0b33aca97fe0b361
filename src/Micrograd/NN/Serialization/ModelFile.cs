using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Micrograd.NN;

/// <summary>
/// Saves and loads an <see cref="Mlp"/> as JSON:
/// <code>
/// {"inputs": 2, "layers": [{"weights": [[w, …] one row per neuron], "biases": [b, …], "activation": "relu"}, …]}
/// </code>
/// Each layer's weights have one row per output neuron and one column per input. Numbers are written in the shortest
/// form that reads back to exactly the same double, so saving and loading round-trips every parameter bit for bit;
/// the non-finite numbers a diverged run can produce are written as the strings "NaN", "Infinity" and "-Infinity" and
/// read back as such. <c>activation</c> (linear, relu, tanh or sigmoid) may be left out when loading: it then defaults
/// to relu for hidden layers and linear for the last. Anything else that does not fit, including unknown properties,
/// is refused with a <see cref="ModelFormatException"/>.
/// </summary>
public static class ModelFile
{
    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/>, created or replaced at once (a temporary file in its
    /// folder renamed over it), so the file is never left half-written and a failed write leaves the old one as it was.</summary>
    /// <param name="model">The model.</param>
    /// <param name="path">The file.</param>
    /// <exception cref="IOException">The file cannot be written; an existing one is left as it was.</exception>
    public static void Save(Mlp model, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.WriteAllText(path, ToJson(model));
    }

    /// <summary>The model as indented JSON text, ending with a newline.</summary>
    /// <param name="model">The model.</param>
    public static string ToJson(Mlp model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("inputs", model.InputCount);
            writer.WriteStartArray("layers");
            foreach (var layer in model.Layers)
            {
                writer.WriteStartObject();
                writer.WriteStartArray("weights");
                foreach (var neuron in layer.Neurons)
                {
                    writer.WriteStartArray();
                    foreach (var w in neuron.Weights) ModelJsonReader.WriteNumber(writer, w.Data);
                    writer.WriteEndArray();
                }
                writer.WriteEndArray();
                writer.WriteStartArray("biases");
                foreach (var neuron in layer.Neurons) ModelJsonReader.WriteNumber(writer, neuron.Bias.Data);
                writer.WriteEndArray();
                writer.WriteString("activation", layer.Activation.Name());
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Reads a model file.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="ModelFormatException">The file is not a valid model.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Mlp Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return FromJson(File.ReadAllText(path), Path.GetFileName(path));
    }

    /// <summary>Reads a model from JSON text.</summary>
    /// <param name="json">The text.</param>
    /// <param name="source">A name for messages.</param>
    /// <exception cref="ModelFormatException">The text is not a valid model.</exception>
    public static Mlp FromJson(string json, string source = "model")
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        using (var document = ModelJsonReader.Parse(json, source))
        {
            return new Reader(source).Model(document.RootElement);
        }
    }

    private sealed class Reader(string source) : ModelJsonReader(source)
    {
        public Mlp Model(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object) throw Error($"the top level must be an object, not {Describe(root)}.");
            CheckProperties(root, "the top level", "inputs", "layers");
            var inputs = Count(Required(root, "inputs", "the top level"), "inputs");
            var layersElement = Required(root, "layers", "the top level");
            if (layersElement.ValueKind != JsonValueKind.Array) throw Error($"'layers' must be an array, not {Describe(layersElement)}.");
            var count = layersElement.GetArrayLength();
            if (count == 0) throw Error("'layers' is empty: a model needs at least one layer.");

            var layers = new List<Layer>(count);
            var width = inputs;
            var index = 0;
            foreach (var element in layersElement.EnumerateArray())
            {
                var layer = Layer(element, index, width, isLast: index == count - 1);
                layers.Add(layer);
                width = layer.OutputCount;
                index++;
            }
            return new Mlp(inputs, layers);
        }

        private Layer Layer(JsonElement element, int index, int width, bool isLast)
        {
            var where = $"layers[{index}]";
            if (element.ValueKind != JsonValueKind.Object) throw Error($"{where} must be an object, not {Describe(element)}.");
            CheckProperties(element, where, "weights", "biases", "activation");

            var weightsElement = Required(element, "weights", where);
            if (weightsElement.ValueKind != JsonValueKind.Array) throw Error($"{where}.weights must be an array of rows, not {Describe(weightsElement)}.");
            var rows = new List<double[]>();
            var r = 0;
            foreach (var row in weightsElement.EnumerateArray())
            {
                var rowWhere = $"{where}.weights[{r}]";
                if (row.ValueKind != JsonValueKind.Array) throw Error($"{rowWhere} must be an array of numbers, not {Describe(row)}.");
                var numbers = Numbers(row, rowWhere);
                if (numbers.Length != width)
                    throw Error($"{rowWhere} has {numbers.Length} weights but the layer receives {width} inputs{(index == 0 ? " ('inputs')" : $" (layers[{index - 1}] has {width} neurons)")}.");
                rows.Add(numbers);
                r++;
            }
            if (rows.Count == 0) throw Error($"{where}.weights is empty: a layer needs at least one neuron.");

            var biasesElement = Required(element, "biases", where);
            if (biasesElement.ValueKind != JsonValueKind.Array) throw Error($"{where}.biases must be an array of numbers, not {Describe(biasesElement)}.");
            var biases = Numbers(biasesElement, $"{where}.biases");
            if (biases.Length != rows.Count)
                throw Error($"{where} has {rows.Count} rows of weights but {biases.Length} biases: there must be one of each per neuron.");

            var activation = isLast ? Activation.Linear : Activation.Relu;
            if (element.TryGetProperty("activation", out var activationElement))
            {
                if (activationElement.ValueKind != JsonValueKind.String || !Activations.TryParse(activationElement.GetString(), out activation))
                    throw Error($"{where}.activation must be one of {string.Join(", ", Activations.All.Select(a => a.Name()))}, not {Describe(activationElement)}.");
            }
            return new Layer(rows.Select((w, i) => new Neuron(w, biases[i], activation)));
        }

    }
}
