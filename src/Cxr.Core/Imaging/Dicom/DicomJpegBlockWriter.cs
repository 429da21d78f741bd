using System.Runtime.CompilerServices;
using JpegLibrary;

namespace Cxr.Core.Imaging.Dicom;

/// <summary>
/// Receives JpegLibrary's decoded 8 × 8 blocks (component samples as <see cref="short"/>, already level-shifted, one block
/// per call at image position x, y) and stores them interleaved, row-major, as unsigned P-bit samples in
/// <see cref="Samples"/>: <c>Width × Height × Components</c> values, each in 0 … 2^P − 1. The DCT processes' blocks are
/// clamped to that range (their inverse DCT can overshoot it by rounding); the lossless process's are taken modulo 2^P,
/// the arithmetic T.81 H.1.2.1 defines (a 16-bit sample arrives as the <see cref="short"/> with its bit pattern). Blocks
/// reaching past the right or bottom edge are cut. Cancellation is checked every 4096 blocks (≈ 256 K samples).
/// </summary>
internal sealed class DicomJpegBlockWriter : JpegBlockOutputWriter
{
    private readonly int _width;
    private readonly int _height;
    private readonly int _components;
    private readonly int _max;
    private readonly bool _lossless;
    private readonly CancellationToken _cancellationToken;
    private int _blocks;

    /// <summary>Creates the writer for a frame already checked against the DICOM header (so the buffer is bounded by
    /// the image limits): <paramref name="samples"/> must hold <c>width × height × components</c> values.</summary>
    public DicomJpegBlockWriter(ushort[] samples, int width, int height, int components, int precision, bool lossless, CancellationToken cancellationToken)
    {
        Samples = samples;
        _width = width;
        _height = height;
        _components = components;
        _max = (1 << precision) - 1;
        _lossless = lossless;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The decoded samples, interleaved by component.</summary>
    public ushort[] Samples { get; }

    /// <inheritdoc />
    public override void WriteBlock(ref short blockRef, int componentIndex, int x, int y)
    {
        if (++_blocks % 4096 == 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
        }

        if ((uint)componentIndex >= (uint)_components)
        {
            return;
        }

        var rows = Math.Min(8, _height - y);
        var columns = Math.Min(8, _width - x);
        for (var row = 0; row < rows; row++)
        {
            var at = ((((y + row) * _width) + x) * _components) + componentIndex;
            for (var column = 0; column < columns; column++)
            {
                int value = Unsafe.Add(ref blockRef, (row * 8) + column);
                Samples[at + (column * _components)] = (ushort)(_lossless ? value & _max : Math.Clamp(value, 0, _max));
            }
        }
    }
}
