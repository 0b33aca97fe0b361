using System.Globalization;

namespace Micrograd.NN;

/// <summary>A data file that cannot be read: the message names the file, the 1-based line and the reason.</summary>
public sealed class DataFormatException : FormatException
{
    /// <summary>A malformed line of a data file.</summary>
    /// <param name="fileName">The file (or other source) being read.</param>
    /// <param name="line">The 1-based line number; 0 when the problem is the file as a whole.</param>
    /// <param name="reason">What is wrong, as a sentence fragment.</param>
    public DataFormatException(string fileName, int line, string reason)
        : base(line > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{fileName}, line {line}: {reason}")
            : $"{fileName}: {reason}")
    {
        FileName = fileName;
        LineNumber = line;
        Reason = reason;
    }

    /// <summary>The file (or other source) being read.</summary>
    public string FileName { get; }

    /// <summary>The 1-based line number; 0 when the problem is the file as a whole.</summary>
    public int LineNumber { get; }

    /// <summary>What is wrong.</summary>
    public string Reason { get; }
}
