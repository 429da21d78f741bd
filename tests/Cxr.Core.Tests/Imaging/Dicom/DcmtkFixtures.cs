using System.Buffers.Binary;
using System.Globalization;
using Cxr.Core.Imaging;
using Cxr.Testing;
using Cxr.Testing.Dicom;

namespace Cxr.Core.Tests.Imaging.Dicom;

/// <summary>
/// DICOM files written by a real encoder (DCMTK), made once per test class in a temporary folder from the first shared
/// NORMAL validation film: its JPEG wrapped by <c>img2dcm</c> and decoded by <c>dcmdjpeg</c> (8-bit RGB, as the films
/// are colour JPEGs; and that RGB compressed again by <c>dcmcjpeg</c> as YBR_FULL_422, YBR_FULL, RGB and lossless), and
/// its 8-bit gray (this pipeline's decode) written by <c>dump2dcm</c> as 8-bit MONOCHROME2 and
/// as 12 of 16 bits (unsigned and signed, noise in the 4 unused bits, with rescale), then converted by <c>dcmconv</c>
/// (implicit, deflated), <c>dcmcrle</c> (RLE Lossless) and <c>dcmodify</c> (MONOCHROME1). Each has a window, so
/// <c>dcmj2pnm +Wi 1</c> renders the reference the same way.
/// </summary>
public sealed class DcmtkFixtures : IDisposable
{
    private readonly Lazy<string> _folder;

    public DcmtkFixtures() => _folder = new Lazy<string>(Generate);

    /// <summary>The full path of fixture <paramref name="name"/>; generates them all on first use (throws
    /// <see cref="Dcmtk.MissingMessage"/> when DCMTK is missing).</summary>
    public string this[string name] => Path.Combine(_folder.Value, name);

    /// <summary>Renders <paramref name="name"/> with <c>dcmj2pnm +on</c> (8-bit PNG) and the given options, and reads it
    /// back as 8-bit gray (BT.601 for colour, as every format).</summary>
    public GrayImage Reference(string name, params string[] options)
    {
        var png = Path.ChangeExtension(this[name], "." + string.Join("", options).Replace("+", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal) + ".png");
        Dcmtk.Run(_folder.Value, "dcmj2pnm", [.. options, "+on", this[name], png]);
        return new ImagePipeline(new PreprocessSpec(32)).DecodeGray(File.ReadAllBytes(png));
    }

    /// <summary>DCMTK's RGB of colour file <paramref name="name"/> (<c>dcmj2pnm</c>, binary PPM): <c>Width × Height × 3</c>
    /// bytes, R G B per pixel.</summary>
    public byte[] ReferenceRgb(string name)
    {
        var ppm = Path.ChangeExtension(this[name], ".ref.ppm");
        Dcmtk.Run(_folder.Value, "dcmj2pnm", "+op", this[name], ppm);
        var bytes = File.ReadAllBytes(ppm);
        // "P6", width, height, maxval, each followed by one whitespace byte (no comments in DCMTK's output).
        var at = 0;
        for (var field = 0; field < 4; field++)
        {
            while (char.IsWhiteSpace((char)bytes[at]))
            {
                at++;
            }

            while (!char.IsWhiteSpace((char)bytes[at]))
            {
                at++;
            }
        }

        return bytes[(at + 1)..];
    }

    public void Dispose()
    {
        if (_folder.IsValueCreated)
        {
            Directory.Delete(_folder.Value, recursive: true);
        }
    }

