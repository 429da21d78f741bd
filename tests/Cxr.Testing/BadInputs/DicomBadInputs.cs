using System.Buffers.Binary;
using Cxr.Testing.Dicom;
using Cxr.Testing.Images;

namespace Cxr.Testing.BadInputs;

/// <summary>
/// The bytes of the bad-input corpus's DICOM items: a drawn radiograph (<see cref="SyntheticRadiograph"/>, never patient
/// data) as a DX frontal chest film, Explicit VR Little Endian, with one thing wrong in each.
/// </summary>
public static class DicomBadInputs
{
    /// <summary>Side of the drawn film, in pixels.</summary>
    public const int Side = 256;

    /// <summary>The declared length of the 4 GB item's element: 0xFFFFFFF0, just under the undefined length.</summary>
    public const uint FourGigabytes = 0xFFFF_FFF0;

    /// <summary>How deep the nested-sequences item nests (the parser allows 32).</summary>
    public const int NestingDepth = 100;

    private static readonly Lazy<byte[]> Pixels = new(() => SyntheticRadiograph.Pixels(Side, Side, seed: 13));

    /// <summary>A frontal chest film; <paramref name="header"/> adds or overrides attributes before the pixel module,
    /// <paramref name="beforePixels"/> adds raw bytes just before the pixel data.</summary>
    public static byte[] Film(Action<DicomBuilder>? header = null, int frames = 1, string transferSyntax = DicomBuilder.ExplicitLittle, byte[]? beforePixels = null)
    {
        var b = new DicomBuilder(transferSyntax)
            .Text(0x0008, 0x0016, "UI", "1.2.840.10008.5.1.4.1.1.1.1")
            .Text(0x0008, 0x0060, "CS", "DX");
        header?.Invoke(b);
        b.Text(0x0018, 0x0015, "CS", "CHEST");
        if (frames > 1)
        {
            b.Text(0x0028, 0x0008, "IS", frames.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        b.PixelModule(Side, Side);
        if (beforePixels is not null)
        {
            b.Raw(beforePixels);
        }

        var pixels = new byte[Pixels.Value.Length * frames];
        for (var f = 0; f < frames; f++)
        {
            Pixels.Value.CopyTo(pixels, f * Pixels.Value.Length);
        }

        return b.PixelData(pixels).Build();
    }

    /// <summary>The film as a lateral view (View Position LL).</summary>
    public static byte[] Lateral() => Film(b => b.Text(0x0018, 0x5101, "CS", "LL"));

    /// <summary>The film marked FOR PROCESSING (Presentation Intent Type).</summary>
    public static byte[] ForProcessing() => Film(b => b.Text(0x0008, 0x0068, "CS", "FOR PROCESSING"));

    /// <summary>Two frames of the film (Number of Frames 2).</summary>
    public static byte[] MultiFrame() => Film(frames: 2);

    /// <summary>The film with a meta header naming Explicit VR Big Endian (refused before the data set is read).</summary>
    public static byte[] BigEndian() => Film(transferSyntax: DicomBuilder.ExplicitBig);

    /// <summary>The film cut inside its group 0002 meta information (just after <c>DICM</c> and 8 bytes).</summary>
    public static byte[] CutInMeta() => Film()[..140];

    /// <summary>The film cut at half its length: inside the pixel data.</summary>
    public static byte[] CutInPixels()
    {
        var film = Film();
        return film[..(film.Length / 2)];
    }

    /// <summary>A private UT element whose 32-bit length (1,000,000 bytes) runs past the end of the file.</summary>
    public static byte[] LyingLength() => Film(beforePixels: LongElement(0x0009, 0x1012, "UT", 1_000_000));

    /// <summary>A private OB element declaring <see cref="FourGigabytes"/> bytes: never allocated, refused as truncated.</summary>
    public static byte[] FourGigabyteLength() => Film(beforePixels: LongElement(0x0009, 0x1013, "OB", FourGigabytes));

    /// <summary><see cref="NestingDepth"/> undefined-length private sequences inside each other.</summary>
    public static byte[] NestedSequences() => Film(beforePixels: DicomBuilder.NestedSequences(explicitVr: true, NestingDepth));

    /// <summary>An explicit-VR long-form element header (tag, VR, 2 reserved bytes, 32-bit length) with no value after it.</summary>
    public static byte[] LongElement(ushort group, ushort element, string vr, uint declaredLength)
    {
        var head = new byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(head, group);
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(2), element);
        head[4] = (byte)vr[0];
        head[5] = (byte)vr[1];
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(8), declaredLength);
        return head;
    }
}
