namespace Cxr.Core.Imaging.Dicom;

/// <summary>One fragment of encapsulated pixel data: <paramref name="Length"/> bytes at <paramref name="Offset"/> in the
/// data set's bytes (both already checked against them).</summary>
internal readonly record struct DicomFragment(int Offset, int Length);
