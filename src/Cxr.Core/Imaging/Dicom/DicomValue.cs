namespace Cxr.Core.Imaging.Dicom;

/// <summary>Where one kept element's value lies: <paramref name="Length"/> bytes at <paramref name="Offset"/> in the data
/// set's bytes (checked against them), and its VR as two ASCII letters (first in the low byte; 0 in implicit VR).</summary>
internal readonly record struct DicomValue(int Offset, int Length, ushort Vr);
