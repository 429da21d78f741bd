namespace Cxr.Core.Tests.Imaging;

/// <summary>A deterministic test image with texture and a ramp, defined by one integer formula so that the same bytes
/// can be built outside .NET (it was, to produce the OpenCV reference hashes in the contrast tests):
/// <c>((3x² + 5y² + 7xy) mod 61) + ⌊100x / w⌋ + ⌊60y / h⌋</c>, values 0–220.</summary>
internal static class ContrastPattern
{
    public static byte[] Create(int width, int height)
    {
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[(y * width) + x] = (byte)((((3 * x * x) + (5 * y * y) + (7 * x * y)) % 61) + (100 * x / width) + (60 * y / height));
            }
        }

        return pixels;
    }
}
