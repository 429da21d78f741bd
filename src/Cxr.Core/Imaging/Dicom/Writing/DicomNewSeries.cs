using System.Globalization;

namespace Cxr.Core.Imaging.Dicom.Writing;

/// <summary>The series attributes both answer objects write for the new series they open in the input's study.</summary>
internal static class DicomNewSeries
{
    /// <summary>Writes Modality, Series Instance UID, Series Number, Series Date and Time (DA, TM) and Series
    /// Description into <paramref name="dataSet"/>; returns it for chaining.</summary>
    public static DicomOutputDataSet Write(
        DicomOutputDataSet dataSet, string modality, string seriesUid, int seriesNumber, string date, string time, string description) =>
        dataSet.Text(DicomTags.Modality, "CS", modality)
            .Text(DicomTags.SeriesInstanceUid, "UI", seriesUid)
            .Text(DicomTags.SeriesNumber, "IS", seriesNumber.ToString(CultureInfo.InvariantCulture))
            .Text(DicomTags.SeriesDate, "DA", date)
            .Text(DicomTags.SeriesTime, "TM", time)
            .Text(DicomTags.SeriesDescription, "LO", description);
}
