using System.Globalization;
using System.Text;

namespace Micrograd.NN;

/// <summary>
/// Reads and writes data sets as CSV: one sample per line, <c>x1,x2,…,label</c>, numbers in the invariant culture.
/// </summary>
/// <remarks>
/// <para>The first line is a header when none of its fields is a number (such as <c>x1,x2,label</c>); otherwise it is
/// data. Blank lines are skipped. Every data line has the same number of fields, each a finite number (no NaN or
/// infinities). A field may be quoted as in RFC 4180 (<c>"1","2","-1"</c>, a quote inside written <c>""</c>), on one line. Any other line is refused with a <see cref="DataFormatException"/> naming its line number and
/// the reason.</para>
/// <para>Without a feature count, the last field is the label and there must be at least two fields. With a feature
/// count F (as <c>predict</c> knows from the model), a file of F fields is unlabelled and one of F + 1 fields is labelled.</para>
/// </remarks>
public static class DatasetCsv
{
    /// <summary>Reads a CSV file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="featureCount">The expected number of features, or null to take the last field as the label.</param>
    /// <exception cref="DataFormatException">A malformed line, or no data.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Dataset Load(string path, int? featureCount = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader, Path.GetFileName(path), featureCount);
    }

    /// <summary>Reads CSV text.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="source">A name for messages and for <see cref="Dataset.Name"/>.</param>
    /// <param name="featureCount">The expected number of features, or null to take the last field as the label.</param>
    /// <exception cref="DataFormatException">A malformed line, or no data.</exception>
    public static Dataset Read(TextReader reader, string source, int? featureCount = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        if (featureCount is < 1) throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "A sample needs at least one feature.");

        var rows = new List<double[]>();
        int? width = null;
        var lineNumber = 0;
        var sawHeader = false;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            var fields = SplitFields(line, source, lineNumber);
            if (width is null && !sawHeader && rows.Count == 0 && fields.All(f => !IsNumber(f)))
            {
                sawHeader = true;
                CheckWidth(fields.Length, source, lineNumber, featureCount);
                width = fields.Length;
                continue;
            }
            if (width is null)
            {
                CheckWidth(fields.Length, source, lineNumber, featureCount);
                width = fields.Length;
            }
            if (fields.Length != width)
                throw new DataFormatException(source, lineNumber, $"expected {width} fields, found {fields.Length}.");
            var row = new double[fields.Length];
            for (var i = 0; i < fields.Length; i++) row[i] = ParseField(fields[i], source, lineNumber, i + 1);
            rows.Add(row);
        }
        if (rows.Count == 0) throw new DataFormatException(source, 0, sawHeader ? "there are no data lines after the header." : "the file is empty.");

        var labelled = featureCount is null || width == featureCount + 1;
        var features = labelled ? rows.Select(r => (IReadOnlyList<double>)r[..^1]) : rows.Select(r => (IReadOnlyList<double>)r);
        return new Dataset(features, labelled ? rows.Select(r => r[^1]) : null, source);
    }

    /// <summary>Writes a data set as CSV with a header <c>x1,…,xF,label</c> (no label column when unlabelled), round-trip
    /// numbers, to <paramref name="path"/>, created or replaced at once (a temporary file in its folder renamed over it), so
    /// the file is never left half-written and a failed write leaves the old one as it was.</summary>
    /// <param name="data">The data.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <exception cref="IOException">The file cannot be written; an existing one is left as it was.</exception>
    public static void Save(Dataset data, string path)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 1 << 16, leaveOpen: true);
            Write(data, writer);
        });
    }

    /// <summary>Writes a data set as CSV; see <see cref="Save"/>.</summary>
    /// <param name="data">The data.</param>
    /// <param name="writer">Where to write.</param>
    public static void Write(Dataset data, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(writer);
        var header = Enumerable.Range(1, data.FeatureCount).Select(i => "x" + i.ToString(CultureInfo.InvariantCulture));
        writer.Write(string.Join(',', data.HasLabels ? header.Append("label") : header));
        writer.Write('\n');
        for (var i = 0; i < data.Count; i++)
        {
            var fields = data.Features[i].Select(Value.Format);
            if (data.Labels is { } labels) fields = fields.Append(Value.Format(labels[i]));
            writer.Write(string.Join(',', fields));
            writer.Write('\n');
        }
    }

    private static void CheckWidth(int width, string source, int line, int? featureCount)
    {
        if (featureCount is { } f)
        {
            if (width != f && width != f + 1)
                throw new DataFormatException(source, line,
                    $"expected {f} fields (features) or {f + 1} (features and label), found {width}.");
        }
        else if (width < 2)
        {
            throw new DataFormatException(source, line, $"expected at least 2 fields (features, then the label), found {width}.");
        }
    }

    /// <summary>A line's fields, split at commas outside quotes, each quoted field without its quotes ("" read as ").</summary>
    private static string[] SplitFields(string line, string source, int lineNumber)
    {
        if (!line.Contains('"', StringComparison.Ordinal)) return line.Split(',');
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            // spaces around a quoted field are allowed, as around a number
            var start = i;
            while (i < line.Length && line[i] is ' ' or '\t') i++;
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                        throw new DataFormatException(source, lineNumber, $"field {fields.Count + 1} opens a quote that is not closed on its line.");
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    field.Append(line[i++]);
                }
                while (i < line.Length && line[i] is ' ' or '\t') i++;
                if (i < line.Length && line[i] != ',')
                    throw new DataFormatException(source, lineNumber, $"field {fields.Count + 1} has text after its closing quote.");
            }
            else
            {
                i = start;
                while (i < line.Length && line[i] != ',') field.Append(line[i++]);
            }
            fields.Add(field.ToString());
            field.Clear();
            if (i >= line.Length) return [.. fields];
            i++; // the comma
        }
    }

    private static bool IsNumber(string field) =>
        double.TryParse(field.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static double ParseField(string field, string source, int line, int column)
    {
        var text = field.Trim();
        if (text.Length == 0) throw new DataFormatException(source, line, $"field {column} is empty.");
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw new DataFormatException(source, line, $"field {column}, '{Shorten(text)}', is not a number.");
        if (!double.IsFinite(value))
            throw new DataFormatException(source, line, $"field {column}, '{Shorten(text)}', is not a finite number.");
        return value;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
