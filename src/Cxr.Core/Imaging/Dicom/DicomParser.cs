using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Cxr.Core.Imaging.Dicom;

/// <summary>
/// Reads a DICOM Part 10 file (PS3.10 section 7): the optional 128-byte preamble and <c>DICM</c>, the group 0002 file meta
/// information (always Explicit VR Little Endian, PS3.10 7.1), then the data set in the transfer syntax it names. Only
/// the elements <see cref="DicomTags.IsWanted"/> lists are kept, as offsets into the bytes; everything else (private
/// tags, sequences other than the VOI LUT Sequence, elements after the pixel data) is skipped by its length.
/// </summary>
/// <remarks>
/// <para>Safety: every declared length is checked against the bytes that remain before it is used (lengths are never
/// trusted to size an allocation); undefined-length sequences and items are walked with a nesting limit of
/// <see cref="MaxSequenceDepth"/> (the recursion depth, so the stack is bounded); the work is linear in the input.
/// Anything malformed is a <see cref="CorruptImageException"/> whose <see cref="CorruptImageException.DecoderResult"/>
/// says what and where.</para>
/// <para>Tolerated where harmless: odd value lengths (used as declared), a missing group length, a meta header
/// without a transfer syntax (Implicit VR Little Endian is assumed, or Explicit when the first element carries a VR),
/// an item delimiter ending a defined-length item, and trailing bytes after the pixel data (not read).</para>
/// </remarks>
internal static class DicomParser
{
    /// <summary>How deep undefined-length sequences may nest (real files rarely exceed 4; 32 is what other readers allow).</summary>
    public const int MaxSequenceDepth = 32;

    private const int PreambleLength = 128;

    private const ushort VrSq = 'S' | ('Q' << 8);
    private const ushort VrUn = 'U' | ('N' << 8);
    private const ushort VrOb = 'O' | ('B' << 8);

    /// <summary>Whether <paramref name="file"/> has the preamble and <c>DICM</c> prefix (PS3.10 7.1).</summary>
    public static bool HasPreamble(ReadOnlySpan<byte> file) =>
        file.Length >= PreambleLength + 4 && file.Slice(PreambleLength, 4).SequenceEqual("DICM"u8);

    /// <summary>Reads the file meta information; returns where the data set starts and its transfer syntax.</summary>
    /// <exception cref="CorruptImageException">The meta information is truncated or malformed.</exception>
    public static (int DataSetOffset, DicomTransferSyntax TransferSyntax) ReadMeta(ReadOnlySpan<byte> file)
    {
        var c = new DicomCursor(file, HasPreamble(file) ? PreambleLength + 4 : 0);
        string? uid = null;
        while (c.Remaining >= 2 && c.PeekUInt16() == 0x0002)
        {
            var e = ReadHeader(ref c, explicitVr: true);
            if (e.HasUndefinedLength)
            {
                throw DicomCursor.Corrupt($"File meta element {DicomTags.Format(e.Tag)} has an undefined length");
            }

            var value = ReadValue(ref c, e);
            if (e.Tag == DicomTags.TransferSyntaxUid)
            {
                uid = Text(value);
            }
        }

        if (uid is not null)
        {
            return (c.Position, DicomTransferSyntax.FromUid(uid));
        }

        // No transfer syntax: PS3.5 10.1 makes Implicit VR Little Endian the default; a data set whose first element
        // carries a two-letter VR is Explicit VR Little Endian all the same (what other readers also guess).
        var explicitGuess = c.Remaining >= 6 && IsVrLetter(file[c.Position + 4]) && IsVrLetter(file[c.Position + 5]);
        return (c.Position, DicomTransferSyntax.FromUid(explicitGuess
            ? DicomTransferSyntax.ExplicitVrLittleEndianUid
            : DicomTransferSyntax.ImplicitVrLittleEndianUid));
    }

