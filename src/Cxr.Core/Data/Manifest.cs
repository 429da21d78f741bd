using System.Security.Cryptography;
using System.Text;
using Cxr.Core.Contracts;

using Cxr.Core.Text;

namespace Cxr.Core.Data;

/// <summary>
/// The split manifest: a CSV file with the header <c>path,label,subtype,patient,sha256,split</c>, one image per row,
/// UTF-8 without BOM, LF line endings, RFC 4180 quoting where a field needs it.
/// <list type="bullet">
/// <item><c>path</c>: relative to the manifest's folder, forward slashes (so manifest and images can move together).</item>
/// <item><c>label</c>: <c>NORMAL</c> or <c>PNEUMONIA</c>.</item>
/// <item><c>subtype</c>: <c>normal</c>, <c>bacteria</c>, <c>virus</c> or <c>unknown</c>.</item>
/// <item><c>patient</c>: non-empty patient key. <c>sha256</c>: 64 lower-case hex digits, or empty.</item>
/// <item><c>split</c>: <c>train</c>, <c>val</c>, <c>test</c>, or empty.</item>
/// </list>
/// </summary>
public static class Manifest
{
    /// <summary>The header line, exactly.</summary>
    public const string Header = "path,label,subtype,patient,sha256,split";

    private static readonly string[] HeaderFields = Header.Split(',');
    private static readonly string[] ValidSplits = ["", .. SplitNames.All];

