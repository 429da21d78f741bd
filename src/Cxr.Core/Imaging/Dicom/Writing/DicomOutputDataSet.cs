using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Cxr.Core.Imaging.Dicom.Writing;

/// <summary>
/// A data set being built for <see cref="DicomPart10Writer"/>: elements kept in ascending tag order (as PS3.5 7.1
/// requires, whatever order they are added in), each tag at most once, each value checked against its VR when added,
/// so a file that is written is well-formed. Text is encoded as ISO 8859-1, which round-trips every byte the reader
/// decoded (see <see cref="DicomHeader"/>), so values copied from an input keep their exact bytes.
/// </summary>
public sealed class DicomOutputDataSet
{
    private readonly SortedDictionary<uint, DicomOutputElement> _elements = [];

    /// <summary>How many elements the data set has (top level only).</summary>
    public int Count => _elements.Count;

    /// <summary>The elements in ascending tag order.</summary>
    internal IEnumerable<DicomOutputElement> Elements => _elements.Values;

    /// <summary>Whether an element with <paramref name="tag"/> was added.</summary>
    public bool Contains(uint tag) => _elements.ContainsKey(tag);

    /// <summary>Adds a text element; null or empty gives a zero-length value (a Type 2 attribute that is unknown).
    /// Several values are separated by <c>\</c> where the VR allows it.</summary>
    /// <exception cref="ArgumentException"><paramref name="vr"/> is not a text VR, the tag was already added, or the value
    /// breaks the VR's rules (length, characters, UID syntax).</exception>
    public DicomOutputDataSet Text(uint tag, string vr, string? value)
    {
        if (!DicomVr.IsText(vr))
        {
            throw new ArgumentException($"{vr} is not a text VR the writer knows.", nameof(vr));
        }

        value ??= string.Empty;
        Check(tag, vr, value);
        return Add(new DicomOutputElement(tag, vr, Encoding.Latin1.GetBytes(value), []));
    }

    /// <summary>Adds one US value.</summary>
    public DicomOutputDataSet UnsignedShort(uint tag, ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        return Add(new DicomOutputElement(tag, "US", bytes, []));
    }

    /// <summary>Adds binary data (<c>OB</c> or <c>OW</c>; an odd length is padded with a NUL when written).</summary>
    public DicomOutputDataSet Binary(uint tag, string vr, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (vr is not ("OB" or "OW"))
        {
            throw new ArgumentException($"Binary values are OB or OW, not {vr}.", nameof(vr));
        }

        if (vr == "OW" && value.Length % 2 != 0)
        {
            throw new ArgumentException("An OW value has an even number of bytes.", nameof(value));
        }

        return Add(new DicomOutputElement(tag, vr, value, []));
    }

    /// <summary>Adds a sequence with <paramref name="items"/> (none: an empty Type 2 sequence).</summary>
    public DicomOutputDataSet Sequence(uint tag, params IEnumerable<DicomOutputDataSet> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return Add(new DicomOutputElement(tag, "SQ", [], [.. items]));
    }

    private DicomOutputDataSet Add(DicomOutputElement element)
    {
        if (element.Tag >> 16 is 0x0002 or 0xFFFE)
        {
            throw new ArgumentException($"{DicomTags.Format(element.Tag)} is written by the writer itself (file meta or item tags).");
        }

        if (!_elements.TryAdd(element.Tag, element))
        {
            throw new ArgumentException($"{DicomTags.Format(element.Tag)} was already added.");
        }

        return this;
    }

    /// <summary>Whether <paramref name="value"/> may be written as <paramref name="vr"/> (what <see cref="Text"/> checks).</summary>
    public static bool IsValidText(string vr, string value) => DicomVr.IsText(vr) && Problem(vr, value) is null;

    private static void Check(uint tag, string vr, string value)
    {
        if (Problem(vr, value) is { } problem)
        {
            throw new ArgumentException($"{DicomTags.Format(tag)} {problem}");
        }
    }

    // Why the value cannot be written as the VR (PS3.5 6.2), or null when it can.
    private static string? Problem(string vr, string value)
    {
        var values = DicomVr.IsMultiValued(vr) ? value.Split('\\') : [value];
        var max = DicomVr.MaxValueLength(vr);
        foreach (var v in values)
        {
            foreach (var groupValue in vr == "PN" ? v.Split('=') : [v])
            {
                if (groupValue.Length > max)
                {
                    return $"{vr} value is {groupValue.Length} characters; at most {max} are allowed: '{groupValue}'.";
                }
            }

            foreach (var c in v)
            {
                var allowedControl = c == '\u001B' || (vr is "LT" or "ST" or "UT" && c is '\r' or '\n' or '\t' or '\f');
                if (c > '\u00FF' || (c < ' ' && !allowedControl) || c == '\u007F')
                {
                    return $"{vr} value has a character the writer cannot encode (U+{(int)c:X4}).";
                }
            }

            var bad = vr switch
            {
                "UI" => v.Length > 0 && !DicomUid.IsValid(v),
                "CS" => v.Any(c => !(char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is ' ' or '_')),
                "DA" => v.Length > 0 && (v.Length != 8 || !v.All(char.IsAsciiDigit)),
                "TM" => v.Length > 0 && (v.Length < 2 || !v.All(c => char.IsAsciiDigit(c) || c == '.')),
                "IS" => v.Length > 0 && !int.TryParse(v.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
                "DS" => v.Length > 0 && !double.TryParse(v.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _),
                _ => false,
            };
            if (bad)
            {
                return $"is not a valid {vr} value: '{v}'.";
            }
        }

        return null;
    }
}
