using System.Runtime.CompilerServices;
using Cxr.Core.Imaging;

namespace Cxr.Core.Contracts;

/// <summary>
/// The model self-test's probe: <see cref="Count"/> deterministic synthetic images (never patient data), made with integer
/// arithmetic only so that every machine builds the same bytes. The exporter records what TorchSharp computes for them
/// (<see cref="ModelSelfTestSpec"/>); the predictor runs them through ONNX Runtime at load and compares.
/// </summary>
/// <remarks>Image 0: a film-like figure (bright body, two dark lung fields, a bright spine); 1: a diagonal gradient;
/// 2: a checkerboard with a bright diagonal band; 3: box-filtered xorshift noise. Each is <c>size × size</c>, 8-bit, fed to
/// the model as <c>pixel / 255f</c> exactly as <see cref="ImagePipeline.ToTensor"/> does.</remarks>
public static class ProbeImages
{
    /// <summary>Name of this generator, stored in the self-test spec so a reader knows which images it means.</summary>
    public const string GeneratorId = "cxr-probe-v1";

    /// <summary>Number of probe images.</summary>
    public const int Count = 4;

    /// <summary>The probe images at <paramref name="size"/> × <paramref name="size"/> pixels.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is below 8.</exception>
    public static IReadOnlyList<GrayImage> Create(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 8);
        return [Film(size), Gradient(size), Checkerboard(size), Noise(size)];
    }

    /// <summary>The probe images as one row-major batch <c>[Count, channels, size, size]</c> of <c>pixel / 255f</c>
    /// (channels identical), exactly as <see cref="ImagePipeline.ToTensor"/> would fill it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is below 8 or <paramref name="channels"/>
    /// below 1.</exception>
    public static float[] Tensor(int size, int channels = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        var images = Create(size);
        var plane = size * size;
        var tensor = new float[images.Count * channels * plane];
        // UnitScale directly rather than through ImagePipeline: the self-test runs before anything else touches the
        // image pipeline, whose first use costs several milliseconds.
        var lut = UnitScale.Table;
        for (var i = 0; i < images.Count; i++)
        {
            var pixels = images[i].Pixels;
            for (var c = 0; c < channels; c++)
            {
                var offset = ((i * channels) + c) * plane;
                for (var p = 0; p < plane; p++)
                {
                    tensor[offset + p] = lut[pixels[p]];
                }
            }
        }

        return tensor;
    }

    // Plain loops, optimised at first call: the probe is built at every model load, where tier-0 code with a delegate per
    // pixel cost ~10 ms.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static GrayImage Film(int size)
    {
        long s = size;
        var pixels = new byte[size * size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                // Coordinates scaled by 8 so the ellipse tests stay in integers at every size.
                long px = (8L * x) - (4 * s), py = (8L * y) - (4 * s);
                var body = Inside(px, py, 3 * s, 4 * s);
                var lung = Inside(px + (14 * s / 10), py + (s / 2), 9 * s / 10, 21 * s / 10)
                    || Inside(px - (14 * s / 10), py + (s / 2), 9 * s / 10, 21 * s / 10);
                var spine = Math.Abs(px) < s / 3;
                pixels[(y * size) + x] = (byte)(!body ? 20 : spine ? 215 : lung ? 60 + (40 * (y % 16) / 15) : 165);
            }
        }

        return new GrayImage(size, size, pixels);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static GrayImage Gradient(int size)
    {
        var pixels = new byte[size * size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                pixels[(y * size) + x] = (byte)((x + (2L * y)) * 255 / (3L * (size - 1)));
            }
        }

        return new GrayImage(size, size, pixels);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static GrayImage Checkerboard(int size)
    {
        var cell = Math.Max(1, size / 8);
        var pixels = new byte[size * size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                pixels[(y * size) + x] = (byte)(Math.Abs(x - y) < size / 10 ? 240 : ((x / cell) + (y / cell)) % 2 == 0 ? 190 : 45);
            }
        }

        return new GrayImage(size, size, pixels);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static GrayImage Noise(int size)
    {
        var raw = new byte[size * size];
        var state = 0x2545F491u;
        for (var i = 0; i < raw.Length; i++)
        {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            raw[i] = (byte)(state >> 24);
        }

        // A 4 × 4 box average (clamped at the borders) gives texture at the scale the first layers see.
        var pixels = new byte[size * size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var sum = 0;
                for (var dy = 0; dy < 4; dy++)
                {
                    var row = Math.Min(size - 1, y + dy) * size;
                    for (var dx = 0; dx < 4; dx++)
                    {
                        sum += raw[row + Math.Min(size - 1, x + dx)];
                    }
                }

                pixels[(y * size) + x] = (byte)(sum / 16);
            }
        }

        return new GrayImage(size, size, pixels);
    }

    private static bool Inside(long x, long y, long a, long b) => (x * x * b * b) + (y * y * a * a) <= a * a * b * b;
}
