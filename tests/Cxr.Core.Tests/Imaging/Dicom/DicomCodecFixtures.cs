using System.Buffers.Binary;
using Cxr.Core.Imaging;
using Cxr.Testing;
using Cxr.Testing.Dicom;

namespace Cxr.Core.Tests.Imaging.Dicom;

/// <summary>
/// Compressed DICOM files written by real encoders, made once per test class in a temporary folder from the first shared
/// NORMAL validation film's 8-bit gray (this pipeline's decode), written by <c>dump2dcm</c> as native sources: 8-bit
/// (window 120/180), 12 of 16 bits (16 levels per gray level plus a ramp, unsigned and signed, rescale 1.5/−50), 16 of
/// 16 bits (256 levels per gray level plus a ramp, unsigned and signed), and <c>film8</c> (8-bit, window 128/256, the
/// identity). Then compressed by DCMTK <c>dcmcjpeg</c> (baseline, extended, lossless SV1 and every predictor 2 … 7 at 8,
/// 12 (written as 16-bit streams) and 16 bits, point transforms 2 and 3, in one fragment or 1 KB fragments with and
/// without a basic offset table), DCMTK <c>dcmcjpls</c> (lossless, near-lossless 2)
/// and GDCM <c>gdcmconv --j2k</c> (reversible, and <c>--lossy -r 10</c>), and relabelled MONOCHROME1 by <c>dcmodify</c>.
/// See <see cref="Cases"/>.
/// </summary>
public sealed class DicomCodecFixtures : IDisposable
{
    private const string Jpeg50 = "1.2.840.10008.1.2.4.50";
    private const string Jpeg51 = "1.2.840.10008.1.2.4.51";
    private const string Jpeg57 = "1.2.840.10008.1.2.4.57";
    private const string Jpeg70 = "1.2.840.10008.1.2.4.70";
    private const string Ls80 = "1.2.840.10008.1.2.4.80";
    private const string Ls81 = "1.2.840.10008.1.2.4.81";
    private const string J2k90 = "1.2.840.10008.1.2.4.90";
    private const string J2k91 = "1.2.840.10008.1.2.4.91";

    /// <summary>The tolerance of the lossy DCT processes: JpegLibrary's floating-point inverse DCT and libjpeg's integer
    /// one (DCMTK) round some samples one level apart, and the 8-bit fixtures' window (width 180) stretches one sample
    /// level to 255 / 179 ≈ 1.4 gray levels, so up to 2 after rounding.</summary>
    private const int DctTolerance = 2;