    /// <summary>Reads a little-endian data set up to and including its top-level Pixel Data element.</summary>
    /// <exception cref="CorruptImageException">The data set is truncated or malformed, or nests too deep.</exception>
    public static DicomDataSet ReadDataSet(ReadOnlySpan<byte> data, DicomTransferSyntax transferSyntax)
    {
        ArgumentNullException.ThrowIfNull(transferSyntax);
        var c = new DicomCursor(data);
        var values = new Dictionary<uint, DicomValue>();
        Dictionary<uint, DicomValue>? voiItem = null;
        DicomFragment? native = null;
        var fragments = new List<DicomFragment>();
        var hasPixelData = false;
        var explicitVr = transferSyntax.ExplicitVr;
        while (!c.AtEnd)
        {
            var start = c.Position;
            var e = ReadHeader(ref c, explicitVr);
            if (e.Tag >> 16 == 0xFFFE)
            {
                throw DicomCursor.Corrupt($"Item tag {DicomTags.Format(e.Tag)} outside a sequence at offset {start}");
            }

            if (e.Tag == DicomTags.PixelData)
            {
                hasPixelData = true;
                ReadPixelData(ref c, e, transferSyntax, ref native, fragments);
                break;
            }

            if (e.Tag == DicomTags.DataSetTrailingPadding)
            {
                break;
            }

            var isVoi = e.Tag == DicomTags.VoiLutSequence;
            if (e.HasUndefinedLength)
            {
                // Only a sequence (SQ, or UN holding an implicit-VR sequence, CP-246) may have an undefined length here.
                voiItem = isVoi ? [] : voiItem;
                ReadSequence(ref c, -1, e.Vr != VrUn && explicitVr, 1, isVoi ? voiItem : null);
                continue;
            }

            c.Need(e.Length, $"value of {DicomTags.Format(e.Tag)}");
            if (isVoi && (e.Vr == VrSq || !explicitVr))
            {
                voiItem = [];
                ReadSequence(ref c, c.Position + (int)e.Length, explicitVr, 1, voiItem);
                continue;
            }

            if (DicomTags.IsWanted(e.Tag))
            {
                values[e.Tag] = new DicomValue(c.Position, (int)e.Length, e.Vr);
            }

            c.Skip(e.Length, $"value of {DicomTags.Format(e.Tag)}");
        }

        var pixels = ReadPixelModule(data, values, voiItem);
        return new DicomDataSet(ReadHeaderFields(data, values), pixels, hasPixelData, native, fragments);
    }

    private static DicomElement ReadHeader(ref DicomCursor c, bool explicitVr)
    {
        var group = c.ReadUInt16();
        var element = c.ReadUInt16();
        var tag = ((uint)group << 16) | element;
        if (group == 0xFFFE || !explicitVr)
        {
            // Item and delimitation tags never carry a VR (PS3.5 7.5), in either VR encoding.
            return new DicomElement(tag, 0, c.ReadUInt32());
        }

        var start = c.Position;
        var vr = c.ReadUInt16();
        if (!IsVrLetter((byte)vr) || !IsVrLetter((byte)(vr >> 8)))
        {
            throw DicomCursor.Corrupt($"Element {DicomTags.Format(tag)} has no valid VR at offset {start}");
        }

        if (IsLongVr(vr))
        {
            c.ReadUInt16();
            return new DicomElement(tag, vr, c.ReadUInt32());
        }

        return new DicomElement(tag, vr, c.ReadUInt16());
    }

    // PS3.5 7.1.2: these VRs have 2 reserved bytes and a 32-bit length; all others a 16-bit length.
    private static bool IsLongVr(ushort vr) => vr switch
    {
        'O' | ('B' << 8) or 'O' | ('D' << 8) or 'O' | ('F' << 8) or 'O' | ('L' << 8) or 'O' | ('V' << 8) or
        'O' | ('W' << 8) or VrSq or 'S' | ('V' << 8) or 'U' | ('C' << 8) or VrUn or 'U' | ('R' << 8) or
        'U' | ('T' << 8) or 'U' | ('V' << 8) => true,
        _ => false,
    };

    private static bool IsVrLetter(byte b) => b is >= (byte)'A' and <= (byte)'Z';

    private static ReadOnlySpan<byte> ReadValue(ref DicomCursor c, DicomElement e)
    {
        c.Need(e.Length, $"value of {DicomTags.Format(e.Tag)}");
        return c.ReadBytes((int)e.Length, $"value of {DicomTags.Format(e.Tag)}");
    }

