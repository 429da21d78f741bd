namespace Cxr.Core.Text;

/// <summary>One CSV field as RFC 4180 writes it: as it is, or in double quotes (inner quotes doubled) when it holds a
/// comma, a quote or a line break. Shared by the manifest, <c>cxr predict --format csv</c> and the ensemble's
/// out-of-fold file, so every CSV the project writes reads back the same way.</summary>
public static class CsvField
{
    /// <summary>The field for <paramref name="value"/> (null is an empty field).</summary>
    public static string Quote(string? value)
    {
        value ??= string.Empty;
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
