using Cxr.Cli.Training;
using Cxr.Core.Imaging;
using Cxr.Training.Trainer;

namespace Cxr.Cli.Tests.Training;

/// <summary><c>cxr train</c>'s <c>--trim-borders</c>, <c>--crop-min-area</c>, <c>--zoom-out-probability</c>,
/// <c>--pneumonia-zoom-out-probability</c> and <c>--frame-probability</c>: what they
/// set on top of a preset, what they refuse, and how the header and the spec show the trim.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class TrainFramingOptionsTests
{
    [Fact]
    public void The_flags_change_only_their_own_fields_of_the_preset()
    {
        var robust = TrainingPresets.RobustRecipe;
        var options = TrainCommandHandler.BuildOptions(Arguments("robust", trim: true, cropMinArea: 0.45, zoomOut: 0.25)) with { Threads = robust.Threads };
        Assert.Equal(
            robust with { Trim = BorderTrim.Dark(), Augmentation = robust.Augmentation with { CropMinArea = 0.45, ZoomOutProbability = 0.25 } },
            options);
        Assert.Equal(BorderTrim.Dark(), options.Preprocess.Trim);
    }

    [Fact]
    public void Without_the_flags_the_preset_is_unchanged_and_has_no_trim()
    {
        var options = TrainCommandHandler.BuildOptions(Arguments("default")) with { Threads = TrainingPresets.DefaultRecipe.Threads };
        Assert.Equal(TrainingPresets.DefaultRecipe, options);
        Assert.Same(BorderTrim.None, options.Preprocess.Trim);
        Assert.DoesNotContain("trim", options.Preprocess.ToJson(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, null, "--crop-min-area must be a share of the film's area in (0, 1], e.g. 0.45; 1 = no crops (got 0).")]
    [InlineData(1.5, null, "--crop-min-area must be a share of the film's area in (0, 1], e.g. 0.45; 1 = no crops (got 1.5).")]
    [InlineData(null, -0.1, "--zoom-out-probability must be in [0, 1], e.g. 0.25 (got -0.1).")]
    [InlineData(null, double.NaN, "--zoom-out-probability must be in [0, 1], e.g. 0.25 (got NaN).")]
    public void Out_of_range_values_are_refused(double? cropMinArea, double? zoomOut, string message)
    {
        var error = Assert.Throws<CliUsageException>(() => TrainCommandHandler.BuildOptions(Arguments("robust", cropMinArea: cropMinArea, zoomOut: zoomOut)));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void The_pneumonia_share_frames_by_class_and_the_zoom_out_share_becomes_the_normal_films_share()
    {
        var options = TrainCommandHandler.BuildOptions(Arguments("robust", cropMinArea: 0.45, zoomOut: 0.1, pneumoniaZoomOut: 0.4));
        Assert.Equal((0.1, (double?)0.4, true), (options.Augmentation.ZoomOutProbability, options.Augmentation.PneumoniaZoomOutProbability, options.Augmentation.FramesByClass));
        Assert.EndsWith(", zoom-outs on 10 % of NORMAL and 40 % of PNEUMONIA films", TrainCommandHandler.Describe(options), StringComparison.Ordinal);
        Assert.DoesNotContain("NORMAL", TrainCommandHandler.Describe(TrainCommandHandler.BuildOptions(Arguments("robust"))), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("robust", 1.2, "--pneumonia-zoom-out-probability must be in [0, 1], e.g. 0.4 (got 1.2).")]
    [InlineData("robust", double.NaN, "--pneumonia-zoom-out-probability must be in [0, 1], e.g. 0.4 (got NaN).")]
    [InlineData("default", 0.4, "--pneumonia-zoom-out-probability needs both crops and zoom-outs in the recipe (e.g. --preset robust); this recipe has no crops and no zoom-outs.")]
    public void A_pneumonia_share_out_of_range_or_without_crops_and_zoom_outs_is_refused(string preset, double pneumoniaZoomOut, string message)
    {
        var error = Assert.Throws<CliUsageException>(() => TrainCommandHandler.BuildOptions(Arguments(preset, pneumoniaZoomOut: pneumoniaZoomOut)));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void The_frame_share_changes_only_the_frame_probability_and_also_works_on_a_preset_without_frames()
    {
        var robust = TrainingPresets.RobustRecipe;
        var options = TrainCommandHandler.BuildOptions(Arguments("robust", frame: 0.6)) with { Threads = robust.Threads };
        Assert.Equal(robust with { Augmentation = robust.Augmentation with { FrameProbability = 0.6 } }, options);

        var framedDefault = TrainCommandHandler.BuildOptions(Arguments("default", frame: 0.5)).Augmentation;
        Assert.Equal((0.5, 0.12, true), (framedDefault.FrameProbability, framedDefault.FrameMaxWidth, framedDefault.HasOcclusion));
    }

    [Theory]
    [InlineData(-0.5, "--frame-probability must be in [0, 1], e.g. 0.6 (got -0.5).")]
    [InlineData(1.01, "--frame-probability must be in [0, 1], e.g. 0.6 (got 1.01).")]
    [InlineData(double.NaN, "--frame-probability must be in [0, 1], e.g. 0.6 (got NaN).")]
    public void A_frame_share_out_of_range_is_refused(double frame, string message)
    {
        var error = Assert.Throws<CliUsageException>(() => TrainCommandHandler.BuildOptions(Arguments("robust", frame: frame)));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Standardising_without_black_changes_only_the_network_options_and_the_header_says_so()
    {
        var robust = TrainingPresets.RobustRecipe;
        var options = TrainCommandHandler.BuildOptions(Arguments("robust") with { StandardizeIgnoresBlack = true }) with { Threads = robust.Threads };
        Assert.Equal(robust with { Net = robust.Net with { StandardizeIgnoresBlack = true } }, options);
        var plain = TrainCommandHandler.Describe(robust with { Threads = 2 });
        Assert.Equal(plain.Replace(", seed 42", ", seed 42, standardised over non-black pixels", StringComparison.Ordinal), TrainCommandHandler.Describe(options with { Threads = 2 }));
    }

    [Fact]
    public void Standardising_without_black_is_refused_for_the_notebook_network()
    {
        var error = Assert.Throws<CliUsageException>(() => TrainCommandHandler.BuildOptions(Arguments("notebook") with { StandardizeIgnoresBlack = true }));
        Assert.Equal("--standardize-ignore-black needs --arch cxrnet (the architecture that standardises each image); got seed-cnn.", error.Message);
    }

    [Fact]
    public void The_header_names_the_trim_only_when_it_is_on()
    {
        var off = TrainCommandHandler.Describe(TrainingPresets.DefaultRecipe with { Threads = 2 });
        var on = TrainCommandHandler.Describe(TrainingPresets.DefaultRecipe with { Threads = 2, Trim = BorderTrim.Dark() });
        Assert.Equal(off.Replace("224 px,", "224 px, trim dark borders (≤ 16 on ≥ 98 % of a row or column, at most 25 % a side),", StringComparison.Ordinal), on);
    }

    private static TrainArguments Arguments(string preset, bool trim = false, double? cropMinArea = null, double? zoomOut = null, double? pneumoniaZoomOut = null, double? frame = null) =>
        new("data", null, preset, null, null, null, null, null, null, null, null, null, 0.12, null, "out", null, false,
            TrimBorders: trim, CropMinArea: cropMinArea, ZoomOutProbability: zoomOut, PneumoniaZoomOutProbability: pneumoniaZoomOut, FrameProbability: frame);
}
