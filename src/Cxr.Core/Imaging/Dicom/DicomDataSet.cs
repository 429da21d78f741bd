namespace Cxr.Core.Imaging.Dicom;

/// <summary>
/// A parsed data set: the header and pixel module, and where the pixel data lies in the data set's bytes, either one
/// native run (<see cref="NativePixelData"/>) or the fragments of encapsulated pixel data after the basic offset table.
/// </summary>
internal sealed class DicomDataSet
{
    public DicomDataSet(DicomHeader header, DicomPixelModule pixels, bool hasPixelData, DicomFragment? nativePixelData, IReadOnlyList<DicomFragment> fragments)
    {
        HasPixelData = hasPixelData;
        Header = header;
        Pixels = pixels;
        NativePixelData = nativePixelData;
        Fragments = fragments;
    }

    public DicomHeader Header { get; }

    public DicomPixelModule Pixels { get; }

    /// <summary>The native (uncompressed) pixel data, or null when it is encapsulated or absent.</summary>
    public DicomFragment? NativePixelData { get; }

    /// <summary>The encapsulated pixel data fragments (empty for native data), basic offset table excluded.</summary>
    public IReadOnlyList<DicomFragment> Fragments { get; }

    /// <summary>Whether the data set has a top-level Pixel Data (7FE0,0010) element.</summary>
    public bool HasPixelData { get; }
}