    /// <summary>Every readable fixture, in generation order.</summary>
    public static readonly CodecCase[] Cases =
    [
        new("c8-baseline.dcm", "c8.dcm", "dcmcjpeg", ["+eb"], Jpeg50, false, "dcmj2pnm", DctTolerance),
        new("c8-extended.dcm", "c8.dcm", "dcmcjpeg", ["+ee"], Jpeg51, false, "dcmj2pnm", DctTolerance),
        new("c8-sv1.dcm", "c8.dcm", "dcmcjpeg", ["+e1"], Jpeg70, true, "dcmj2pnm"),
        // +el without +sv is DCMTK's default selection value, predictor 6.
        new("c8-p6.dcm", "c8.dcm", "dcmcjpeg", ["+el"], Jpeg57, true, "dcmj2pnm"),
        new("c8-p2.dcm", "c8.dcm", "dcmcjpeg", ["+el", "+sv", "2"], Jpeg57, true, "dcmj2pnm"),
        new("c8-p3.dcm", "c8.dcm", "dcmcjpeg", ["+el", "+sv", "3"], Jpeg57, true, "dcmj2pnm"),
        new("c8-p4.dcm", "c8.dcm", "dcmcjpeg", ["+el", "+sv", "4"], Jpeg57, true, "dcmj2pnm"),
        new("c8-p5.dcm", "c8.dcm", "dcmcjpeg", ["+el", "+sv", "5"], Jpeg57, true, "dcmj2pnm"),
        new("c8-p7.dcm", "c8.dcm", "dcmcjpeg", ["+el", "+sv", "7"], Jpeg57, true, "dcmj2pnm"),
        // Point transform: the low Pt bits are dropped (see PointTransformCases), so not lossless.
        new("c8-p6-pt2.dcm", "c8.dcm", "dcmcjpeg", ["+el", "+pt", "2"], Jpeg57, false, "dcmj2pnm"),
        new("c8-sv1-fragments-no-bot.dcm", "c8.dcm", "dcmcjpeg", ["+e1", "+fs", "1", "-ot"], Jpeg70, true, "dcmj2pnm"),
        new("c8-sv1-fragments-bot.dcm", "c8.dcm", "dcmcjpeg", ["+e1", "+fs", "1", "+ot"], Jpeg70, true, "dcmj2pnm"),
        new("c12-extended.dcm", "c12.dcm", "dcmcjpeg", ["+ee"], Jpeg51, false, "dcmj2pnm", DctTolerance),
        // DCMTK writes 12 of 16 bits as 16-bit lossless streams.
        new("c12-sv1.dcm", "c12.dcm", "dcmcjpeg", ["+e1"], Jpeg70, true, "dcmj2pnm"),
        new("c12-p2.dcm", "c12.dcm", "dcmcjpeg", ["+el", "+sv", "2"], Jpeg57, true, "dcmj2pnm"),
        new("c12-p3.dcm", "c12.dcm", "dcmcjpeg", ["+el", "+sv", "3"], Jpeg57, true, "dcmj2pnm"),
        new("c12-p4.dcm", "c12.dcm", "dcmcjpeg", ["+el", "+sv", "4"], Jpeg57, true, "dcmj2pnm"),
        new("c12-p5.dcm", "c12.dcm", "dcmcjpeg", ["+el", "+sv", "5"], Jpeg57, true, "dcmj2pnm"),
        new("c12-p6.dcm", "c12.dcm", "dcmcjpeg", ["+el"], Jpeg57, true, "dcmj2pnm"),
        new("c12-p7.dcm", "c12.dcm", "dcmcjpeg", ["+el", "+sv", "7"], Jpeg57, true, "dcmj2pnm"),
        new("c12s-sv1.dcm", "c12s.dcm", "dcmcjpeg", ["+e1"], Jpeg70, true, "dcmj2pnm"),
        new("c12s-p6.dcm", "c12s.dcm", "dcmcjpeg", ["+el"], Jpeg57, true, "dcmj2pnm"),
        new("c16-sv1.dcm", "c16.dcm", "dcmcjpeg", ["+e1"], Jpeg70, true, "dcmj2pnm"),
        new("c16-p2.dcm", "c16.dcm", "dcmcjpeg", ["+el", "+sv", "2"], Jpeg57, true, "dcmj2pnm"),
        new("c16-p3.dcm", "c16.dcm", "dcmcjpeg", ["+el", "+sv", "3"], Jpeg57, true, "dcmj2pnm"),
        new("c16-p4.dcm", "c16.dcm", "dcmcjpeg", ["+el", "+sv", "4"], Jpeg57, true, "dcmj2pnm"),
        new("c16-p5.dcm", "c16.dcm", "dcmcjpeg", ["+el", "+sv", "5"], Jpeg57, true, "dcmj2pnm"),
        new("c16-p6.dcm", "c16.dcm", "dcmcjpeg", ["+el"], Jpeg57, true, "dcmj2pnm"),
        new("c16-p7.dcm", "c16.dcm", "dcmcjpeg", ["+el", "+sv", "7"], Jpeg57, true, "dcmj2pnm"),
        new("c16-p6-pt3.dcm", "c16.dcm", "dcmcjpeg", ["+el", "+pt", "3"], Jpeg57, false, "dcmj2pnm"),
        new("c16s-sv1.dcm", "c16s.dcm", "dcmcjpeg", ["+e1"], Jpeg70, true, "dcmj2pnm"),
        new("c16s-p7.dcm", "c16s.dcm", "dcmcjpeg", ["+el", "+sv", "7"], Jpeg57, true, "dcmj2pnm"),
        new("c8-ls.dcm", "c8.dcm", "dcmcjpls", ["+el"], Ls80, true, "dcml2pnm"),
        new("c8-ls-near.dcm", "c8.dcm", "dcmcjpls", ["+en"], Ls81, false, "dcml2pnm"),
        new("c8-ls-fragments.dcm", "c8.dcm", "dcmcjpls", ["+el", "+fs", "1", "-ot"], Ls80, true, "dcml2pnm"),
        new("c12-ls.dcm", "c12.dcm", "dcmcjpls", ["+el"], Ls80, true, "dcml2pnm"),
        new("c12-ls-near.dcm", "c12.dcm", "dcmcjpls", ["+en"], Ls81, false, "dcml2pnm"),
        new("c16-ls.dcm", "c16.dcm", "dcmcjpls", ["+el"], Ls80, true, "dcml2pnm"),
        new("c16-ls-near.dcm", "c16.dcm", "dcmcjpls", ["+en"], Ls81, false, "dcml2pnm"),
        new("c16s-ls.dcm", "c16s.dcm", "dcmcjpls", ["+el"], Ls80, true, "dcml2pnm"),
        new("c8-j2k.dcm", "c8.dcm", "gdcmconv", ["--j2k"], J2k90, true, "gdcm"),
        new("c8-j2k-lossy.dcm", "c8.dcm", "gdcmconv", ["--j2k", "--lossy", "-r", "10"], J2k91, false, "gdcm"),
        new("c12-j2k.dcm", "c12.dcm", "gdcmconv", ["--j2k"], J2k90, true, "gdcm"),
        new("c12-j2k-lossy.dcm", "c12.dcm", "gdcmconv", ["--j2k", "--lossy", "-r", "10"], J2k91, false, "gdcm"),
        new("c12s-j2k.dcm", "c12s.dcm", "gdcmconv", ["--j2k"], J2k90, true, "gdcm"),
        new("c16-j2k.dcm", "c16.dcm", "gdcmconv", ["--j2k"], J2k90, true, "gdcm"),
        new("c16-j2k-lossy.dcm", "c16.dcm", "gdcmconv", ["--j2k", "--lossy", "-r", "10"], J2k91, false, "gdcm"),
        new("c16s-j2k.dcm", "c16s.dcm", "gdcmconv", ["--j2k"], J2k90, true, "gdcm"),
        new("m1-sv1.dcm", "c8-sv1.dcm", "mono1", [], Jpeg70, true, "dcmj2pnm"),
        new("m1-p6.dcm", "c8-p6.dcm", "mono1", [], Jpeg57, true, "dcmj2pnm"),
        new("m1-c12-p7.dcm", "c12-p7.dcm", "mono1", [], Jpeg57, true, "dcmj2pnm"),
        new("m1-baseline.dcm", "c8-baseline.dcm", "mono1", [], Jpeg50, false, "dcmj2pnm", DctTolerance),
        new("m1-ls.dcm", "c8-ls.dcm", "mono1", [], Ls80, true, "dcml2pnm"),
        new("m1-j2k.dcm", "c8-j2k.dcm", "mono1", [], J2k90, true, "gdcm"),
        new("film8-sv1.dcm", "film8.dcm", "dcmcjpeg", ["+e1"], Jpeg70, true, "dcmj2pnm"),
        new("film8-p6.dcm", "film8.dcm", "dcmcjpeg", ["+el"], Jpeg57, true, "dcmj2pnm"),
        new("film8-ls.dcm", "film8.dcm", "dcmcjpls", ["+el"], Ls80, true, "dcml2pnm"),
        new("film8-j2k.dcm", "film8.dcm", "gdcmconv", ["--j2k"], J2k90, true, "gdcm"),
    ];

