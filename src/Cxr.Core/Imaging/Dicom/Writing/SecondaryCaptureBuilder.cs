using System.Globalization;

namespace Cxr.Core.Imaging.Dicom.Writing;

/// <summary>
/// Builds a Secondary Capture Image (SOP class 1.2.840.10008.5.1.4.1.1.7, PS3.3 A.8.1) holding an 8-bit RGB picture
/// whose text is burned in, as a new series of the input's study: Patient and General Study modules from
/// <see cref="DicomPatientStudy"/>, General Series (Modality <c>OT</c>, a new series UID), General Equipment and SC
/// Equipment (Conversion Type <c>WSD</c>, workstation), General Image (Image Type <c>DERIVED\SECONDARY</c>, Burned In
/// Annotation <c>YES</c>, the source image in the Source Image Sequence), Image Pixel (RGB, Planar Configuration 0),
/// SC Image and SOP Common (with the Contributing Equipment Sequence).
/// </summary>
public static class SecondaryCaptureBuilder
{
    /// <summary>Secondary Capture Image Storage.</summary>
    public const string SopClassUid = "1.2.840.10008.5.1.4.1.1.7";

    /// <summary>Builds the object.</summary>
    /// <param name="study">What is copied from the input.</param>
    /// <param name="algorithm">The software that drew the picture.</param>
    /// <param name="rgb">Row-major pixels, 3 bytes (R, G, B) per pixel, <c>width × height × 3</c> bytes.</param>
    /// <param name="width">Columns, 1-65535.</param>
    /// <param name="height">Rows, 1-65535.</param>
    /// <param name="source">The image the picture was derived from, or null when it cannot be referenced.</param>
    /// <param name="createdUtc">When the object is made (content, series and instance creation date and time).</param>
    /// <param name="seriesNumber">Series Number of the new series.</param>
    /// <param name="seriesDescription">Series Description (LO, ≤ 64 characters).</param>
    /// <param name="derivationDescription">Derivation Description: how the picture was made (ST, ≤ 1024).</param>
    /// <exception cref="ArgumentException">The pixel buffer does not match the size, or a text is too long.</exception>
    public static DicomObject Build(
        DicomPatientStudy study, DicomAlgorithm algorithm, byte[] rgb, int width, int height, DicomInstanceReference? source,
        DateTimeOffset createdUtc, int seriesNumber, string seriesDescription, string derivationDescription)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(algorithm);
        ArgumentNullException.ThrowIfNull(rgb);
        if (width is < 1 or > ushort.MaxValue || height is < 1 or > ushort.MaxValue || rgb.Length != (long)width * height * 3)
        {
            throw new ArgumentException($"Expected {width} × {height} × 3 bytes of RGB (each side 1-65535), got {rgb.Length}.", nameof(rgb));
        }

        var series = DicomUid.Create();
        var instance = DicomUid.Create();
        var date = DicomDateTime.Date(createdUtc);
        var time = DicomDateTime.Time(createdUtc);
        var d = new DicomOutputDataSet();
        study.WriteTo(d);

        // General Series: a new series of the study, OT as SC images have no modality of their own.
        DicomNewSeries.Write(d, "OT", series, seriesNumber, date, time, seriesDescription)
            .Text(DicomTags.Laterality, "CS", null); // Type 2C: empty, as the picture shows no one side of a pair

        // General Equipment and SC Equipment: made on a workstation.
        algorithm.WriteGeneralEquipment(d);
        d.Text(DicomTags.ConversionType, "CS", "WSD");

        // General Image.
        d.Text(DicomTags.ImageType, "CS", @"DERIVED\SECONDARY")
            .Text(DicomTags.InstanceNumber, "IS", "1")
            .Text(DicomTags.PatientOrientation, "CS", null)
            .Text(DicomTags.ContentDate, "DA", date)
            .Text(DicomTags.ContentTime, "TM", time)
            .Text(DicomTags.BurnedInAnnotation, "CS", "YES")
            .Text(DicomTags.DerivationDescription, "ST", derivationDescription);
        if (source is not null)
        {
            d.Sequence(DicomTags.SourceImageSequence, new DicomOutputDataSet()
                .Text(DicomTags.ReferencedSopClassUid, "UI", source.SopClassUid)
                .Text(DicomTags.ReferencedSopInstanceUid, "UI", source.SopInstanceUid));
        }

        // Image Pixel: 8-bit RGB, colour-by-pixel.
        d.UnsignedShort(DicomTags.SamplesPerPixel, 3)
            .Text(DicomTags.PhotometricInterpretation, "CS", "RGB")
            .UnsignedShort(DicomTags.PlanarConfiguration, 0)
            .UnsignedShort(DicomTags.Rows, (ushort)height)
            .UnsignedShort(DicomTags.Columns, (ushort)width)
            .UnsignedShort(DicomTags.BitsAllocated, 8)
            .UnsignedShort(DicomTags.BitsStored, 8)
            .UnsignedShort(DicomTags.HighBit, 7)
            .UnsignedShort(DicomTags.PixelRepresentation, 0)
            .Binary(DicomTags.PixelData, "OB", rgb);

        // SC Image.
        d.Text(DicomTags.DateOfSecondaryCapture, "DA", date)
            .Text(DicomTags.TimeOfSecondaryCapture, "TM", time);

        DicomSopCommon.Write(d, SopClassUid, instance, algorithm, createdUtc);
        return new DicomObject(DicomPart10Writer.Write(d, SopClassUid, instance), SopClassUid, instance, series, study.StudyInstanceUid);
    }
}
