namespace Cxr.Core.Imaging.Dicom.Writing;

/// <summary>One element to write: its tag <c>(group &lt;&lt; 16) | element</c>, its two-letter VR, and either its value
/// bytes unpadded (<paramref name="Value"/>) or, for <c>SQ</c>, its items (<paramref name="Items"/>, possibly none).</summary>
internal sealed record DicomOutputElement(uint Tag, string Vr, byte[] Value, IReadOnlyList<DicomOutputDataSet> Items);
