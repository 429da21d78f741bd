using System.Text.RegularExpressions;

namespace Cxr.Core.Data;

/// <summary>
/// Reads the patient key and pneumonia subtype from a file name of the Kermany et al. chest X-ray set. Images of one
/// patient must never be spread over train/val/test, so the key is what the splitter groups by.
/// </summary>
public static partial class PatientIdParser
{
    /// <summary>The subtype strings used in <see cref="ImageRecord.Subtype"/>.</summary>
    public static IReadOnlyList<string> Subtypes { get; } = ["normal", "bacteria", "virus", "unknown"];

    /// <summary>
    /// Parses <paramref name="fileName"/> (a bare name or a path; only the name is read):
    /// <list type="bullet">
    /// <item><c>person12_virus_34.jpeg</c> → (<c>person12</c>, <c>virus</c>); likewise <c>_bacteria_</c>.</item>
    /// <item><c>IM-0115-0001.jpeg</c> → (<c>IM-0115</c>, <c>normal</c>).</item>
    /// <item><c>NORMAL2-IM-0587-0001-0002.jpeg</c> → (<c>NORMAL2-IM-0587</c>, <c>normal</c>).</item>
    /// <item>anything else → (file name without extension, <c>normal</c> for <see cref="CxrLabel.Normal"/>, else <c>unknown</c>).</item>
    /// </list>
    /// An <c>IM-</c> name under <see cref="CxrLabel.Pneumonia"/> gets subtype <c>unknown</c>. Matching ignores case; the
    /// patient key keeps the case of the name.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public static (string Patient, string Subtype) Parse(string fileName, CxrLabel label)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var stem = Path.GetFileNameWithoutExtension(Path.GetFileName(fileName));
        if (stem.Length == 0)
        {
            throw new ArgumentException($"Cannot read a patient id from an empty file name ('{fileName}').", nameof(fileName));
        }

        var fallbackSubtype = label == CxrLabel.Normal ? "normal" : "unknown";

        var person = PersonPattern().Match(stem);
        if (person.Success)
        {
            return (person.Groups["patient"].Value, person.Groups["subtype"].Value.ToLowerInvariant());
        }

        var im = ImPattern().Match(stem);
        if (im.Success)
        {
            return (im.Groups["patient"].Value, fallbackSubtype);
        }

        return (stem, fallbackSubtype);
    }

    [GeneratedRegex(@"^(?<patient>person\d+)_(?<subtype>bacteria|virus)(?:_|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PersonPattern();

    [GeneratedRegex(@"^(?<patient>(?:NORMAL\d*-)?IM-\d+)(?:-\d+)*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ImPattern();
}
