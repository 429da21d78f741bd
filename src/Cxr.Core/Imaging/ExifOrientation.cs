using SkiaSharp;

namespace Cxr.Core.Imaging;

/// <summary>
/// Turns stored pixels into displayed pixels for the 8 EXIF orientations (the values of <see cref="SKEncodedOrigin"/>
/// are the EXIF tag values 1..8; the name says where the stored row 0 / column 0 end up).
/// </summary>
internal static class ExifOrientation
{
    /// <summary>True when the displayed image is the stored one transposed (width and height swap): origins 5..8.</summary>
    public static bool SwapsAxes(SKEncodedOrigin origin) => origin >= SKEncodedOrigin.LeftTop;

    /// <summary>Returns <paramref name="stored"/> (<paramref name="width"/> × <paramref name="height"/>) as displayed.
    /// Returns the same array for <see cref="SKEncodedOrigin.TopLeft"/> and for unknown values.
    /// <paramref name="cancellationToken"/> is checked once per displayed row.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static GrayImage Apply(byte[] stored, int width, int height, SKEncodedOrigin origin, CancellationToken cancellationToken = default)
    {
        if (origin is <= SKEncodedOrigin.TopLeft or > SKEncodedOrigin.LeftBottom)
        {
            return new GrayImage(width, height, stored);
        }

        var swap = SwapsAxes(origin);
        var outW = swap ? height : width;
        var outH = swap ? width : height;
        var dst = GC.AllocateUninitializedArray<byte>(stored.Length);
        var w1 = width - 1;
        var h1 = height - 1;
        for (var y = 0; y < outH; y++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = dst.AsSpan(y * outW, outW);
            for (var x = 0; x < outW; x++)
            {
                // (sx, sy): the stored pixel shown at displayed (x, y).
                var (sx, sy) = origin switch
                {
                    SKEncodedOrigin.TopRight => (w1 - x, y),          // 2: mirrored left-right
                    SKEncodedOrigin.BottomRight => (w1 - x, h1 - y),  // 3: rotated 180°
                    SKEncodedOrigin.BottomLeft => (x, h1 - y),        // 4: mirrored top-bottom
                    SKEncodedOrigin.LeftTop => (y, x),                // 5: transposed
                    SKEncodedOrigin.RightTop => (y, h1 - x),          // 6: displayed = stored turned 90° clockwise
                    SKEncodedOrigin.RightBottom => (w1 - y, h1 - x),  // 7: transverse
                    _ => (w1 - y, x),                                 // 8: displayed = stored turned 90° counter-clockwise
                };
                row[x] = stored[(sy * width) + sx];
            }
        }

        return new GrayImage(outW, outH, dst);
    }
}
