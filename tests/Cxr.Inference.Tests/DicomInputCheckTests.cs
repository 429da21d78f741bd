using Cxr.Core.Imaging;
using Cxr.Core.Imaging.Dicom;
using Cxr.Inference.Reporting;
using Cxr.Testing.BadInputs;
using Cxr.Testing.Dicom;

namespace Cxr.Inference.Tests;

/// <summary>The DICOM header gate in the predictor's input check: its reasons come before the image guard's, its
/// warnings are kept, and <see cref="ChestXrayPredictor.CheckHeader"/> answers from the header alone.</summary>
public sealed class DicomInputCheckTests
{
    private static ChestXrayPredictor Predictor => SyntheticModels.WithHeatmap;

    public static TheoryData<string, string> Refused => new()
    {
        { "lateral", InputCheckReasons.Lateral },
        { "for-processing", InputCheckReasons.ForProcessing },
        { "body-part", InputCheckReasons.DicomBodyPart },
        { "modality", InputCheckReasons.DicomModality },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_header_refusal_is_the_reason_of_the_prediction_and_of_the_early_check(string kind, string reason)
    {
        var file = File(kind);

        var early = Predictor.CheckHeader(file);
        var predicted = Predictor.Predict(file).InputCheck;

        Assert.NotNull(early);
        Assert.False(early.IsChestXray);
        Assert.Equal(reason, early.Reason);
        Assert.Null(early.Score);
        Assert.Equal(0, early.MeanChroma);
        Assert.False(predicted.IsChestXray);
        Assert.Equal(reason, predicted.Reason);
        Assert.Equal(early.Message, predicted.Message);
    }

    [Fact]
    public void The_header_reason_wins_over_the_image_guards()
    {
        // A flat film would be low_contrast; its header says lateral, which is checked first.
        Assert.Equal(InputCheckReasons.LowContrast, Predictor.Predict(Flatten(DicomBadInputs.Film())).InputCheck.Reason);
        Assert.Equal(InputCheckReasons.Lateral, Predictor.Predict(Flatten(DicomBadInputs.Lateral())).InputCheck.Reason);
    }

    [Fact]
    public void A_frontal_chest_film_passes_the_header_and_is_judged_by_the_image()
    {
        var file = DicomFilms.Create();
        Assert.Null(Predictor.CheckHeader(file));
        var check = Predictor.Predict(file).InputCheck;
        Assert.True(check.IsChestXray, check.Message);
        Assert.Empty(check.Warnings);
        Assert.Null(InputCheckReport.From(check).Warnings);
    }

    [Fact]
    public void An_adult_gets_the_warning_and_still_an_answer()
    {
        var file = DicomFilms.With(0x0010_1010, "052Y");
        Assert.Null(Predictor.CheckHeader(file));
        var check = Predictor.Predict(file).InputCheck;
        Assert.True(check.IsChestXray, check.Message);
        var warning = Assert.Single(check.Warnings);
        Assert.Equal(InputCheckReasons.Adult, warning.Code);
        Assert.DoesNotContain("052", warning.Message, StringComparison.Ordinal);
        Assert.Equal(check.Warnings, InputCheckReport.From(check).Warnings);
    }

    [Fact]
    public void A_refused_adult_keeps_the_warning_with_the_refusal()
    {
        var file = DicomFilms.Create(new Dictionary<uint, string?> { [0x0010_1010] = "030Y", [0x0018_5101] = "RL" });
        var early = Predictor.CheckHeader(file)!;
        Assert.Equal(InputCheckReasons.Lateral, early.Reason);
        Assert.Equal([InputCheckReasons.Adult], early.Warnings.Select(w => w.Code));
    }

    [Fact]
    public void A_multi_frame_object_is_refused_early_with_the_decoders_error()
    {
        var file = DicomBadInputs.MultiFrame();
        var early = Assert.Throws<UnsupportedDicomImageException>(() => Predictor.CheckHeader(file));
        var decoded = Assert.Throws<UnsupportedDicomImageException>(() => Predictor.Predict(file));
        Assert.Equal("The DICOM image is not supported: it has 2 frames (multi-frame object); only single-frame images are read.", early.Message);
        Assert.Equal(early.Message, decoded.Message);
    }

    [Fact]
    public void Big_endian_is_an_unsupported_format_before_the_gate()
    {
        var e = Assert.Throws<UnsupportedTransferSyntaxException>(() => Predictor.CheckHeader(DicomBadInputs.BigEndian()));
        Assert.Equal(UnsupportedImageFormatException.ErrorCode, e.Code);
    }

    [Fact]
    public void Other_formats_have_no_header_to_check()
    {
        Assert.Null(Predictor.CheckHeader(Cxr.Testing.Images.SyntheticRadiograph.Encode(64, 64, SkiaSharp.SKEncodedImageFormat.Png)));
        Assert.Null(Predictor.CheckHeader([]));
    }

    [Fact]
    public void Every_gate_code_is_an_input_check_reason_or_warning()
    {
        Assert.All(DicomGateReasons.Refusals, r => Assert.Contains(r, InputCheckReasons.All));
        Assert.Equal(DicomGateReasons.Warnings, InputCheckReasons.Warnings);
    }

    /// <summary>Every pixel of a drawn film set to 100 (the pixel data is the file's last Side² bytes).</summary>
    private static byte[] Flatten(byte[] file)
    {
        file.AsSpan(file.Length - (DicomBadInputs.Side * DicomBadInputs.Side)).Fill(100);
        return file;
    }

    private static byte[] File(string kind) => kind switch
    {
        "lateral" => DicomFilms.With(0x0018_5101, "LL"),
        "for-processing" => DicomFilms.With(0x0008_0068, "FOR PROCESSING"),
        "body-part" => DicomFilms.With(0x0018_0015, "KNEE"),
        _ => DicomFilms.With(0x0008_0060, "MR"),
    };
}
