using Cxr.Core.Imaging;
using Cxr.Core.Imaging.Dicom;
using Cxr.Testing.Dicom;

namespace Cxr.Core.Tests.Imaging.Dicom;

/// <summary>The DICOM header gate's rules, one by one, on <see cref="DicomHeader"/> values and on parsed files.</summary>
public sealed class DicomHeaderGateTests
{
    private static readonly DicomHeader Frontal = new()
    {
        SopClassUid = DicomHeaderGate.DxForPresentationStorage,
        Modality = "DX",
        PresentationIntentType = "FOR PRESENTATION",
        BodyPartExamined = "CHEST",
        ViewPosition = "PA",
        PatientAge = "004Y",
    };

    [Fact]
    public void A_frontal_chest_dx_of_a_child_passes_without_warning() =>
        Assert.Same(DicomGateResult.Pass, DicomHeaderGate.Check(Frontal));

    [Fact]
    public void An_empty_header_passes_nothing_is_known() =>
        Assert.Same(DicomGateResult.Pass, DicomHeaderGate.Check(new DicomHeader()));

    [Theory]
    [InlineData("CR")]
    [InlineData("DX")]
    [InlineData("dx")]
    [InlineData(" CR ")]
    public void Cr_and_dx_are_radiographs(string modality) =>
        Assert.True(DicomHeaderGate.Check(Frontal with { Modality = modality }).Passed);

    [Theory]
    [InlineData("CT")]
    [InlineData("MR")]
    [InlineData("US")]
    [InlineData("OT")]
    [InlineData("MG")]
    [InlineData("DX CR")]
    public void Any_other_modality_is_refused(string modality)
    {
        var refusal = DicomHeaderGate.Check(Frontal with { Modality = modality }).Refusal;
        Assert.Equal(DicomGateReasons.Modality, refusal?.Code);
        Assert.Equal("The DICOM header's Modality (0008,0060) is neither CR nor DX, so the file does not say it is a radiograph; " +
                     "if it is a chest X-ray, set Modality to CR or DX (e.g. dcmodify -m \"(0008,0060)=DX\").", refusal?.Message);
    }

