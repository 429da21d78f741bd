namespace Cxr.Core.Imaging.Dicom;

/// <summary>The tags the reader looks at and the answer builders (namespace <c>Writing</c>) write, as <c>(group &lt;&lt; 16) | element</c>; names as in PS3.6.</summary>
internal static class DicomTags
{
    public const uint TransferSyntaxUid = 0x0002_0010;
    public const uint SpecificCharacterSet = 0x0008_0005;
    public const uint ImageType = 0x0008_0008;
    public const uint InstanceCreationDate = 0x0008_0012;
    public const uint InstanceCreationTime = 0x0008_0013;
    public const uint SopClassUid = 0x0008_0016;
    public const uint SopInstanceUid = 0x0008_0018;
    public const uint StudyDate = 0x0008_0020;
    public const uint SeriesDate = 0x0008_0021;
    public const uint ContentDate = 0x0008_0023;
    public const uint StudyTime = 0x0008_0030;
    public const uint SeriesTime = 0x0008_0031;
    public const uint ContentTime = 0x0008_0033;
    public const uint AccessionNumber = 0x0008_0050;
    public const uint Modality = 0x0008_0060;
    public const uint ConversionType = 0x0008_0064;
    public const uint PresentationIntentType = 0x0008_0068;
    public const uint Manufacturer = 0x0008_0070;
    public const uint ReferringPhysicianName = 0x0008_0090;
    public const uint CodeValue = 0x0008_0100;
    public const uint CodingSchemeDesignator = 0x0008_0102;
    public const uint CodeMeaning = 0x0008_0104;
    public const uint CodingSchemeIdentificationSequence = 0x0008_0110;
    public const uint CodingSchemeName = 0x0008_0115;
    public const uint CodingSchemeResponsibleOrganization = 0x0008_0116;
    public const uint TimezoneOffsetFromUtc = 0x0008_0201;
    public const uint SeriesDescription = 0x0008_103E;
    public const uint ManufacturerModelName = 0x0008_1090;
    public const uint ReferencedPerformedProcedureStepSequence = 0x0008_1111;
    public const uint ReferencedSeriesSequence = 0x0008_1115;
    public const uint ReferencedSopClassUid = 0x0008_1150;
    public const uint ReferencedSopInstanceUid = 0x0008_1155;
    public const uint ReferencedSopSequence = 0x0008_1199;
    public const uint DerivationDescription = 0x0008_2111;
    public const uint SourceImageSequence = 0x0008_2112;
    public const uint PatientName = 0x0010_0010;
    public const uint PatientId = 0x0010_0020;
    public const uint PatientBirthDate = 0x0010_0030;
    public const uint PatientSex = 0x0010_0040;
    public const uint PatientAge = 0x0010_1010;
    public const uint BodyPartExamined = 0x0018_0015;
    public const uint DateOfSecondaryCapture = 0x0018_1012;
    public const uint TimeOfSecondaryCapture = 0x0018_1014;
    public const uint SoftwareVersions = 0x0018_1020;
    public const uint ViewPosition = 0x0018_5101;
    public const uint ContributingEquipmentSequence = 0x0018_A001;
    public const uint ContributionDateTime = 0x0018_A002;
    public const uint ContributionDescription = 0x0018_A003;
    public const uint StudyInstanceUid = 0x0020_000D;
    public const uint SeriesInstanceUid = 0x0020_000E;
    public const uint StudyId = 0x0020_0010;
    public const uint SeriesNumber = 0x0020_0011;
    public const uint InstanceNumber = 0x0020_0013;
    public const uint PatientOrientation = 0x0020_0020;
    public const uint Laterality = 0x0020_0060;
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
    public const uint BurnedInAnnotation = 0x0028_0301;
    public const uint WindowCenter = 0x0028_1050;
    public const uint WindowWidth = 0x0028_1051;
    public const uint RescaleIntercept = 0x0028_1052;
    public const uint RescaleSlope = 0x0028_1053;
    public const uint VoiLutFunction = 0x0028_1056;
    public const uint LossyImageCompression = 0x0028_2110;
    public const uint LutDescriptor = 0x0028_3002;
    public const uint LutData = 0x0028_3006;
    public const uint VoiLutSequence = 0x0028_3010;
    public const uint MeasurementUnitsCodeSequence = 0x0040_08EA;
    public const uint RelationshipType = 0x0040_A010;
    public const uint ValueType = 0x0040_A040;
    public const uint ConceptNameCodeSequence = 0x0040_A043;
    public const uint ContinuityOfContent = 0x0040_A050;
    public const uint TextValue = 0x0040_A160;
    public const uint ConceptCodeSequence = 0x0040_A168;
    public const uint PurposeOfReferenceCodeSequence = 0x0040_A170;
    public const uint MeasuredValueSequence = 0x0040_A300;
    public const uint NumericValue = 0x0040_A30A;
    public const uint PerformedProcedureCodeSequence = 0x0040_A372;
    public const uint PertinentOtherEvidenceSequence = 0x0040_A385;
    public const uint CompletionFlag = 0x0040_A491;
    public const uint VerificationFlag = 0x0040_A493;
    public const uint ContentSequence = 0x0040_A730;
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
