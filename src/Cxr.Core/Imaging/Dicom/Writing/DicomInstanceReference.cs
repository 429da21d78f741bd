namespace Cxr.Core.Imaging.Dicom.Writing;

/// <summary>One stored instance another object refers to: its series, SOP class and SOP instance UIDs.</summary>
public sealed record DicomInstanceReference(string SeriesInstanceUid, string SopClassUid, string SopInstanceUid)
{
    /// <summary>The instance <paramref name="header"/> describes, or null when it lacks a valid series, class or instance
    /// UID (then nothing can point at it).</summary>
    public static DicomInstanceReference? From(DicomHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return DicomUid.IsValid(header.SeriesInstanceUid) && DicomUid.IsValid(header.SopClassUid) && DicomUid.IsValid(header.SopInstanceUid)
            ? new DicomInstanceReference(header.SeriesInstanceUid!, header.SopClassUid!, header.SopInstanceUid!)
            : null;
    }
}
