using System.Runtime.InteropServices;
using Cxr.Core.Imaging;
using SkiaSharp;

namespace Cxr.Core.Tests.Imaging;

/// <summary>
/// Decoding in steps (scanline bands for JPEG and BMP, gated incremental decoding for PNG and GIF; see
/// <see cref="ImagePipeline.Process(ReadOnlySpan{byte}, CancellationToken)"/>) gives exactly the pixels of one
/// <see cref="SKCodec.GetPixels(SKImageInfo, IntPtr)"/> call over the whole image, for images of many bands and steps.
/// </summary>
public sealed class StepwiseDecodingTests
{
    private const int Width = 2000;
    private const int Height = 1500;

    private static readonly ImagePipeline Pipeline = new(new PreprocessSpec(224));

    public static TheoryData<string> Formats => ["jpeg-gray", "jpeg-colour", "png-gray", "png-rgba", "gif", "webp", "bmp-bottom-up", "bmp-top-down"];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Stepwise_decoding_gives_the_pixels_of_one_whole_decode(string format)
    {
        var encoded = Encode(format);

        using var cancel = new CancellationTokenSource();
        var decoded = Pipeline.Process(encoded, cancel.Token).Original;

        Assert.Equal((Width, Height), (decoded.Width, decoded.Height));
        Assert.Equal(WholeDecode(encoded), decoded.Pixels);
    }

    private static byte[] WholeDecode(byte[] encoded)
    {
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data);
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var rgba = new byte[info.BytesSize];
        var handle = GCHandle.Alloc(rgba, GCHandleType.Pinned);
        try
        {
            Assert.Equal(SKCodecResult.Success, codec.GetPixels(info, handle.AddrOfPinnedObject()));
        }
        finally
        {
            handle.Free();
        }

        var gray = new byte[info.Width * info.Height];
        Bt601.FromRgba(rgba, gray);
        return gray;
    }

    private static byte[] Encode(string format)
    {
        var gray = LargeFilm.Pixels(Width, Height);
        var rgba = new byte[gray.Length * 4];
        for (var i = 0; i < gray.Length; i++)
        {
            rgba[4 * i] = gray[i];
            rgba[(4 * i) + 1] = (byte)(gray[i] / 2);
            rgba[(4 * i) + 2] = (byte)(255 - gray[i]);
            rgba[(4 * i) + 3] = 255;
        }

        var rgb = new byte[gray.Length * 3];
        for (var i = 0; i < gray.Length; i++)
        {
            rgb[3 * i] = rgba[4 * i];
            rgb[(3 * i) + 1] = rgba[(4 * i) + 1];
            rgb[(3 * i) + 2] = rgba[(4 * i) + 2];
        }

        var palette = new byte[768];
        for (var i = 0; i < 256; i++)
        {
            palette[3 * i] = palette[(3 * i) + 1] = palette[(3 * i) + 2] = (byte)i;
        }

        return format switch
        {
            "jpeg-gray" => SkiaEncoder.Gray(Width, Height, gray, SKEncodedImageFormat.Jpeg, 90),
            "jpeg-colour" => SkiaEncoder.Rgba(Width, Height, rgba, SKEncodedImageFormat.Jpeg, 90),
            "png-gray" => SkiaEncoder.Gray(Width, Height, gray, SKEncodedImageFormat.Png),
            "png-rgba" => SkiaEncoder.Rgba(Width, Height, rgba, SKEncodedImageFormat.Png),
            "gif" => GifBuilder.Build(Width, Height, palette, gray),
            "webp" => SkiaEncoder.Rgba(Width, Height, rgba, SKEncodedImageFormat.Webp, 90),
            "bmp-bottom-up" => BmpBuilder.Build24(Width, Height, rgb),
            _ => TopDown(BmpBuilder.Build24(Width, Height, rgb)),
        };
    }

    // The same BMP with a negative height (rows stored top row first) and its rows reversed to match.
    private static byte[] TopDown(byte[] bottomUp)
    {
        var stride = ((Width * 3) + 3) & ~3;
        var topDown = bottomUp.ToArray();
        BitConverter.TryWriteBytes(topDown.AsSpan(22), -Height);
        for (var y = 0; y < Height; y++)
        {
            bottomUp.AsSpan(54 + ((Height - 1 - y) * stride), stride).CopyTo(topDown.AsSpan(54 + (y * stride)));
        }

        return topDown;
    }
}
