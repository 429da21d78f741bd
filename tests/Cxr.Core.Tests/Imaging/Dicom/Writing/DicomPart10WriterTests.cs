using System.Buffers.Binary;
using System.Text;
using Cxr.Core.Imaging;
using Cxr.Core.Imaging.Dicom;
using Cxr.Core.Imaging.Dicom.Writing;

namespace Cxr.Core.Tests.Imaging.Dicom.Writing;

/// <summary>The Part 10 writer byte by byte (preamble, meta group and its length, element order, padding) and round
/// trips of the two builders' objects through this toolkit's own reader.</summary>
public sealed class DicomPart10WriterTests
{
    private const string SopClass = "1.2.840.10008.5.1.4.1.1.7";
    private static readonly string Instance = DicomUid.FromGuid(Guid.Parse("f81d4fae-7dec-11d0-a765-00a0c91e6bf6"));

    [Fact]
    public void The_file_starts_with_the_preamble_dicm_and_a_meta_group_whose_length_is_exact()
    {
        var file = DicomPart10Writer.Write(new DicomOutputDataSet().Text(0x0010_0020, "LO", "ID1"), SopClass, Instance);

        Assert.All(file[..128], b => Assert.Equal(0, b));
        Assert.Equal("DICM"u8.ToArray(), file[128..132]);
        // (0002,0000) UL 4 <length>
        Assert.Equal([0x02, 0x00, 0x00, 0x00, (byte)'U', (byte)'L', 4, 0], file[132..140]);
        var groupLength = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(140));
        var end = 144 + (int)groupLength;
        // The meta group ends exactly there: the next element is the first of the data set, (0010,0020).
        Assert.Equal([0x10, 0x00, 0x20, 0x00, (byte)'L', (byte)'O'], file[end..(end + 6)]);
        for (var offset = 144; offset < end;)
        {
            Assert.Equal(0x0002, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(offset)));
            var vr = Encoding.ASCII.GetString(file, offset + 4, 2);
            offset += vr == "OB" ? 12 + (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 8)) : 8 + BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(offset + 6));
            Assert.True(offset <= end);
        }

        var meta = Encoding.ASCII.GetString(file, 144, (int)groupLength);
        Assert.Contains(SopClass, meta, StringComparison.Ordinal);
        Assert.Contains(Instance, meta, StringComparison.Ordinal);
        Assert.Contains(DicomPart10Writer.TransferSyntaxUid, meta, StringComparison.Ordinal);
        Assert.Contains(DicomUid.ImplementationClassUid, meta, StringComparison.Ordinal);
    }

    [Fact]
    public void Odd_values_are_padded_text_with_a_space_uids_and_binary_with_nul()
    {
        var file = DicomPart10Writer.Write(new DicomOutputDataSet()
            .Text(0x0008_0060, "CS", "OT")
            .Text(0x0010_0020, "LO", "ABC")
            .Text(0x0020_000D, "UI", "1.2.3")
            .Binary(0x0009_0010, "OB", [1, 2, 3]), SopClass, Instance);
        var body = DataSet(file);

        Assert.Equal(Element(0x0008, 0x0060, "CS", "OT"u8), body[..10]);
        Assert.Equal(Element(0x0009, 0x0010, "OB", [1, 2, 3, 0], longLength: true), body[10..26]);
        Assert.Equal(Element(0x0010, 0x0020, "LO", "ABC "u8), body[26..38]);
        Assert.Equal(Element(0x0020, 0x000D, "UI", "1.2.3\0"u8), body[38..52]);
        Assert.Equal(52, body.Length);
    }

    [Fact]
    public void Elements_are_written_in_tag_order_and_sequences_with_defined_lengths()
    {
        var file = DicomPart10Writer.Write(new DicomOutputDataSet()
            .Text(0x0020_0011, "IS", "7")
            .Sequence(0x0008_1115, new DicomOutputDataSet().Text(0x0020_000E, "UI", "1.2"))
            .Sequence(0x0008_1111)
            .Text(0x0008_0060, "CS", "SR"), SopClass, Instance);
        var body = DataSet(file);

        Assert.Equal(Element(0x0008, 0x0060, "CS", "SR"u8), body[..10]);
        Assert.Equal(Element(0x0008, 0x1111, "SQ", [], longLength: true), body[10..22]);
        // SQ length 20 = one item (8-byte header, 12 bytes of content: the UI element "1.2\0").
        Assert.Equal(Element(0x0008, 0x1115, "SQ", [0xFE, 0xFF, 0x00, 0xE0, 12, 0, 0, 0, .. Element(0x0020, 0x000E, "UI", "1.2\0"u8)], longLength: true), body[22..54]);
        Assert.Equal(Element(0x0020, 0x0011, "IS", "7 "u8), body[54..64]);
    }

    [Theory]
    [InlineData("CS", "lower")]
    [InlineData("CS", "SEVENTEEN_LETTERS")]
    [InlineData("UI", "1.02.3")]
    [InlineData("DA", "2026-01-02")]
    [InlineData("TM", "9:30")]
    [InlineData("IS", "1.5")]
    [InlineData("DS", "abc")]
    [InlineData("LO", "tab\there")]
    [InlineData("LO", "snowman \u2603")]
    public void Values_their_vr_does_not_allow_are_refused(string vr, string value)
    {
        Assert.False(DicomOutputDataSet.IsValidText(vr, value));
        Assert.Throws<ArgumentException>(() => new DicomOutputDataSet().Text(0x0010_0020, vr, value));
    }

    [Fact]
    public void A_tag_is_added_once_and_meta_or_item_tags_not_at_all()
    {
        var set = new DicomOutputDataSet().Text(0x0010_0020, "LO", "A");
        Assert.Throws<ArgumentException>(() => set.Text(0x0010_0020, "LO", "B"));
        Assert.Throws<ArgumentException>(() => set.Text(0x0002_0010, "UI", "1.2"));
        Assert.Throws<ArgumentException>(() => set.Binary(0xFFFE_E000, "OB", [1, 2]));
        Assert.Throws<ArgumentException>(() => new DicomOutputDataSet().Text(0x0010_0020, "ZZ", "A"));
    }

    [Fact]
    public void A_secondary_capture_round_trips_through_the_reader()
    {
        var study = Study();
        var rgb = new byte[5 * 3 * 3];
        for (var i = 0; i < rgb.Length; i++)
        {
            rgb[i] = (byte)(i * 17);
        }

        var sc = SecondaryCaptureBuilder.Build(study, Algorithm, rgb, 5, 3, new DicomInstanceReference("1.2.3.4", "1.2.840.10008.5.1.4.1.1.1.1", "1.2.3.4.5"),
            new DateTimeOffset(2026, 12, 2, 14, 3, 1, TimeSpan.Zero), 9001, "series", "derived");

        var info = DicomDecoder.ReadInfo(sc.Bytes);
        Assert.Equal(DicomTransferSyntax.ExplicitVrLittleEndianUid, info.TransferSyntax.Uid);
        Assert.Equal(study.PatientName, info.Header.PatientName);
        Assert.Equal(study.PatientId, info.Header.PatientId);
        Assert.Equal(study.StudyInstanceUid, info.Header.StudyInstanceUid);
        Assert.Equal(study.StudyTime, info.Header.StudyTime);
        Assert.Equal(sc.SeriesInstanceUid, info.Header.SeriesInstanceUid);
        Assert.Equal(sc.SopInstanceUid, info.Header.SopInstanceUid);
        Assert.Equal(SecondaryCaptureBuilder.SopClassUid, info.Header.SopClassUid);
        Assert.Equal("OT", info.Header.Modality);
        Assert.Equal(("RGB", 3, 5, 3), (info.Pixels.PhotometricInterpretation, info.Pixels.SamplesPerPixel, info.Pixels.Columns, info.Pixels.Rows));

        var gray = DicomDecoder.DecodeGray(sc.Bytes, ImageLimits.Default with { MinSide = 1 });
        Assert.Equal((5, 3), (gray.Width, gray.Height));
        for (var i = 0; i < 15; i++)
        {
            Assert.Equal(Bt601.Luma(rgb[3 * i], rgb[(3 * i) + 1], rgb[(3 * i) + 2]), gray.Pixels[i]);
        }
    }

    [Fact]
    public void A_report_round_trips_through_the_reader_and_holds_its_tree()
    {
        var tree = new SrContainer(SrRelationship.Contains, new DicomCode("18748-4", "LN", "Diagnostic Imaging Report"),
        [
            new SrText(SrRelationship.HasObservationContext, new DicomCode("111001", "DCM", "Algorithm Name"), "cxr-default"),
            new SrCode(SrRelationship.Contains, new DicomCode("121071", "DCM", "Finding"), new DicomCode("233604007", "SCT", "Pneumonia")),
            new SrNumber(SrRelationship.Contains, new DicomCode("P", "99CXR", "Probability"), 0.87654321, SrNumber.NoUnits),
        ]);
        var sr = ComprehensiveSrBuilder.Build(Study(), Algorithm, tree, [], [new DicomCodingScheme("99CXR", "test", "test")],
            DateTimeOffset.UtcNow, 9002, "report");

        var info = DicomDecoder.ReadInfo(sr.Bytes);
        Assert.Equal(ComprehensiveSrBuilder.SopClassUid, info.Header.SopClassUid);
        Assert.Equal("SR", info.Header.Modality);
        Assert.Equal(0, info.Pixels.Columns);
        var text = Encoding.Latin1.GetString(sr.Bytes);
        foreach (var expected in new[] { "UNVERIFIED", "COMPLETE", "CONTAINER", "SEPARATE", "233604007", "0.876543", "no units", "HAS OBS CONTEXT", Algorithm.WeightsSha256 })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Identification_values_the_vr_does_not_allow_are_left_empty_and_a_missing_study_uid_is_new()
    {
        var study = DicomPatientStudy.From(new DicomHeader
        {
            PatientName = "Doe^Jane",
            PatientBirthDate = "01/01/1980",
            PatientId = new string('x', 65),
            StudyInstanceUid = "not a uid",
        });

        Assert.Equal("Doe^Jane", study.PatientName);
        Assert.Null(study.PatientBirthDate);
        Assert.Null(study.PatientId);
        Assert.True(study.IsNewStudy);
        Assert.StartsWith("2.25.", study.StudyInstanceUid, StringComparison.Ordinal);
    }

    private static DicomAlgorithm Algorithm { get; } = new("cxr (research software)", "cxr-default", "0.1.0", new string('a', 64));

    private static DicomPatientStudy Study() => new()
    {
        PatientName = "Doe^Jane",
        PatientId = "ID-1",
        StudyInstanceUid = "1.2.826.0.1.3680043.10.1234.1",
        StudyTime = "093000",
    };

    // The data set after the meta group.
    private static byte[] DataSet(byte[] file) => file[(144 + (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(140)))..];

    private static byte[] Element(ushort group, ushort element, string vr, ReadOnlySpan<byte> value, bool longLength = false)
    {
        var head = new List<byte>();
        head.AddRange(BitConverter.GetBytes(group));
        head.AddRange(BitConverter.GetBytes(element));
        head.AddRange(Encoding.ASCII.GetBytes(vr));
        if (longLength)
        {
            head.AddRange([0, 0]);
            head.AddRange(BitConverter.GetBytes((uint)value.Length));
        }
        else
        {
            head.AddRange(BitConverter.GetBytes((ushort)value.Length));
        }

        head.AddRange(value.ToArray());
        return [.. head];
    }
}
