using System.Text;
using System.Text.Json;

namespace Micrograd.Cli;

/// <summary>
/// The machine-readable result of <c>grad --json</c>: one object, <c>{"value": v, "gradients": {"x": gx, …}}</c>, on one line.
/// Numbers round-trip exactly; NaN and infinities are the strings "NaN", "Infinity" and "-Infinity".
/// </summary>
internal static class JsonResult
{
    public static string Format(double value, IEnumerable<KeyValuePair<string, double>> gradients)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("value");
            WriteNumber(writer, value);
            writer.WriteStartObject("gradients");
            foreach (var (name, gradient) in gradients)
            {
                writer.WritePropertyName(name);
                WriteNumber(writer, gradient);
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A finite number as a JSON number (shortest round-trip form); NaN and infinities as strings.</summary>
    private static void WriteNumber(Utf8JsonWriter writer, double x)
    {
        if (double.IsFinite(x)) writer.WriteNumberValue(x);
        else writer.WriteStringValue(Numbers.Format(x));
    }
}
