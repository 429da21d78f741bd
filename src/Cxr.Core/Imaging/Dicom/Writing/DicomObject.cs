namespace Cxr.Core.Imaging.Dicom.Writing;

/// <summary>A written DICOM object: the Part 10 file's bytes and the UIDs that identify it.</summary>
public sealed record DicomObject(byte[] Bytes, string SopClassUid, string SopInstanceUid, string SeriesInstanceUid, string StudyInstanceUid)
{
    /// <summary>This object as a reference other objects can carry.</summary>
    public DicomInstanceReference Reference => new(SeriesInstanceUid, SopClassUid, SopInstanceUid);
}
