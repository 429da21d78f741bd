namespace Cxr.Testing.Images;

/// <summary>Hand-builds GIF89a files with a 256-entry global palette and uncompressed-style LZW (9-bit literal codes
/// with periodic clear codes), one image descriptor per frame.</summary>
public static class GifBuilder
{
    /// <summary>A GIF of <paramref name="width"/> × <paramref name="height"/> whose frames are full-size palette index
    /// arrays; <paramref name="palette"/> is 256 RGB triples (768 bytes).</summary>
    public static byte[] Build(int width, int height, byte[] palette, params byte[][] frames)
        => Build(width, height, palette, loop: false, frames);

    /// <summary>As <see cref="Build(int, int, byte[], byte[][])"/>, with the NETSCAPE2.0 application extension that
    /// makes browsers loop the animation forever (as every animated GIF on the web has).</summary>
    public static byte[] BuildLooping(int width, int height, byte[] palette, params byte[][] frames)
        => Build(width, height, palette, loop: true, frames);

    private static byte[] Build(int width, int height, byte[] palette, bool loop, byte[][] frames)
    {
        using var gif = new MemoryStream();
        gif.Write("GIF89a"u8);
        Write16(gif, width);
        Write16(gif, height);
        gif.Write([0xF7, 0, 0]); // global color table of 2^(7+1) entries, 8-bit color resolution
        gif.Write(palette);
        if (loop)
        {
            // Application extension "NETSCAPE2.0", sub-block 1: loop count 0 = forever.
            gif.Write([0x21, 0xFF, 11, .. "NETSCAPE2.0"u8, 3, 1, 0, 0, 0]);
        }

        foreach (var frame in frames)
        {
            gif.Write([0x21, 0xF9, 4, 0x04, 10, 0, 0, 0]); // graphic control: dispose "do not dispose", 0.1 s
            gif.WriteByte(0x2C);
            Write16(gif, 0);
            Write16(gif, 0);
            Write16(gif, width);
            Write16(gif, height);
            gif.WriteByte(0); // no local table, not interlaced
            gif.WriteByte(8); // LZW minimum code size
            var lzw = Lzw(frame);
            for (var i = 0; i < lzw.Length; i += 255)
            {
                var n = Math.Min(255, lzw.Length - i);
                gif.WriteByte((byte)n);
                gif.Write(lzw, i, n);
            }

            gif.WriteByte(0);
        }

        gif.WriteByte(0x3B);
        return gif.ToArray();
    }

    /// <summary>A GIF whose logical screen is <paramref name="width"/> × <paramref name="height"/> but whose only frame
    /// covers <paramref name="frameW"/> × <paramref name="frameH"/> at (<paramref name="left"/>, <paramref name="top"/>);
    /// the background color index is 0 and the screen outside the frame is left to the decoder.</summary>
    public static byte[] BuildWithFrameRect(
        int width, int height, int left, int top, int frameW, int frameH, byte[] palette, byte[] indices)
    {
        using var gif = new MemoryStream();
        gif.Write("GIF89a"u8);
        Write16(gif, width);
        Write16(gif, height);
        gif.Write([0xF7, 0, 0]);
        gif.Write(palette);
        gif.WriteByte(0x2C);
        Write16(gif, left);
        Write16(gif, top);
        Write16(gif, frameW);
        Write16(gif, frameH);
        gif.WriteByte(0);
        gif.WriteByte(8);
        var lzw = Lzw(indices);
        for (var i = 0; i < lzw.Length; i += 255)
        {
            var n = Math.Min(255, lzw.Length - i);
            gif.WriteByte((byte)n);
            gif.Write(lzw, i, n);
        }

        gif.WriteByte(0);
        gif.WriteByte(0x3B);
        return gif.ToArray();
    }

    private static byte[] Lzw(byte[] indices)
    {
        const int clear = 256, end = 257;
        using var ms = new MemoryStream();
        int buffer = 0, count = 0;
        void Code(int code)
        {
            buffer |= code << count;
            count += 9;
            while (count >= 8)
            {
                ms.WriteByte((byte)buffer);
                buffer >>= 8;
                count -= 8;
            }
        }

        // Clearing every 250 literals keeps the decoder's table below 512 entries, so codes stay 9 bits wide.
        for (var i = 0; i < indices.Length; i++)
        {
            if (i % 250 == 0)
            {
                Code(clear);
            }

            Code(indices[i]);
        }

        Code(end);
        if (count > 0)
        {
            ms.WriteByte((byte)buffer);
        }

        return ms.ToArray();
    }

    private static void Write16(Stream s, int v) => s.Write([(byte)v, (byte)(v >> 8)]);
}