    private static string Generate()
    {
        if (!Dcmtk.IsInstalled)
        {
            throw new InvalidOperationException(Dcmtk.MissingMessage);
        }

        var dir = Directory.CreateTempSubdirectory("cxr-dicom-").FullName;
        var film = TestData.FirstValidationFilm("NORMAL");
        File.Copy(film, Path.Combine(dir, "film.jpeg"));
        Dcmtk.Run(dir, "img2dcm", "film.jpeg", "jpeg.dcm");
        Dcmtk.Run(dir, "dcmdjpeg", "jpeg.dcm", "rgb.dcm");
        Dcmtk.Run(dir, "dcmcrle", "rgb.dcm", "rgb-rle.dcm");
        // Colour JPEG as DCMTK writes it: YBR_FULL_422 (4:2:2), YBR_FULL (4:4:4), RGB (no colour transform), and
        // lossless (three components, which are not read).
        Dcmtk.Run(dir, "dcmcjpeg", "+eb", "rgb.dcm", "ybr422.dcm");
        Dcmtk.Run(dir, "dcmcjpeg", "+eb", "+s4", "rgb.dcm", "ybr444.dcm");
        Dcmtk.Run(dir, "dcmcjpeg", "+eb", "+cr", "rgb.dcm", "rgb-jpeg.dcm");
        Dcmtk.Run(dir, "dcmcjpeg", "+el", "rgb.dcm", "rgb-lossless.dcm");

        var gray = new ImagePipeline(new PreprocessSpec(32)).DecodeGray(File.ReadAllBytes(film));
        File.WriteAllBytes(Path.Combine(dir, "gray8.raw"), gray.Pixels);
        WriteDump(dir, "gray8", gray, 8, 8, signed: false, "120", "180", slope: null, "gray8.raw");
        Dcmtk.Run(dir, "dump2dcm", "+te", "gray8.txt", "gray8.dcm");
        Dcmtk.Run(dir, "dump2dcm", "+tb", "gray8.txt", "gray8-big.dcm");
        Dcmtk.Run(dir, "dcmconv", "+ti", "gray8.dcm", "gray8-implicit.dcm");
        Dcmtk.Run(dir, "dcmconv", "+td", "gray8.dcm", "gray8-deflated.dcm");
        Dcmtk.Run(dir, "dcmcrle", "gray8.dcm", "gray8-rle.dcm");
        File.Copy(Path.Combine(dir, "gray8.dcm"), Path.Combine(dir, "mono1.dcm"));
        Dcmtk.Run(dir, "dcmodify", "-nb", "-m", "(0028,0004)=MONOCHROME1", "mono1.dcm");

        foreach (var signed in new[] { false, true })
        {
            var name = signed ? "gray12s" : "gray12";
            var words = new byte[gray.Pixels.Length * 2];
            for (var i = 0; i < gray.Pixels.Length; i++)
            {
                // 12 stored bits from the film (16 levels per gray level, plus a ramp), 4 bits of noise above them.
                var stored = (gray.Pixels[i] * 16) + (i % 16) - (signed ? 2048 : 0);
                BinaryPrimitives.WriteUInt16LittleEndian(words.AsSpan(2 * i), (ushort)((stored & 0x0FFF) | ((i * 7 % 16) << 12)));
            }

            File.WriteAllBytes(Path.Combine(dir, name + ".raw"), words);
            WriteDump(dir, name, gray, 16, 12, signed, signed ? "-300" : "1900", "3100", slope: "1.5", name + ".raw");
            Dcmtk.Run(dir, "dump2dcm", "+te", name + ".txt", name + ".dcm");
            Dcmtk.Run(dir, "dcmcrle", name + ".dcm", name + "-rle.dcm");
        }

        return dir;
    }

    internal static void WriteDump(string dir, string name, GrayImage size, int allocated, int stored, bool signed, string center, string width, string? slope, string raw)
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            "(0008,0016) UI =SecondaryCaptureImageStorage",
            "(0008,0018) UI [1.2.826.0.1.3680043.9.7434.1.1]",
            "(0008,0060) CS [OT]",
            "(0028,0002) US 1",
            "(0028,0004) CS [MONOCHROME2]",
            string.Create(c, $"(0028,0010) US {size.Height}"),
            string.Create(c, $"(0028,0011) US {size.Width}"),
            string.Create(c, $"(0028,0100) US {allocated}"),
            string.Create(c, $"(0028,0101) US {stored}"),
            string.Create(c, $"(0028,0102) US {stored - 1}"),
            $"(0028,0103) US {(signed ? 1 : 0)}",
            $"(0028,1050) DS [{center}]",
            $"(0028,1051) DS [{width}]",
        };
        if (slope is not null)
        {
            lines.Add("(0028,1052) DS [-50]");
            lines.Add($"(0028,1053) DS [{slope}]");
        }

        lines.Add($"(7fe0,0010) {(allocated == 16 ? "OW" : "OB")} ={raw}");
        File.WriteAllLines(Path.Combine(dir, name + ".txt"), lines);
    }
}