    /// <summary>Writes <paramref name="records"/> in the given order to <paramref name="csvPath"/>, creating its folder.</summary>
    /// <exception cref="DatasetException">The file cannot be written.</exception>
    public static void Write(string csvPath, IEnumerable<ImageRecord> records)
    {
        ArgumentNullException.ThrowIfNull(csvPath);
        ArgumentNullException.ThrowIfNull(records);
        var full = Path.GetFullPath(csvPath);
        var directory = Path.GetDirectoryName(full)!;

        var text = new StringBuilder();
        text.Append(Header).Append('\n');
        foreach (var r in records)
        {
            var relative = DataPaths.Relative(directory, Path.GetFullPath(r.Path));
            AppendField(text, relative).Append(',');
            AppendField(text, ClassLabels.Of(r.Label)).Append(',');
            AppendField(text, r.Subtype).Append(',');
            AppendField(text, r.Patient).Append(',');
            AppendField(text, r.Sha256).Append(',');
            AppendField(text, r.Split).Append('\n');
        }

        try
        {
            Directory.CreateDirectory(directory);
            // Written beside the target and moved into place, so a reader never sees half a manifest.
            var temporary = full + ".tmp";
            File.WriteAllText(temporary, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DatasetException($"Cannot write manifest {full}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Reads and validates a manifest; paths come back absolute (resolved against the manifest's folder), in file order.
    /// Image files are not required to exist.
    /// </summary>
    /// <exception cref="DatasetException">
    /// The file is missing or unreadable, or a line is malformed: the message is <c>FILE:LINE: why</c>.
    /// </exception>
    public static IReadOnlyList<ImageRecord> Read(string csvPath)
    {
        ArgumentNullException.ThrowIfNull(csvPath);
        var full = Path.GetFullPath(csvPath);
        if (!File.Exists(full))
        {
            throw new DatasetException($"Manifest not found: {full}");
        }

        string text;
        try
        {
            text = File.ReadAllText(full, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DatasetException($"Cannot read manifest {full}: {ex.Message}", ex);
        }

        var directory = Path.GetDirectoryName(full)!;
        var records = new List<ImageRecord>();
        var firstLineOfPath = new Dictionary<string, int>(StringComparer.Ordinal);
        var sawHeader = false;
        foreach (var (fields, line) in CsvRows(text, full))
        {
            if (!sawHeader)
            {
                if (!fields.SequenceEqual(HeaderFields, StringComparer.Ordinal))
                {
                    throw Bad(full, line, $"the header must be '{Header}' (got '{string.Join(",", fields)}')");
                }

                sawHeader = true;
                continue;
            }

            var record = ParseRow(fields, full, line, directory);
            if (!firstLineOfPath.TryAdd(record.Path, line))
            {
                throw Bad(full, line, $"path '{fields[0]}' is listed twice (first on line {firstLineOfPath[record.Path]})");
            }

            records.Add(record);
        }

        if (!sawHeader)
        {
            throw new DatasetException($"{full}: the manifest is empty; expected the header '{Header}'");
        }

        return records;
    }

    /// <summary>Lower-case hex SHA-256 (64 characters) of the file's bytes.</summary>
    /// <exception cref="DatasetException">The file is missing or unreadable.</exception>
    public static string Sha256OfFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DatasetException($"Cannot read {path}: {ex.Message}", ex);
        }
    }

    private static ImageRecord ParseRow(List<string> fields, string file, int line, string directory)
    {
        if (fields.Count != HeaderFields.Length)
        {
            throw Bad(file, line, $"expected {HeaderFields.Length} fields ({Header}), got {fields.Count}");
        }

        var (path, label, subtype, patient, sha256, split) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
        if (path.Length == 0)
        {
            throw Bad(file, line, "path is empty");
        }

        CxrLabel parsedLabel;
        if (string.Equals(label, ClassLabels.Normal, StringComparison.OrdinalIgnoreCase))
        {
            parsedLabel = CxrLabel.Normal;
        }
        else if (string.Equals(label, ClassLabels.Pneumonia, StringComparison.OrdinalIgnoreCase))
        {
            parsedLabel = CxrLabel.Pneumonia;
        }
        else
        {
            throw Bad(file, line, $"label must be NORMAL or PNEUMONIA (got '{label}')");
        }

        subtype = subtype.ToLowerInvariant();
        if (!PatientIdParser.Subtypes.Contains(subtype))
        {
            throw Bad(file, line, $"subtype must be one of {string.Join(", ", PatientIdParser.Subtypes)} (got '{fields[2]}')");
        }

        if (patient.Trim().Length == 0)
        {
            throw Bad(file, line, "patient is empty");
        }

        if (sha256.Length != 0 && (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigit)))
        {
            throw Bad(file, line, $"sha256 must be 64 hex digits or empty (got '{sha256}')");
        }

        split = split.ToLowerInvariant();
        if (!ValidSplits.Contains(split))
        {
            throw Bad(file, line, $"split must be train, val, test or empty (got '{fields[5]}')");
        }

        string resolved;
        try
        {
            resolved = Path.GetFullPath(Path.Combine(directory, DataPaths.FromForwardSlashes(path)));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw Bad(file, line, $"path '{path}' is not a valid path ({ex.Message})");
        }

        return new ImageRecord(resolved, parsedLabel, subtype, patient, sha256.ToLowerInvariant(), split);
    }

    // RFC 4180 rows with the 1-based line each starts on. Blank lines are skipped; CRLF is accepted.
    private static IEnumerable<(List<string> Fields, int Line)> CsvRows(string text, string file)
    {
        var position = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var line = 1;
        while (position < text.Length)
        {
            var startLine = line;
            if (text[position] is '\n' or '\r')
            {
                position += text[position] == '\r' && position + 1 < text.Length && text[position + 1] == '\n' ? 2 : 1;
                line++;
                continue;
            }

            var fields = new List<string>();
            var field = new StringBuilder();
            var endOfRow = false;
            while (!endOfRow)
            {
                field.Clear();
                if (position < text.Length && text[position] == '"')
                {
                    position++;
                    while (true)
                    {
                        if (position >= text.Length)
                        {
                            throw Bad(file, startLine, "a quoted field is not closed");
                        }

                        var c = text[position++];
                        if (c == '"')
                        {
                            if (position < text.Length && text[position] == '"')
                            {
                                field.Append('"');
                                position++;
                                continue;
                            }

                            break;
                        }

                        if (c == '\n')
                        {
                            line++;
                        }

                        field.Append(c);
                    }

                    if (position < text.Length && text[position] is not (',' or '\n' or '\r'))
                    {
                        throw Bad(file, line, "unexpected text after a closing quote (quotes inside a field are written as \"\")");
                    }
                }
                else
                {
                    while (position < text.Length && text[position] is not (',' or '\n' or '\r'))
                    {
                        if (text[position] == '"')
                        {
                            throw Bad(file, line, "a quote inside an unquoted field (quote the whole field and double the quote)");
                        }

                        field.Append(text[position++]);
                    }
                }

                fields.Add(field.ToString());
                if (position < text.Length && text[position] == ',')
                {
                    position++;
                }
                else
                {
                    endOfRow = true;
                    if (position < text.Length)
                    {
                        position += text[position] == '\r' && position + 1 < text.Length && text[position + 1] == '\n' ? 2 : 1;
                        line++;
                    }
                }
            }

            yield return (fields, startLine);
        }
    }

    private static StringBuilder AppendField(StringBuilder text, string value) => text.Append(CsvField.Quote(value));

    private static DatasetException Bad(string file, int line, string why) => new($"{file}:{line}: {why}");
}
