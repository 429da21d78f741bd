using System.Runtime.CompilerServices;
using Cxr.Core.Imaging;

namespace Cxr.Core.Contracts;

/// <summary>
/// The model self-test's probe: <see cref="Count"/> deterministic synthetic images (never patient data), made with integer
/// arithmetic only so that every machine builds the same bytes. The exporter records what TorchSharp computes for them
/// (<see cref="ModelSelfTestSpec"/>); the predictor runs them through ONNX Runtime at load and compares.
/// </summary>
/// <remarks>Image k (0–3): xorshift noise box-averaged over a (2^(k+1) − 1)-pixel window, so texture at four scales, on
/// a ramp of its own direction (down, across, diagonal, the other diagonal). Each is <c>size × size</c>, 8-bit, fed to
/// the model as <c>pixel / 255f</c> exactly as <see cref="ImagePipeline.ToTensor"/> does.</remarks>
public static class ProbeImages
{
    /// <summary>Name of this generator, stored in the self-test spec so a reader knows which images it means.</summary>
    public const string GeneratorId = "cxr-probe-v2";

    /// <summary>Number of probe images.</summary>
    public const int Count = 4;

    /// <summary>The probe images at <paramref name="size"/> × <paramref name="size"/> pixels.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is below 8.</exception>
    public static IReadOnlyList<GrayImage> Create(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 8);
        return [Create(size, 0), Create(size, 1), Create(size, 2), Create(size, 3)];
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

    // One generator for all four, optimised at first call: the probe is built at every model load, in a fresh process
    // more often than not, where JIT-compiling four separate generators cost ~10 ms.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static GrayImage Create(int size, int index)
    {
        // Xorshift noise, box-averaged over a window of 1, 3, 7 or 15 pixels (texture at four scales), on a ramp whose
        // direction and strength differ per image (contrast at the scale of the whole image).
        var window = (2 << index) - 1;
        var (rampX, rampY) = index switch
        {
            0 => (0, 120),
            1 => (120, 0),
            2 => (60, 60),
            _ => (-60, 90),
        };
        var state = 0x2545F491u + (uint)(index * 0x9E3779B9u);
        var noise = new int[(size + window) * (size + window)];
        for (var i = 0; i < noise.Length; i++)
        {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            noise[i] = (int)(state >> 24);
        }

        var stride = size + window;
        // Column sums over the window, slid down one row at a time: linear in the image size.
        var column = new int[stride];
        for (var dy = 0; dy < window; dy++)
        {
            for (var x = 0; x < stride; x++)
            {
                column[x] += noise[(dy * stride) + x];
            }
        }

        var pixels = new byte[size * size];
        var area = window * window;
        var level = 128 - ((rampX + rampY) / 2);
        for (var y = 0; y < size; y++)
        {
            if (y > 0)
            {
                for (var x = 0; x < stride; x++)
                {
                    column[x] += noise[((y + window - 1) * stride) + x] - noise[((y - 1) * stride) + x];
                }
            }

            var sum = 0;
            for (var x = 0; x < window - 1; x++)
            {
                sum += column[x];
            }

            for (var x = 0; x < size; x++)
            {
                sum += column[x + window - 1];
                var texture = (sum / area) - 128;
                sum -= column[x];
                var ramp = ((rampX * x) + (rampY * y)) / (size - 1);
                pixels[(y * size) + x] = (byte)Math.Clamp(level + ramp + texture, 0, 255);
            }
        }

        return new GrayImage(size, size, pixels);
    }
}
