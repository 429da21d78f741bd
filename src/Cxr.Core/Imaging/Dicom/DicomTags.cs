namespace Cxr.Core.Imaging.Dicom;

/// <summary>The tags this reader looks at, as <c>(group &lt;&lt; 16) | element</c>; names as in PS3.6.</summary>
internal static class DicomTags
{
    public const uint TransferSyntaxUid = 0x0002_0010;
    public const uint SpecificCharacterSet = 0x0008_0005;
    public const uint SopClassUid = 0x0008_0016;
    public const uint SopInstanceUid = 0x0008_0018;
    public const uint StudyDate = 0x0008_0020;
    public const uint StudyTime = 0x0008_0030;
    public const uint AccessionNumber = 0x0008_0050;
    public const uint Modality = 0x0008_0060;
    public const uint ReferringPhysicianName = 0x0008_0090;
    public const uint PresentationIntentType = 0x0008_0068;
    public const uint PatientName = 0x0010_0010;
    public const uint PatientId = 0x0010_0020;
    public const uint PatientBirthDate = 0x0010_0030;
    public const uint PatientSex = 0x0010_0040;
    public const uint PatientAge = 0x0010_1010;
    public const uint BodyPartExamined = 0x0018_0015;
    public const uint ViewPosition = 0x0018_5101;
    public const uint StudyInstanceUid = 0x0020_000D;
    public const uint SeriesInstanceUid = 0x0020_000E;
    public const uint StudyId = 0x0020_0010;
    public const uint SamplesPerPixel = 0x0028_0002;
    public const uint PhotometricInterpretation = 0x0028_0004;
    public const uint PlanarConfiguration = 0x0028_0006;
    public const uint NumberOfFrames = 0x0028_0008;
    public const uint Rows = 0x0028_0010;
    public const uint Columns = 0x0028_0011;
    public const uint BitsAllocated = 0x0028_0100;
    public const uint BitsStored = 0x0028_0101;
    public const uint HighBit = 0x0028_0102;
    public const uint PixelRepresentation = 0x0028_0103;
    public const uint PixelPaddingValue = 0x0028_0120;
    public const uint PixelPaddingRangeLimit = 0x0028_0121;
    public const uint WindowCenter = 0x0028_1050;
    public const uint WindowWidth = 0x0028_1051;
    public const uint RescaleIntercept = 0x0028_1052;
    public const uint RescaleSlope = 0x0028_1053;
    public const uint VoiLutFunction = 0x0028_1056;
    public const uint LutDescriptor = 0x0028_3002;
    public const uint LutData = 0x0028_3006;
    public const uint VoiLutSequence = 0x0028_3010;
    public const uint PresentationLutShape = 0x2050_0020;
    public const uint PixelData = 0x7FE0_0010;
    public const uint DataSetTrailingPadding = 0xFFFC_FFFC;
    public const uint Item = 0xFFFE_E000;
    public const uint ItemDelimitation = 0xFFFE_E00D;
    public const uint SequenceDelimitation = 0xFFFE_E0DD;

    /// <summary>The top-level elements whose values are kept (everything else, private tags included, is skipped).</summary>
    public static bool IsWanted(uint tag) => tag switch
    {
        SpecificCharacterSet or SopClassUid or SopInstanceUid or StudyDate or AccessionNumber or Modality or
        PresentationIntentType or PatientName or PatientId or PatientBirthDate or PatientSex or PatientAge or
        BodyPartExamined or ViewPosition or StudyInstanceUid or SeriesInstanceUid or StudyTime or StudyId or
        ReferringPhysicianName or SamplesPerPixel or
        PhotometricInterpretation or PlanarConfiguration or NumberOfFrames or Rows or Columns or BitsAllocated or
        BitsStored or HighBit or PixelRepresentation or PixelPaddingValue or PixelPaddingRangeLimit or WindowCenter or
        WindowWidth or RescaleIntercept or RescaleSlope or VoiLutFunction or PresentationLutShape => true,
        _ => false,
    };

    /// <summary>The elements kept from the first item of the VOI LUT Sequence.</summary>
    public static bool IsWantedInVoiItem(uint tag) => tag is LutDescriptor or LutData;

    /// <summary>"(gggg,eeee)" for messages and logs.</summary>
    public static string Format(uint tag) => $"({tag >> 16:X4},{tag & 0xFFFF:X4})";
}
