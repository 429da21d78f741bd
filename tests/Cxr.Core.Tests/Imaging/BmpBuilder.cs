namespace Cxr.Core.Tests.Imaging;

/// <summary>Hand-builds 24-bit bottom-up BI_RGB BMP files (rows padded to 4 bytes).</summary>
internal static class BmpBuilder
{
    /// <summary><paramref name="rgb"/> holds top-down rows of R, G, B bytes.</summary>
    public static byte[] Build24(int width, int height, byte[] rgb)
    {
        var stride = ((width * 3) + 3) & ~3;
        var pixelBytes = stride * height;
        var bmp = new byte[54 + pixelBytes];
        bmp[0] = (byte)'B';
        bmp[1] = (byte)'M';
        BitConverter.TryWriteBytes(bmp.AsSpan(2), bmp.Length);
        BitConverter.TryWriteBytes(bmp.AsSpan(10), 54);
        BitConverter.TryWriteBytes(bmp.AsSpan(14), 40);
        BitConverter.TryWriteBytes(bmp.AsSpan(18), width);
        BitConverter.TryWriteBytes(bmp.AsSpan(22), height); // positive: bottom-up
        BitConverter.TryWriteBytes(bmp.AsSpan(26), (short)1);
        BitConverter.TryWriteBytes(bmp.AsSpan(28), (short)24);
        BitConverter.TryWriteBytes(bmp.AsSpan(34), pixelBytes);
        for (var y = 0; y < height; y++)
        {
            var row = 54 + ((height - 1 - y) * stride);
            for (var x = 0; x < width; x++)
            {
                var s = ((y * width) + x) * 3;
                bmp[row + (x * 3)] = rgb[s + 2];     // B
                bmp[row + (x * 3) + 1] = rgb[s + 1]; // G
                bmp[row + (x * 3) + 2] = rgb[s];     // R
            }
        }

        return bmp;
    }
}
