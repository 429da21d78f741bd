using System.IO.Compression;
using Cxr.Inference.Dicom;

namespace Cxr.Web.Inference;

/// <summary>The <c>output=dicom</c> response body: a zip (built in memory, never on disk) with <c>NAME.sc.dcm</c> (the
/// Secondary Capture) and <c>NAME.sr.dcm</c> (the Comprehensive SR), NAME being the upload's file name without its
/// extension, or <c>image</c>.</summary>
public static class DicomAnswerArchive
{
    /// <summary>The response's media type.</summary>
    public const string ContentType = "application/zip";

    /// <summary>The stem of the entry and download names for an upload called <paramref name="fileName"/>: its name
    /// without folders or extension, restricted to letters, digits, <c>-</c>, <c>_</c> and <c>.</c> (so it is safe in a
    /// header and as a file name), or <c>image</c> when nothing is left.</summary>
    public static string Stem(string? fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(Path.GetFileName(fileName ?? string.Empty));
        var safe = new string(stem.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.').ToArray()).Trim('.');
        return safe.Length == 0 ? "image" : safe[..Math.Min(safe.Length, 64)];
    }

    /// <summary>The zip's bytes.</summary>
    public static byte[] Create(DicomAnswer answer, string stem)
    {
        ArgumentNullException.ThrowIfNull(answer);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, stem + ".sc.dcm", answer.SecondaryCapture.Bytes);
            Add(zip, stem + ".sr.dcm", answer.Report.Bytes);
        }

        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] bytes)
    {
        using var entry = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        entry.Write(bytes);
    }
}
