using Cxr.Core.Imaging;

namespace Cxr.Testing.Dicom;

/// <summary>
/// A real chest film of the shared data set (<c>val/NORMAL/NORMAL2-IM-1427-0001.jpeg</c>, decoded to 8-bit gray) wrapped
/// as an Explicit VR Little Endian DICOM file with a header a test chooses: by default a DX frontal chest film (SOP Class
/// Digital X-Ray For Presentation, Modality DX, Body Part Examined CHEST, View Position PA, Presentation Intent Type FOR
/// PRESENTATION, Patient's Name and Age of a child), each attribute replaced or removed by the caller.
/// </summary>
public static class DicomFilms
{
    /// <summary>The film the files are made of.</summary>
    public const string SourceFilm = "NORMAL2-IM-1427-0001.jpeg";

    /// <summary>A patient name no log may ever contain.</summary>
    public const string PatientName = "Zyxwv^Quirinus";

    /// <summary>A child's age (3 years).</summary>
    public const string ChildAge = "003Y";

    private static readonly Lazy<GrayImage> Gray = new(() =>
        new ImagePipeline(new PreprocessSpec(224)).DecodeGray(File.ReadAllBytes(Path.Combine(TestData.DataRoot, "val", "NORMAL", SourceFilm))));

    /// <summary>The film's width and height in pixels.</summary>
    public static (int Width, int Height) Size => (Gray.Value.Width, Gray.Value.Height);

    /// <summary>The film with the default header, <paramref name="changes"/> applied: (tag, value), a null value removes
    /// the attribute. <paramref name="frames"/> &gt; 1 writes Number of Frames and that many copies of the pixels.
    /// <paramref name="transferSyntax"/> is only named in the meta header (the data set is always little endian).</summary>
    public static byte[] Create(IReadOnlyDictionary<uint, string?>? changes = null, int frames = 1, string transferSyntax = DicomBuilder.ExplicitLittle)
    {
        var attributes = new SortedDictionary<uint, (string Vr, string Value)>
        {
            [0x0008_0016] = ("UI", "1.2.840.10008.5.1.4.1.1.1.1"),
            [0x0008_0060] = ("CS", "DX"),
            [0x0008_0068] = ("CS", "FOR PRESENTATION"),
            [0x0010_0010] = ("PN", PatientName),
            [0x0010_1010] = ("AS", ChildAge),
            [0x0018_0015] = ("CS", "CHEST"),
            [0x0018_5101] = ("CS", "PA"),
        };
        foreach (var (tag, value) in changes ?? new Dictionary<uint, string?>())
        {
            if (value is null)
            {
                attributes.Remove(tag);
            }
            else
            {
                attributes[tag] = (attributes.TryGetValue(tag, out var known) ? known.Vr : "LO", value);
            }
        }

        var gray = Gray.Value;
        var b = new DicomBuilder(transferSyntax);
        foreach (var (tag, (vr, value)) in attributes)
        {
            b.Text((ushort)(tag >> 16), (ushort)tag, vr, value);
        }

        if (frames > 1)
        {
            b.Text(0x0028, 0x0008, "IS", frames.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        b.PixelModule(gray.Height, gray.Width);
        var pixels = new byte[gray.Pixels.Length * frames];
        for (var f = 0; f < frames; f++)
        {
            gray.Pixels.CopyTo(pixels, f * gray.Pixels.Length);
        }

        return b.PixelData(pixels).Build();
    }

    /// <summary>The default film with one attribute set (or removed, with null).</summary>
    public static byte[] With(uint tag, string? value) => Create(new Dictionary<uint, string?> { [tag] = value });
}
