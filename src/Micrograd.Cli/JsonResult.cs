using System.Text;
using System.Text.Json;

namespace Micrograd.Cli;

/// <summary>
/// The machine-readable result of <c>grad --json</c>: one object, <c>{"value": v, "gradients": {"x": gx, …}}</c>, on one line;
/// with <c>--hessian</c> also <c>"hessian": {"x": {"x": hxx, "y": hxy}, …}</c> (rows and columns in the order of the
/// gradients), with <c>--direction</c> also <c>"directional": d</c>. Numbers round-trip exactly; NaN and infinities are the
/// strings "NaN", "Infinity" and "-Infinity".
/// </summary>
internal static class JsonResult
{
    /// <param name="value">The expression's value.</param>
    /// <param name="gradients">Each variable's gradient, in the order the variables first appear.</param>
    /// <param name="hessian">The Hessian, its rows and columns in the order of <paramref name="gradients"/>; left out when null.</param>
    /// <param name="directional">The directional derivative; left out when null.</param>
    public static string Format(double value, IReadOnlyList<KeyValuePair<string, double>> gradients, double[,]? hessian = null, double? directional = null)
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
            if (hessian is not null)
            {
                writer.WriteStartObject("hessian");
                for (var i = 0; i < gradients.Count; i++)
                {
                    writer.WriteStartObject(gradients[i].Key);
                    for (var j = 0; j < gradients.Count; j++)
                    {
                        writer.WritePropertyName(gradients[j].Key);
                        WriteNumber(writer, hessian[i, j]);
                    }
                    writer.WriteEndObject();
                }
                writer.WriteEndObject();
            }
            if (directional is { } d)
            {
                writer.WritePropertyName("directional");
                WriteNumber(writer, d);
            }
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