    [Theory]
    [InlineData(DicomHeaderGate.CrStorage, true)]
    [InlineData(DicomHeaderGate.DxForPresentationStorage, true)]
    [InlineData(DicomHeaderGate.SecondaryCaptureStorage, true)]
    [InlineData("1.2.840.10008.5.1.4.1.1.2", false)] // CT Image Storage
    [InlineData("1.2.840.10008.5.1.4.1.1.4", false)] // MR Image Storage
    [InlineData("1.2.840.10008.5.1.4.1.1.6.1", false)] // Ultrasound Image Storage
    public void Without_a_modality_the_sop_class_decides(string sopClass, bool passes)
    {
        var result = DicomHeaderGate.Check(Frontal with { Modality = null, SopClassUid = sopClass });
        Assert.Equal(passes, result.Passed);
        if (!passes)
        {
            Assert.Equal(DicomGateReasons.Modality, result.Refusal!.Code);
            Assert.Contains("SOP Class UID (0008,0016)", result.Refusal.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Secondary_capture_with_modality_ot_is_refused_the_modality_wins() =>
        Assert.Equal(DicomGateReasons.Modality,
            DicomHeaderGate.Check(Frontal with { Modality = "OT", SopClassUid = DicomHeaderGate.SecondaryCaptureStorage }).Refusal?.Code);

    [Theory]
    [InlineData("FOR PROCESSING", null)]
    [InlineData("for processing ", null)]
    [InlineData(null, DicomHeaderGate.DxForProcessingStorage)]
    [InlineData("FOR PRESENTATION", DicomHeaderGate.DxForProcessingStorage)]
    public void For_processing_intent_or_sop_class_is_refused(string? intent, string? sopClass)
    {
        var refusal = DicomHeaderGate.Check(Frontal with { PresentationIntentType = intent, SopClassUid = sopClass ?? Frontal.SopClassUid }).Refusal;
        Assert.Equal(DicomGateReasons.ForProcessing, refusal?.Code);
        Assert.StartsWith("The DICOM image is FOR PROCESSING", refusal?.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CHEST")]
    [InlineData("chest")]
    [InlineData("THORAX")]
    [InlineData("CHEST_PA")]
    [InlineData("PORT CHEST")]
    [InlineData("LUNG")]
    [InlineData("")]
    [InlineData(null)]
    public void A_chest_or_absent_body_part_passes(string? bodyPart) =>
        Assert.True(DicomHeaderGate.Check(Frontal with { BodyPartExamined = bodyPart }).Passed);

    [Theory]
    [InlineData("SKULL")]
    [InlineData("HAND")]
    [InlineData("ABDOMEN")]
    [InlineData("CHESTS")]
    public void Another_body_part_is_refused(string bodyPart)
    {
        var refusal = DicomHeaderGate.Check(Frontal with { BodyPartExamined = bodyPart }).Refusal;
        Assert.Equal(DicomGateReasons.BodyPart, refusal?.Code);
        Assert.Equal("The DICOM header's Body Part Examined (0018,0015) is not the chest; the model reads chest X-rays only.", refusal?.Message);
    }

    [Theory]
    [InlineData("LL")]
    [InlineData("RL")]
    [InlineData("ll")]
    [InlineData("LAT")]
    [InlineData("LATERAL")]
    [InlineData("LEFT LATERAL")]
    public void A_lateral_view_is_refused(string view)
    {
        var refusal = DicomHeaderGate.Check(Frontal with { ViewPosition = view }).Refusal;
        Assert.Equal(DicomGateReasons.Lateral, refusal?.Code);
        Assert.Equal("The DICOM header's View Position (0018,5101) is lateral; the model reads frontal (PA or AP) chest X-rays only.", refusal?.Message);
    }

    [Theory]
    [InlineData("PA")]
    [InlineData("AP")]
    [InlineData("LLD")] // decubitus: a frontal projection of a patient lying on the side, left to the image guard
    [InlineData("RLO")]
    [InlineData(null)]
    public void Frontal_and_other_views_pass_the_header(string? view) =>
        Assert.True(DicomHeaderGate.Check(Frontal with { ViewPosition = view }).Passed);

    [Fact]
    public void The_rules_are_checked_in_order_modality_intent_body_part_view()
    {
        var all = Frontal with { Modality = "CT", PresentationIntentType = "FOR PROCESSING", BodyPartExamined = "HEAD", ViewPosition = "LL" };
        Assert.Equal(DicomGateReasons.Modality, DicomHeaderGate.Check(all).Refusal?.Code);
        Assert.Equal(DicomGateReasons.ForProcessing, DicomHeaderGate.Check(all with { Modality = "DX" }).Refusal?.Code);
        Assert.Equal(DicomGateReasons.BodyPart, DicomHeaderGate.Check(all with { Modality = "DX", PresentationIntentType = null }).Refusal?.Code);
        Assert.Equal(DicomGateReasons.Lateral, DicomHeaderGate.Check(all with { Modality = "DX", PresentationIntentType = null, BodyPartExamined = null }).Refusal?.Code);
        Assert.Equal(DicomGateReasons.Refusals, [DicomGateReasons.Modality, DicomGateReasons.ForProcessing, DicomGateReasons.BodyPart, DicomGateReasons.Lateral]);
    }

    [Theory]
    [InlineData("019Y", true)]
    [InlineData("045Y", true)]
    [InlineData("217M", true)]
    [InlineData("940W", true)]
    [InlineData("6575D", false)] // five characters: not an Age String
    [InlineData("018Y", false)]
    [InlineData("216M", false)]
    [InlineData("003Y", false)]
    [InlineData("011M", false)]
    [InlineData("19Y", false)]
    [InlineData("019y", true)]
    [InlineData("AB9Y", false)]
    [InlineData("019X", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Over_18_years_is_a_warning_never_a_refusal_and_a_malformed_age_is_ignored(string? age, bool adult)
    {
        var result = DicomHeaderGate.Check(Frontal with { PatientAge = age });
        Assert.True(result.Passed);
        Assert.Equal(adult ? [DicomGateReasons.Adult] : Array.Empty<string>(), result.Warnings.Select(w => w.Code).ToArray());
    }

    [Fact]
    public void The_adult_warning_comes_with_a_refusal_too_and_never_quotes_the_age()
    {
        var result = DicomHeaderGate.Check(Frontal with { PatientAge = "067Y", ViewPosition = "LL" });
        Assert.Equal(DicomGateReasons.Lateral, result.Refusal?.Code);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("The DICOM header gives the patient's age (0010,1010) as over 18 years; the model was trained on children " +
                     "aged 1 to 5, so its answer for an adult is less reliable.", warning.Message);
        Assert.DoesNotContain("067", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("007D", 7.0)]
    [InlineData("002W", 14.0)]
    [InlineData("012M", 365.25)]
    [InlineData("001Y", 365.25)]
    [InlineData(" 010Y ", 3652.5)]
    public void Age_strings_convert_to_days(string age, double days) => Assert.Equal(days, DicomHeaderGate.AgeInDays(age)!.Value, 9);

    [Fact]
    public void The_pipeline_carries_the_header_of_a_dicom_file_and_none_for_other_formats()
    {
        var pipeline = new ImagePipeline(new PreprocessSpec(64));
        var dicom = pipeline.Process(DicomFilms.With(0x0018_5101, "LL"));
        Assert.Equal("LL", dicom.DicomHeader?.ViewPosition);
        Assert.Equal(DicomFilms.ChildAge, dicom.DicomHeader?.PatientAge);
        Assert.Equal(DicomGateReasons.Lateral, DicomHeaderGate.Check(dicom.DicomHeader!).Refusal?.Code);
        var png = pipeline.Process(Cxr.Testing.Images.SyntheticRadiograph.Encode(64, 64, SkiaSharp.SKEncodedImageFormat.Png));
        Assert.Null(png.DicomHeader);
    }
}