    /// <summary>Walks a sequence's items: up to <paramref name="end"/> when the sequence has a defined length, else to
    /// its sequence delimiter. Only the first item's LUT elements are kept, into <paramref name="firstItem"/>.</summary>
    private static void ReadSequence(ref DicomCursor c, int end, bool explicitVr, int depth, Dictionary<uint, DicomValue>? firstItem)
    {
        if (depth > MaxSequenceDepth)
        {
            throw DicomCursor.Corrupt($"Sequences nested deeper than {MaxSequenceDepth} levels at offset {c.Position}");
        }

        var capture = firstItem;
        while (true)
        {
            if (end >= 0 && c.Position >= end)
            {
                if (c.Position > end)
                {
                    throw DicomCursor.Corrupt($"A sequence item runs past the sequence's end at offset {end}");
                }

                return;
            }

            var start = c.Position;
            var e = ReadHeader(ref c, explicitVr: false);
            if (e.Tag == DicomTags.SequenceDelimitation)
            {
                return;
            }

            if (e.Tag != DicomTags.Item)
            {
                throw DicomCursor.Corrupt($"Expected an item in a sequence at offset {start}, found {DicomTags.Format(e.Tag)}");
            }

            if (e.HasUndefinedLength)
            {
                ReadItem(ref c, -1, explicitVr, depth, capture);
            }
            else
            {
                c.Need(e.Length, "sequence item");
                var itemEnd = c.Position + (int)e.Length;
                if (end >= 0 && itemEnd > end)
                {
                    throw DicomCursor.Corrupt($"A sequence item at offset {start} runs past the sequence's end");
                }

                ReadItem(ref c, itemEnd, explicitVr, depth, capture);
                c.Position = itemEnd;
            }

            capture = null;
        }
    }

    /// <summary>Walks one item's elements, up to <paramref name="end"/> (defined length) or its item delimiter.</summary>
    private static void ReadItem(ref DicomCursor c, int end, bool explicitVr, int depth, Dictionary<uint, DicomValue>? capture)
    {
        while (true)
        {
            if (end >= 0 && c.Position >= end)
            {
                if (c.Position > end)
                {
                    throw DicomCursor.Corrupt($"An element runs past its item's end at offset {end}");
                }

                return;
            }

            var start = c.Position;
            var e = ReadHeader(ref c, explicitVr);
            if (e.Tag == DicomTags.ItemDelimitation)
            {
                return;
            }

            if (e.Tag >> 16 == 0xFFFE)
            {
                throw DicomCursor.Corrupt($"Unexpected {DicomTags.Format(e.Tag)} inside an item at offset {start}");
            }

            if (e.HasUndefinedLength)
            {
                if (e.Tag == DicomTags.PixelData)
                {
                    // Encapsulated pixel data nested in an item (an icon image): skipped fragment by fragment.
                    SkipFragments(ref c);
                }
                else
                {
                    ReadSequence(ref c, -1, e.Vr != VrUn && explicitVr, depth + 1, null);
                }

                continue;
            }

            c.Need(e.Length, $"value of {DicomTags.Format(e.Tag)}");
            if (capture is not null && DicomTags.IsWantedInVoiItem(e.Tag))
            {
                capture[e.Tag] = new DicomValue(c.Position, (int)e.Length, e.Vr);
            }

            if (end >= 0 && c.Position + e.Length > end)
            {
                throw DicomCursor.Corrupt($"Element {DicomTags.Format(e.Tag)} at offset {start} runs past its item's end");
            }

            c.Skip(e.Length, $"value of {DicomTags.Format(e.Tag)}");
        }
    }

    private static void SkipFragments(ref DicomCursor c)
    {
        while (true)
        {
            var start = c.Position;
            var e = ReadHeader(ref c, explicitVr: false);
            if (e.Tag == DicomTags.SequenceDelimitation)
            {
                return;
            }

            if (e.Tag != DicomTags.Item || e.HasUndefinedLength)
            {
                throw DicomCursor.Corrupt($"Expected a pixel data fragment at offset {start}, found {DicomTags.Format(e.Tag)}");
            }

            c.Skip(e.Length, "pixel data fragment");
        }
    }