    /// <summary>The point-transform fixtures of <see cref="Cases"/> with their Pt: they decode to their native source's
    /// stored samples with the low Pt bits cleared.</summary>
    public static readonly (string Name, int PointTransform)[] PointTransformCases = [("c8-p6-pt2.dcm", 2), ("c16-p6-pt3.dcm", 3)];

    private readonly Lazy<string> _folder;

    public DicomCodecFixtures() => _folder = new Lazy<string>(Generate);

    /// <summary>The full path of fixture <paramref name="name"/> (generating them all on first use).</summary>
    public string this[string name] => Path.Combine(_folder.Value, name);

    /// <summary>The film the sources were made from.</summary>
    public string Film => this["film.jpeg"];

    /// <summary>DCMTK's rendering (window 1, 8-bit PNG, read back as gray) of <paramref name="c"/>'s file, through its
    /// renderer.</summary>
    public GrayImage Reference(CodecCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var dir = _folder.Value;
        var input = c.Name;
        var tool = c.Renderer;
        if (c.Renderer == "gdcm")
        {
            input = Path.ChangeExtension(c.Name, ".raw.dcm");
            DicomCodecTools.RunGdcmconv(dir, "--raw", c.Name, input);
            tool = "dcmj2pnm";
        }

        var png = Path.ChangeExtension(c.Name, ".ref.png");
        Dcmtk.Run(dir, tool, "+Wi", "1", "+on", input, png);
        return new ImagePipeline(new PreprocessSpec(32)).DecodeGray(File.ReadAllBytes(Path.Combine(dir, png)));
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
        if (!DicomCodecTools.IsInstalled)
        {
            throw new InvalidOperationException(DicomCodecTools.MissingMessage);
        }

        var dir = Directory.CreateTempSubdirectory("cxr-dicom-codec-").FullName;
        var film = TestData.FirstValidationFilm("NORMAL");
        File.Copy(film, Path.Combine(dir, "film.jpeg"));
        var gray = new ImagePipeline(new PreprocessSpec(32)).DecodeGray(File.ReadAllBytes(film));
        Source(dir, "c8", gray, gray.Pixels, 8, 8, signed: false, "120", "180", slope: null);
        Source(dir, "film8", gray, gray.Pixels, 8, 8, signed: false, "128", "256", slope: null);
        // 12 of 16 bits: 16 levels per gray level plus a ramp; the signed one offset by −2048 (two's complement in 12 bits).
        Source(dir, "c12", gray, Words(gray, v => v * 16, 16, 0x0FFF), 16, 12, signed: false, "1900", "3100", slope: "1.5");
        Source(dir, "c12s", gray, Words(gray, v => (v * 16) - 2048, 16, 0x0FFF), 16, 12, signed: true, "-300", "3100", slope: "1.5");
        // 16 of 16 bits: 256 levels per gray level plus a ramp, so the top bit is used; the signed one offset by −32768.
        Source(dir, "c16", gray, Words(gray, v => v * 256, 256, 0xFFFF), 16, 16, signed: false, "30000", "50000", slope: null);
        Source(dir, "c16s", gray, Words(gray, v => (v * 256) - 32768, 256, 0xFFFF), 16, 16, signed: true, "-2000", "50000", slope: null);
        foreach (var c in Cases)
        {
            switch (c.Tool)
            {
                case "gdcmconv":
                    DicomCodecTools.RunGdcmconv(dir, [.. c.Arguments, c.Source, c.Name]);
                    break;
                case "mono1":
                    File.Copy(Path.Combine(dir, c.Source), Path.Combine(dir, c.Name));
                    Dcmtk.Run(dir, "dcmodify", "-nb", "-m", "(0028,0004)=MONOCHROME1", c.Name);
                    break;
                default:
                    Dcmtk.Run(dir, c.Tool, [.. c.Arguments, c.Source, c.Name]);
                    break;
            }
        }

        return dir;
    }

    private static byte[] Words(GrayImage gray, Func<int, int> level, int ramp, int mask)
    {
        var words = new byte[gray.Pixels.Length * 2];
        for (var i = 0; i < gray.Pixels.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(words.AsSpan(2 * i), (ushort)((level(gray.Pixels[i]) + (i % ramp)) & mask));
        }

        return words;
    }

    private static void Source(string dir, string name, GrayImage size, byte[] raw, int allocated, int stored, bool signed, string center, string width, string? slope)
    {
        File.WriteAllBytes(Path.Combine(dir, name + ".raw"), raw);
        DcmtkFixtures.WriteDump(dir, name, size, allocated, stored, signed, center, width, slope, name + ".raw");
        Dcmtk.Run(dir, "dump2dcm", "+te", name + ".txt", name + ".dcm");
    }
}
