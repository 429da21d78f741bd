namespace Cxr.Testing.Dicom;

/// <summary>
/// A minimal JPEG lossless (T.81 process 14, SOF3) encoder for one component, for the options no installed encoder
/// writes: restart intervals (DRI / RSTn), precision 2, and 16-bit differences of category 16. Written straight from
/// T.81 H.1 (prediction, modulo-2^16 differences, category and extra bits as F.1.2.1.1) with one fixed Huffman table
/// (categories 0 … 16, all 5-bit codes: code = category), independent of the decoder under test.
/// </summary>
public static class JpegLosslessWriter
{
    /// <summary>Encodes <paramref name="samples"/> (<paramref name="width"/> × <paramref name="height"/>, row-major,
    /// each in 0 … 2^<paramref name="precision"/> − 1) with predictor <paramref name="predictor"/> (1 … 7), point transform
    /// <paramref name="pointTransform"/> (the low bits are dropped) and a restart every <paramref name="restartLines"/>
    /// lines (0: none). <paramref name="restartInterval"/>, when given, is written as the DRI value instead (to make a
    /// header that disagrees with the data).</summary>
    public static byte[] Encode(ushort[] samples, int width, int height, int precision, int predictor, int pointTransform = 0, int restartLines = 0, int? restartInterval = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var output = new List<byte> { 0xFF, 0xD8 };
        output.AddRange([0xFF, 0xC3, 0, 11, (byte)precision, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 1, 1, 0x11, 0]);
        output.AddRange([0xFF, 0xC4, 0, 2 + 1 + 16 + 17, 0x00, 0, 0, 0, 0, 17, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        for (var category = 0; category <= 16; category++)
        {
            output.Add((byte)category);
        }

        var interval = restartInterval ?? (restartLines * width);
        if (interval > 0)
        {
            output.AddRange([0xFF, 0xDD, 0, 4, (byte)(interval >> 8), (byte)interval]);
        }

        output.AddRange([0xFF, 0xDA, 0, 8, 1, 1, 0x00, (byte)predictor, 0, (byte)pointTransform]);
        int buffer = 0, count = 0;
        void Write(int value, int length)
        {
            for (var i = length - 1; i >= 0; i--)
            {
                buffer = (buffer << 1) | ((value >> i) & 1);
                if (++count == 8)
                {
                    output.Add((byte)buffer);
                    if (buffer == 0xFF)
                    {
                        // Byte stuffing (F.1.2.3).
                        output.Add(0);
                    }

                    buffer = 0;
                    count = 0;
                }
            }
        }

        // Pads the last byte with 1 bits (F.1.2.3).
        void Flush()
        {
            while (count != 0)
            {
                Write(1, 1);
            }
        }

        var restarts = 0;
        for (var y = 0; y < height; y++)
        {
            var restartHere = restartLines > 0 && y > 0 && y % restartLines == 0;
            if (restartHere)
            {
                Flush();
                output.AddRange([0xFF, (byte)(0xD0 + (restarts++ % 8))]);
            }

            var firstLine = y == 0 || restartHere;
            for (var x = 0; x < width; x++)
            {
                int At(int xx, int yy) => samples[(yy * width) + xx] >> pointTransform;
                int prediction;
                if (x == 0 && firstLine)
                {
                    prediction = 1 << (precision - pointTransform - 1);
                }
                else if (x == 0)
                {
                    prediction = At(0, y - 1);
                }
                else if (firstLine)
                {
                    prediction = At(x - 1, y);
                }
                else
                {
                    int a = At(x - 1, y), b = At(x, y - 1), c = At(x - 1, y - 1);
                    prediction = predictor switch
                    {
                        1 => a,
                        2 => b,
                        3 => c,
                        4 => a + b - c,
                        5 => a + ((b - c) >> 1),
                        6 => b + ((a - c) >> 1),
                        _ => (a + b) >> 1,
                    };
                }

                var difference = (At(x, y) - prediction) & 0xFFFF;
                if (difference >= 32768)
                {
                    difference -= 65536;
                }

                if (difference == -32768)
                {
                    Write(16, 5);
                    continue;
                }

                var magnitude = Math.Abs(difference);
                var size = 0;
                while (magnitude >> size != 0)
                {
                    size++;
                }

                Write(size, 5);
                if (size > 0)
                {
                    Write(difference > 0 ? difference : difference + (1 << size) - 1, size);
                }
            }
        }

        Flush();
        output.AddRange([0xFF, 0xD9]);
        return [.. output];
    }
}
