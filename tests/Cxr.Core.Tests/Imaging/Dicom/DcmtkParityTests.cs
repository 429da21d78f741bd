using Cxr.Core.Imaging;
using Cxr.Core.Imaging.Dicom;
using Cxr.Testing.Dicom;
using Xunit.Abstractions;

namespace Cxr.Core.Tests.Imaging.Dicom;

/// <summary>
/// Files from a real encoder (DCMTK, see <see cref="DcmtkFixtures"/>) decode to the pixels DCMTK's own renderer
/// (<c>dcmj2pnm</c>, same window) gives: within one gray level for the windowed monochrome films (DCMTK and this reader
/// round the window's output differently), exactly for 8-bit RGB (BT.601 of the same samples). Fails when DCMTK is
/// missing and <c>CI=true</c>; skips only outside CI.
/// </summary>
public sealed class DcmtkParityTests : IClassFixture<DcmtkFixtures>
{
    private readonly DcmtkFixtures _files;
    private readonly ITestOutputHelper _output;

    public DcmtkParityTests(DcmtkFixtures files, ITestOutputHelper output)
    {
        _files = files;
        _output = output;
    }

    private int MaxDifference(string name, GrayImage ours, GrayImage reference)
    {
        Assert.Equal((reference.Width, reference.Height), (ours.Width, ours.Height));
        var max = 0;
        var differing = 0;
        for (var i = 0; i < ours.Pixels.Length; i++)
        {
            var d = Math.Abs(ours.Pixels[i] - reference.Pixels[i]);
            max = Math.Max(max, d);
            differing += d > 0 ? 1 : 0;
        }

        _output.WriteLine($"{name}: max |Δ| = {max}, {differing} of {ours.Pixels.Length} pixels differ");
        return max;
    }

    private GrayImage Ours(string name)
    {
        var result = new ImagePipeline(new PreprocessSpec(224)).Process(File.ReadAllBytes(_files[name]));
        Assert.Equal(ImageFormat.Dicom, result.Format);
        return result.Original;
    }

    [DcmtkFact]
    public void Eight_bit_gray_in_every_little_endian_syntax_matches_dcmj2pnm_within_one_level()
    {
        var reference = _files.Reference("gray8.dcm", "+Wi", "1");
        foreach (var name in new[] { "gray8.dcm", "gray8-implicit.dcm", "gray8-deflated.dcm", "gray8-rle.dcm" })
        {
            Assert.InRange(MaxDifference(name, Ours(name), reference), 0, 1);
        }

        Assert.Equal(Ours("gray8.dcm").Pixels, Ours("gray8-rle.dcm").Pixels);
        Assert.Equal(Ours("gray8.dcm").Pixels, Ours("gray8-deflated.dcm").Pixels);
        Assert.Equal(DicomTransferSyntax.DeflatedExplicitVrLittleEndianUid, DicomDecoder.ReadInfo(File.ReadAllBytes(_files["gray8-deflated.dcm"])).TransferSyntax.Uid);
    }

    [DcmtkFact]
    public void Monochrome1_matches_dcmj2pnm_and_is_the_inverse_of_monochrome2()
    {
        Assert.InRange(MaxDifference("mono1.dcm", Ours("mono1.dcm"), _files.Reference("mono1.dcm", "+Wi", "1")), 0, 1);
        Assert.Equal(Ours("gray8.dcm").Pixels.Select(p => (byte)(255 - p)), Ours("mono1.dcm").Pixels);
    }

    [DcmtkFact]
    public void Twelve_of_sixteen_bits_unsigned_and_signed_native_and_rle_match_dcmj2pnm_within_one_level()
    {
        foreach (var name in new[] { "gray12", "gray12s" })
        {
            var reference = _files.Reference(name + ".dcm", "+Wi", "1");
            Assert.InRange(MaxDifference(name + ".dcm", Ours(name + ".dcm"), reference), 0, 1);
            Assert.InRange(MaxDifference(name + "-rle.dcm", Ours(name + "-rle.dcm"), reference), 0, 1);
        }
    }

    [DcmtkFact]
    public void Rgb_from_the_jpeg_matches_dcmj2pnm_exactly_native_and_rle()
    {
        var reference = _files.Reference("rgb.dcm");
        Assert.Equal(0, MaxDifference("rgb.dcm", Ours("rgb.dcm"), reference));
        Assert.Equal(0, MaxDifference("rgb-rle.dcm", Ours("rgb-rle.dcm"), reference));
    }

