namespace Cxr.Core.Imaging.Dicom;

/// <summary>
/// What the Image Pixel, Modality LUT, VOI LUT and Presentation LUT modules (PS3.3 C.7.6.3, C.11) say about the pixels,
/// with the standard's defaults filled in for absent optional elements. Values are as read; <see cref="DicomDecoder"/>
/// checks them before decoding.
/// </summary>
public sealed record DicomPixelModule
{
    /// <summary>Rows (0028,0010): the height in pixels, 0 when absent.</summary>
    public int Rows { get; init; }

    /// <summary>Columns (0028,0011): the width in pixels, 0 when absent.</summary>
    public int Columns { get; init; }

    /// <summary>Samples per Pixel (0028,0002): 1 for gray, 3 for colour; default 1.</summary>
    public int SamplesPerPixel { get; init; } = 1;

    /// <summary>Photometric Interpretation (0028,0004), e.g. <c>MONOCHROME2</c>; empty when absent.</summary>
    public string PhotometricInterpretation { get; init; } = "";

    /// <summary>Planar Configuration (0028,0006) of colour data: 0 = R G B per pixel, 1 = one plane per colour; default 0.</summary>
    public int PlanarConfiguration { get; init; }

    /// <summary>Number of Frames (0028,0008); default 1.</summary>
    public int NumberOfFrames { get; init; } = 1;

    /// <summary>Bits Allocated (0028,0100): bits per sample in the data, 8 or 16 here; 0 when absent.</summary>
    public int BitsAllocated { get; init; }

    /// <summary>Bits Stored (0028,0101): significant bits per sample, 1 … BitsAllocated; 0 when absent.</summary>
    public int BitsStored { get; init; }

    /// <summary>High Bit (0028,0102): the most significant stored bit, BitsStored − 1 … BitsAllocated − 1; −1 when absent.</summary>
    public int HighBit { get; init; } = -1;

    /// <summary>Pixel Representation (0028,0103): 0 unsigned, 1 two's complement; default 0.</summary>
    public int PixelRepresentation { get; init; }

    /// <summary>Rescale Slope (0028,1053); default 1.</summary>
    public double RescaleSlope { get; init; } = 1;

    /// <summary>Rescale Intercept (0028,1052); default 0.</summary>
    public double RescaleIntercept { get; init; }

    /// <summary>The first Window Center (0028,1050) value, or null.</summary>
    public double? WindowCenter { get; init; }

    /// <summary>The first Window Width (0028,1051) value, or null.</summary>
    public double? WindowWidth { get; init; }

    /// <summary>VOI LUT Function (0028,1056): <c>LINEAR</c> (default), <c>LINEAR_EXACT</c> or <c>SIGMOID</c>.</summary>
    public string VoiLutFunction { get; init; } = "LINEAR";

    /// <summary>The first VOI LUT Sequence item, or null.</summary>
    public DicomVoiLut? VoiLut { get; init; }

    /// <summary>Presentation LUT Shape (2050,0020): <c>IDENTITY</c>, <c>INVERSE</c>, or null when absent.</summary>
    public string? PresentationLutShape { get; init; }

    /// <summary>Pixel Padding Value (0028,0120) as its 16-bit pattern (US or SS, per Pixel Representation), or null.</summary>
    public ushort? PixelPaddingValue { get; init; }

    /// <summary>Pixel Padding Range Limit (0028,0121) as its 16-bit pattern, or null.</summary>
    public ushort? PixelPaddingRangeLimit { get; init; }

    /// <summary>Whether the samples are two's complement.</summary>
    public bool IsSigned => PixelRepresentation == 1;

    /// <summary>Whether the display is inverted: MONOCHROME1 (minimum = white) or Presentation LUT Shape INVERSE. Both
    /// describe the same inversion (PS3.3 C.11.6.1 requires INVERSE with MONOCHROME1 in the DX IODs), so a file that
    /// says both is inverted once, never twice.</summary>
    public bool IsInverted =>
        PhotometricInterpretation == "MONOCHROME1" || string.Equals(PresentationLutShape, "INVERSE", StringComparison.Ordinal);
}
