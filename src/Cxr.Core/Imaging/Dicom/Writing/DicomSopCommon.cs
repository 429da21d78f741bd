namespace Cxr.Core.Imaging.Dicom.Writing;

/// <summary>The SOP Common module (PS3.3 C.12.1) as both builders write it.</summary>
internal static class DicomSopCommon
{
    /// <summary>SOP Class and Instance UIDs, Instance Creation Date and Time with Timezone Offset From UTC, and the
    /// Contributing Equipment Sequence naming <paramref name="algorithm"/>.</summary>
    public static void Write(DicomOutputDataSet d, string sopClassUid, string instance, DicomAlgorithm algorithm, DateTimeOffset createdUtc)
    {
        d.Text(DicomTags.SopClassUid, "UI", sopClassUid)
            .Text(DicomTags.SopInstanceUid, "UI", instance)
            .Text(DicomTags.InstanceCreationDate, "DA", DicomDateTime.Date(createdUtc))
            .Text(DicomTags.InstanceCreationTime, "TM", DicomDateTime.Time(createdUtc))
            .Text(DicomTags.TimezoneOffsetFromUtc, "SH", DicomDateTime.Offset(createdUtc));
        algorithm.WriteContributingEquipment(d, createdUtc);
    }
}
