using Cxr.Core.Imaging;
using SkiaSharp;

namespace Cxr.Core.Tests.Imaging;

/// <summary>All 8 EXIF orientations, through a real JPEG with an inserted APP1 segment and on raw pixels.</summary>
public class ExifOrientationTests
{
    // 4 × 2 grid of 16 × 16 flat blocks (64 × 32 pixels): asymmetric in both axes, JPEG-friendly (block aligned).
    private static readonly byte[,] Grid = { { 0, 60, 120, 180 }, { 240, 30, 90, 150 } };
    private const int Block = 16;

    private static readonly ImagePipeline Pipeline = new(new PreprocessSpec(Size: 16));

    private static byte[] StoredPixels()
    {
        var pixels = new byte[64 * 32];
        for (var y = 0; y < 32; y++)
        {
            for (var x = 0; x < 64; x++)
            {
                pixels[(y * 64) + x] = Grid[y / Block, x / Block];
            }
        }

        return pixels;
    }

    // Reference transforms written independently of the production mapping: rotate clockwise and mirror.
    private static byte[,] RotateClockwise(byte[,] g)
    {
        int h = g.GetLength(0), w = g.GetLength(1);
        var r = new byte[w, h];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                r[x, h - 1 - y] = g[y, x];
            }
        }

        return r;
    }

    private static byte[,] MirrorLeftRight(byte[,] g)
    {
        int h = g.GetLength(0), w = g.GetLength(1);
        var r = new byte[h, w];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                r[y, w - 1 - x] = g[y, x];
            }
        }

        return r;
    }

    private static byte[,] MirrorTopBottom(byte[,] g) => RotateClockwise(RotateClockwise(MirrorLeftRight(g)));

    /// <summary>How EXIF says the stored grid must be shown (TIFF 6.0 / EXIF 2.3 Orientation).</summary>
    private static byte[,] Displayed(int orientation) => orientation switch
    {
        1 => Grid,
        2 => MirrorLeftRight(Grid),
        3 => RotateClockwise(RotateClockwise(Grid)),
        4 => MirrorTopBottom(Grid),
        5 => MirrorLeftRight(RotateClockwise(Grid)),
        6 => RotateClockwise(Grid),
        7 => MirrorTopBottom(RotateClockwise(Grid)),
        8 => RotateClockwise(RotateClockwise(RotateClockwise(Grid))),
        _ => throw new ArgumentOutOfRangeException(nameof(orientation)),
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Jpeg_with_exif_orientation_is_shown_upright(int orientation)
    {
        var jpeg = JpegBuilder.WithExifOrientation(SkiaEncoder.Gray(64, 32, StoredPixels(), SKEncodedImageFormat.Jpeg, 100), orientation);
        var gray = Pipeline.DecodeGray(jpeg);
        var expected = Displayed(orientation);
        int rows = expected.GetLength(0), cols = expected.GetLength(1);
        Assert.Equal((cols * Block, rows * Block), (gray.Width, gray.Height));
        for (var by = 0; by < rows; by++)
        {
            for (var bx = 0; bx < cols; bx++)
            {
                // Block centers; JPEG at quality 100 keeps flat blocks within a level or two.
                var actual = gray[(bx * Block) + (Block / 2), (by * Block) + (Block / 2)];
                Assert.InRange(actual, expected[by, bx] - 2, expected[by, bx] + 2);
            }
        }
    }

    [Fact]
    public void Orientation_6_swaps_width_and_height_and_turns_clockwise()
    {
        var jpeg = JpegBuilder.WithExifOrientation(SkiaEncoder.Gray(64, 32, StoredPixels(), SKEncodedImageFormat.Jpeg, 100), 6);
        var result = Pipeline.Process(jpeg);
        Assert.Equal((32, 64), (result.Original.Width, result.Original.Height));
        // Turned clockwise: the stored bottom-left block (240) is now top-left, the stored top-left (0) top-right.
        Assert.InRange(result.Original[8, 8], 238, 242);
        Assert.InRange(result.Original[24, 8], 0, 2);
        Assert.InRange(result.Original[24, 56], 178, 182); // stored top-right → bottom-right
    }

    [Fact]
    public void Pixel_mapping_is_exact_for_all_origins()
    {
        // 3 × 2 with distinct values, checked against the reference transforms pixel by pixel.
        byte[] stored = [1, 2, 3, 4, 5, 6];
        var grid = new byte[,] { { 1, 2, 3 }, { 4, 5, 6 } };
        for (var o = 1; o <= 8; o++)
        {
            var image = ExifOrientation.Apply(stored, 3, 2, (SKEncodedOrigin)o);
            var expected = o switch
            {
                1 => grid,
                2 => MirrorLeftRight(grid),
                3 => RotateClockwise(RotateClockwise(grid)),
                4 => MirrorTopBottom(grid),
                5 => MirrorLeftRight(RotateClockwise(grid)),
                6 => RotateClockwise(grid),
                7 => MirrorTopBottom(RotateClockwise(grid)),
                _ => RotateClockwise(RotateClockwise(RotateClockwise(grid))),
            };
            Assert.Equal((expected.GetLength(1), expected.GetLength(0)), (image.Width, image.Height));
            Assert.Equal(expected.Cast<byte>().ToArray(), image.Pixels);
        }
    }

    [Fact]
    public void Pixel_limit_message_uses_the_displayed_orientation()
    {
        var jpeg = JpegBuilder.WithExifOrientation(SkiaEncoder.Gray(64, 32, StoredPixels(), SKEncodedImageFormat.Jpeg, 100), 6);
        var pipeline = new ImagePipeline(new PreprocessSpec(), new ImageLimits(MaxPixels: 1000));
        var e = Assert.Throws<ImageDimensionsTooLargeException>(() => pipeline.Process(jpeg));
        Assert.Equal("The image is 32 × 64 pixels (0.002 MP); the limit is 0.001 MP.", e.Message);
    }
}