    [DcmtkFact]
    public void Big_endian_is_refused_naming_its_syntax()
    {
        var big = Assert.Throws<UnsupportedTransferSyntaxException>(() => Ours("gray8-big.dcm"));
        Assert.Equal(DicomTransferSyntax.ExplicitVrBigEndianUid, big.TransferSyntaxUid);
    }

    [DcmtkFact]
    public void The_colour_jpeg_img2dcm_wraps_is_read_as_the_jpeg_itself_and_its_rgb_matches_dcmj2pnm()
    {
        // img2dcm wraps the colour film's JPEG as it is: JPEG Baseline, YBR_FULL_422.
        var info = DicomDecoder.ReadInfo(File.ReadAllBytes(_files["jpeg.dcm"]));
        Assert.Equal("1.2.840.10008.1.2.4.50", info.TransferSyntax.Uid);
        Assert.Equal("YBR_FULL_422", info.Pixels.PhotometricInterpretation);
        var jpeg = new ImagePipeline(new PreprocessSpec(224)).DecodeGray(File.ReadAllBytes(_files["film.jpeg"]));
        Assert.Equal(0, MaxDifference("jpeg.dcm vs film.jpeg", Ours("jpeg.dcm"), jpeg));
        // DCMTK's libjpeg (also "fancy" upsampling, its own IDCT build) and libjpeg-turbo: the same RGB within a level.
        Assert.InRange(MaxRgbDifference("jpeg.dcm", OurRgb("jpeg.dcm"), _files.ReferenceRgb("jpeg.dcm")), 0, 1);
        Assert.InRange(MaxDifference("jpeg.dcm gray", Ours("jpeg.dcm"), _files.Reference("jpeg.dcm")), 0, 1);
    }

    [DcmtkFact]
    public void Dcmtk_colour_jpeg_in_ybr_full_422_ybr_full_and_rgb_matches_dcmj2pnm_within_one_level()
    {
        foreach (var (name, photometric) in new[] { ("ybr422.dcm", "YBR_FULL_422"), ("ybr444.dcm", "YBR_FULL"), ("rgb-jpeg.dcm", "RGB") })
        {
            Assert.Equal(photometric, DicomDecoder.ReadInfo(File.ReadAllBytes(_files[name])).Pixels.PhotometricInterpretation);
            Assert.InRange(MaxRgbDifference(name, OurRgb(name), _files.ReferenceRgb(name)), 0, 1);
            Assert.InRange(MaxDifference(name + " gray", Ours(name), _files.Reference(name)), 0, 1);
        }
    }

    [DcmtkFact]
    public void Colour_lossless_jpeg_is_refused_naming_its_components()
    {
        var e = Assert.Throws<UnsupportedTransferSyntaxException>(() => Ours("rgb-lossless.dcm"));
        Assert.Equal("1.2.840.10008.1.2.4.57", e.TransferSyntaxUid);
        Assert.Contains("3 components", e.Reason, StringComparison.Ordinal);
    }

    /// <summary>The RGB our JPEG codec decodes a single-frame colour file to, R G B per pixel.</summary>
    private byte[] OurRgb(string name)
    {
        var file = File.ReadAllBytes(_files[name]);
        var (offset, syntax) = DicomParser.ReadMeta(file);
        var parsed = DicomParser.ReadDataSet(file.AsSpan(offset), syntax);
        var fragment = Assert.Single(parsed.Fragments);
        var pixels = parsed.Pixels;
        var rgb = new byte[pixels.Rows * pixels.Columns * 3];
        DicomPixelCodecs.For(syntax.Uid)!.Decode(file.AsSpan(offset + fragment.Offset, fragment.Length), pixels, rgb, CancellationToken.None);
        return rgb;
    }

    private int MaxRgbDifference(string name, byte[] ours, byte[] reference)
    {
        Assert.Equal(reference.Length, ours.Length);
        var max = 0;
        var differing = 0;
        for (var i = 0; i < ours.Length; i++)
        {
            var d = Math.Abs(ours[i] - reference[i]);
            max = Math.Max(max, d);
            differing += d > 0 ? 1 : 0;
        }

        _output.WriteLine($"{name} RGB vs dcmj2pnm: max |Δ| = {max}, {differing} of {ours.Length} samples differ");
        return max;
    }
}
