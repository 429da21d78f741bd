using Cxr.Core.Imaging;
using Cxr.Core.Imaging.Dicom;
using Cxr.Core.Imaging.Dicom.Native;
using Cxr.Testing.Dicom;

namespace Cxr.Core.Tests.Imaging.Dicom;

/// <summary>Syntaxes still not read stay a typed 415 naming the UID; a missing native codec library is a 415 naming the
/// library and its package, never a <see cref="DllNotFoundException"/>.</summary>
public sealed class DicomCodecRefusalTests
{
    [Theory]
    [InlineData("1.2.840.10008.1.2.4.92")]
    [InlineData("1.2.840.10008.1.2.4.201")]
    [InlineData("1.2.840.10008.1.2.4.110")]
    public void Encapsulated_syntaxes_without_a_codec_are_refused_naming_their_uid(string uid)
    {
        var file = new DicomBuilder(uid).PixelModule(64, 64).EncapsulatedPixelData([new byte[16]]).Build();
        var e = Assert.Throws<UnsupportedTransferSyntaxException>(() => DicomDecoder.DecodeGray(file, ImageLimits.Default));
        Assert.Equal(uid, e.TransferSyntaxUid);
        Assert.Contains(uid, e.Message, StringComparison.Ordinal);
        Assert.Null(e.Reason);
    }

    [Fact]
    public void A_missing_native_library_is_a_415_naming_it_and_its_package()
    {
        var syntax = DicomTransferSyntax.FromUid("1.2.840.10008.1.2.4.90");
        var e = Assert.Throws<UnsupportedTransferSyntaxException>(() => NativeCodecLibrary.Require("libcxr-no-such-codec.so.7", "libcxr-no-such-codec7", syntax));
        Assert.Equal(syntax.Uid, e.TransferSyntaxUid);
        Assert.Contains("libcxr-no-such-codec.so.7", e.Message, StringComparison.Ordinal);
        Assert.Contains("libcxr-no-such-codec7", e.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<UnsupportedImageFormatException>(e);
    }

    [Fact]
    public void A_jpeg_fragment_that_is_not_a_jpeg_stream_is_corrupt()
    {
        var file = new DicomBuilder("1.2.840.10008.1.2.4.70").PixelModule(64, 64).EncapsulatedPixelData([new byte[32]]).Build();
        Assert.Throws<CorruptImageException>(() => DicomDecoder.DecodeGray(file, ImageLimits.Default));
    }
}
