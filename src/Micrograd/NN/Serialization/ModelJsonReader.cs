using System.Globalization;
using System.Text.Json;

namespace Micrograd.NN;

/// <summary>
/// What the model files (<see cref="ModelFile"/>, <see cref="Gpt.GptModelFile"/>) share: JSON parsed with comments allowed,
/// numbers written in the shortest round-trip form (non-finite ones as the strings "NaN", "Infinity", "-Infinity") and
/// read back the same way, and checks whose failures are <see cref="ModelFormatException"/>s naming the file and the place.
/// </summary>
internal class ModelJsonReader(string source)
{
    /// <summary>Parses <paramref name="json"/>, or throws a <see cref="ModelFormatException"/> naming <paramref name="source"/>.</summary>
    public static JsonDocument Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new ModelFormatException(source, $"not valid JSON: {e.Message}", e);
        }
        try
        {
            CheckStrings(document.RootElement, source, "the top level");
        }
        catch
        {
            document.Dispose();
            throw;
        }
        return document;
    }

    /// <summary>
    /// Refuses a key or string that is not valid Unicode, such as a lone surrogate escape (<c>"\ud800"</c>): JSON's grammar
    /// allows it, but it has no text, and reading it throws deep in the reader.
    /// </summary>
    private static void CheckStrings(JsonElement element, string source, string where)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    try
                    {
                        _ = property.Name;
                    }
                    catch (InvalidOperationException e)
                    {
                        throw new ModelFormatException(source, $"{where} has a key that is not valid Unicode (a lone surrogate escape such as \\ud800): {e.Message}", e);
                    }
                    CheckStrings(property.Value, source, $"'{property.Name}'");
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) CheckStrings(item, source, where);
                break;
            case JsonValueKind.String:
                try
                {
                    _ = element.GetString();
                }
                catch (InvalidOperationException e)
                {
                    throw new ModelFormatException(source, $"a string in {where} is not valid Unicode (a lone surrogate escape such as \\ud800): {e.Message}", e);
                }
                break;
        }
    }

    /// <summary>Writes a number in the shortest form that reads back to the same double; NaN and infinities as strings.</summary>
    public static void WriteNumber(Utf8JsonWriter writer, double x)
    {
        if (double.IsFinite(x)) writer.WriteNumberValue(x);
        else writer.WriteStringValue(x.ToString(CultureInfo.InvariantCulture));
    }

    public double[] Numbers(JsonElement array, string where)
    {
        var numbers = new double[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            numbers[i] = Number(item, $"{where}[{i}]");
            i++;
        }
        return numbers;
    }

    public double Number(JsonElement element, string where)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number when element.TryGetDouble(out var x) && double.IsFinite(x):
                return x;
            case JsonValueKind.Number:
                throw Error($"{where}, {element.GetRawText()}, is out of the range of a double.");
            case JsonValueKind.String:
                return element.GetString() switch
                {
                    "NaN" => double.NaN,
                    "Infinity" => double.PositiveInfinity,
                    "-Infinity" => double.NegativeInfinity,
                    _ => throw Error($"{where} must be a number, not {Describe(element)}."),
                };
            default:
                throw Error($"{where} must be a number, not {Describe(element)}.");
        }
    }

    public int Count(JsonElement element, string where)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var n) && n >= 1) return n;
        throw Error($"'{where}' must be a whole number of at least 1, not {Describe(element)}.");
    }

    public JsonElement Required(JsonElement obj, string name, string where) =>
        obj.TryGetProperty(name, out var value) ? value : throw Error($"{where} has no '{name}'.");

    public void CheckProperties(JsonElement obj, string where, params string[] allowed)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            if (!seen.Add(property.Name)) throw Error($"{where} has '{property.Name}' twice.");
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
                throw Error($"{where} has an unknown property '{property.Name}' (expected {string.Join(", ", allowed.Select(a => "'" + a + "'"))}).");
        }
    }

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string {Shorten(element.GetRawText())}",
        JsonValueKind.Number => Shorten(element.GetRawText()),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => element.ValueKind.ToString(),
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    public ModelFormatException Error(string reason) => new(source, reason);
}
