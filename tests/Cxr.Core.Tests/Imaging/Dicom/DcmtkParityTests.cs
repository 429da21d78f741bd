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
    public void Big_endian_is_refused_naming_its_syntax_and_the_colour_jpeg_naming_its_photometric_interpretation()
    {
        var big = Assert.Throws<UnsupportedTransferSyntaxException>(() => Ours("gray8-big.dcm"));
        Assert.Equal(DicomTransferSyntax.ExplicitVrBigEndianUid, big.TransferSyntaxUid);
        // img2dcm wraps the colour film's JPEG as it is: JPEG Baseline is read now, its YBR_FULL_422 colour is not.
        Assert.Equal("1.2.840.10008.1.2.4.50", DicomDecoder.ReadInfo(File.ReadAllBytes(_files["jpeg.dcm"])).TransferSyntax.Uid);
        var jpeg = Assert.Throws<UnsupportedDicomImageException>(() => Ours("jpeg.dcm"));
        Assert.Contains("YBR_FULL_422", jpeg.Message, StringComparison.Ordinal);
    }
}