    private static void ReadPixelData(ref DicomCursor c, DicomElement e, DicomTransferSyntax transferSyntax, ref DicomFragment? native, List<DicomFragment> fragments)
    {
        if (!e.HasUndefinedLength)
        {
            if (transferSyntax.Encapsulated)
            {
                throw DicomCursor.Corrupt($"Pixel data has a defined length in {transferSyntax.Name}, which encapsulates it");
            }

            c.Need(e.Length, "pixel data");
            native = new DicomFragment(c.Position, (int)e.Length);
            return;
        }

        if (!transferSyntax.Encapsulated)
        {
            throw DicomCursor.Corrupt($"Pixel data has an undefined length in {transferSyntax.Name}, which does not encapsulate it");
        }

        // PS3.5 A.4: the first item is the basic offset table (often empty), then one item per fragment, then the
        // sequence delimiter. The table is not needed for one frame: the frame is all the fragments in order.
        var first = true;
        while (true)
        {
            var start = c.Position;
            var item = ReadHeader(ref c, explicitVr: false);
            if (item.Tag == DicomTags.SequenceDelimitation && !first)
            {
                return;
            }

            if (item.Tag != DicomTags.Item || item.HasUndefinedLength)
            {
                throw DicomCursor.Corrupt($"Expected a pixel data item at offset {start}, found {DicomTags.Format(item.Tag)}");
            }

            c.Need(item.Length, "pixel data fragment");
            if (!first)
            {
                fragments.Add(new DicomFragment(c.Position, (int)item.Length));
            }

            c.Skip(item.Length, "pixel data fragment");
            first = false;
        }
    }

    private static DicomHeader ReadHeaderFields(ReadOnlySpan<byte> data, Dictionary<uint, DicomValue> values) => new()
    {
        SpecificCharacterSet = TextOf(data, values, DicomTags.SpecificCharacterSet),
        SopClassUid = TextOf(data, values, DicomTags.SopClassUid),
        SopInstanceUid = TextOf(data, values, DicomTags.SopInstanceUid),
        Modality = TextOf(data, values, DicomTags.Modality),
        PresentationIntentType = TextOf(data, values, DicomTags.PresentationIntentType),
        BodyPartExamined = TextOf(data, values, DicomTags.BodyPartExamined),
        ViewPosition = TextOf(data, values, DicomTags.ViewPosition),
        PatientAge = TextOf(data, values, DicomTags.PatientAge),
        PatientSex = TextOf(data, values, DicomTags.PatientSex),
        PatientName = TextOf(data, values, DicomTags.PatientName),
        PatientId = TextOf(data, values, DicomTags.PatientId),
        PatientBirthDate = TextOf(data, values, DicomTags.PatientBirthDate),
        StudyInstanceUid = TextOf(data, values, DicomTags.StudyInstanceUid),
        SeriesInstanceUid = TextOf(data, values, DicomTags.SeriesInstanceUid),
        StudyDate = TextOf(data, values, DicomTags.StudyDate),
        AccessionNumber = TextOf(data, values, DicomTags.AccessionNumber),
        StudyTime = TextOf(data, values, DicomTags.StudyTime),
        StudyId = TextOf(data, values, DicomTags.StudyId),
        ReferringPhysicianName = TextOf(data, values, DicomTags.ReferringPhysicianName),
    };

    private static DicomPixelModule ReadPixelModule(ReadOnlySpan<byte> data, Dictionary<uint, DicomValue> values, Dictionary<uint, DicomValue>? voiItem)
    {
        var module = new DicomPixelModule
        {
            Rows = UInt16Of(data, values, DicomTags.Rows) ?? 0,
            Columns = UInt16Of(data, values, DicomTags.Columns) ?? 0,
            SamplesPerPixel = UInt16Of(data, values, DicomTags.SamplesPerPixel) ?? 1,
            PhotometricInterpretation = TextOf(data, values, DicomTags.PhotometricInterpretation) ?? "",
            PlanarConfiguration = UInt16Of(data, values, DicomTags.PlanarConfiguration) ?? 0,
            NumberOfFrames = IntegerOf(data, values, DicomTags.NumberOfFrames) ?? 1,
            BitsAllocated = UInt16Of(data, values, DicomTags.BitsAllocated) ?? 0,
            BitsStored = UInt16Of(data, values, DicomTags.BitsStored) ?? 0,
            HighBit = UInt16Of(data, values, DicomTags.HighBit) is { } highBit ? highBit : -1,
            PixelRepresentation = UInt16Of(data, values, DicomTags.PixelRepresentation) ?? 0,
            RescaleSlope = DecimalOf(data, values, DicomTags.RescaleSlope) is { } slope and not 0 ? slope : 1,
            RescaleIntercept = DecimalOf(data, values, DicomTags.RescaleIntercept) ?? 0,
            WindowCenter = DecimalOf(data, values, DicomTags.WindowCenter),
            WindowWidth = DecimalOf(data, values, DicomTags.WindowWidth),
            VoiLutFunction = TextOf(data, values, DicomTags.VoiLutFunction) ?? "LINEAR",
            PresentationLutShape = TextOf(data, values, DicomTags.PresentationLutShape),
            PixelPaddingValue = UInt16Of(data, values, DicomTags.PixelPaddingValue),
            PixelPaddingRangeLimit = UInt16Of(data, values, DicomTags.PixelPaddingRangeLimit),
        };
        return voiItem is null ? module : module with { VoiLut = ReadVoiLut(data, voiItem, module.IsSigned) };
    }

    /// <summary>The LUT of the VOI LUT Sequence's first item, or null when it has no usable descriptor and data.</summary>
    private static DicomVoiLut? ReadVoiLut(ReadOnlySpan<byte> data, Dictionary<uint, DicomValue> item, bool signed)
    {
        if (!item.TryGetValue(DicomTags.LutDescriptor, out var descriptor) || descriptor.Length < 6 ||
            !item.TryGetValue(DicomTags.LutData, out var lutData))
        {
            return null;
        }

        var d = data.Slice(descriptor.Offset, 6);
        var count = BinaryPrimitives.ReadUInt16LittleEndian(d) is var n and > 0 ? n : 65536;
        var rawFirst = BinaryPrimitives.ReadUInt16LittleEndian(d[2..]);
        int first = signed ? (short)rawFirst : rawFirst;
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(d[4..]);
        var bytes = data.Slice(lutData.Offset, lutData.Length);
        // 8-bit entries may come as OB (one byte each); otherwise each entry is a 16-bit word (US or OW).
        var oneBytePerEntry = lutData.Vr == VrOb || (bits <= 8 && bytes.Length == count);
        if (bytes.Length < (oneBytePerEntry ? count : 2L * count))
        {
            throw DicomCursor.Corrupt($"VOI LUT Data has {bytes.Length} bytes for {count} entries");
        }

        var entries = new ushort[count];
        var max = 0;
        for (var i = 0; i < count; i++)
        {
            entries[i] = oneBytePerEntry ? bytes[i] : BinaryPrimitives.ReadUInt16LittleEndian(bytes[(2 * i)..]);
            max = Math.Max(max, entries[i]);
        }

        // The descriptor's bit count is often wrong in the wild (PS3.3 C.11.2.1.1 notes 12 vs 16): when an entry does
        // not fit it, or it is out of range, the entries' own range decides.
        if (bits is < 1 or > 16 || max >= 1 << bits)
        {
            bits = (ushort)Math.Max(1, 32 - int.LeadingZeroCount(max));
        }

        return new DicomVoiLut(first, bits, entries);
    }

    private static string? TextOf(ReadOnlySpan<byte> data, Dictionary<uint, DicomValue> values, uint tag) =>
        values.TryGetValue(tag, out var v) ? Text(data.Slice(v.Offset, v.Length)) : null;

    /// <summary>The first value of a string element: up to the first backslash, without padding spaces and NULs, as
    /// ISO 8859-1 (a superset of the default repertoire that never fails); null when empty.</summary>
    private static string? Text(ReadOnlySpan<byte> value)
    {
        var backslash = value.IndexOf((byte)'\\');
        if (backslash >= 0)
        {
            value = value[..backslash];
        }

        value = value.Trim(" \0"u8);
        return value.IsEmpty ? null : Encoding.Latin1.GetString(value);
    }

    private static ushort? UInt16Of(ReadOnlySpan<byte> data, Dictionary<uint, DicomValue> values, uint tag) =>
        values.TryGetValue(tag, out var v) && v.Length >= 2 ? BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(v.Offset, 2)) : null;

    // IS and DS values that do not parse are treated as absent: a display hint is not worth refusing the film for.
    private static int? IntegerOf(ReadOnlySpan<byte> data, Dictionary<uint, DicomValue> values, uint tag) =>
        TextOf(data, values, tag) is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static double? DecimalOf(ReadOnlySpan<byte> data, Dictionary<uint, DicomValue> values, uint tag) =>
        TextOf(data, values, tag) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) ? x : null;
}
