using Cxr.Cli.Training;
using Cxr.Training.Trainer;

namespace Cxr.Cli.Tests.Training;

/// <summary><c>cxr train</c>'s <c>--ema</c>, <c>--mixup</c>, <c>--mixup-probability</c> and <c>--consistency</c>: what they set, what they refuse
/// and how the header shows them.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class TrainCommandHandlerTests
{
    [Fact]
    public void The_flags_combine_with_any_preset_and_leave_the_rest_of_it_alone()
    {
        var options = TrainCommandHandler.BuildOptions(Arguments("robust", ema: 0.999, mixup: 0.2));
        Assert.Equal(TrainingPresets.RobustRecipe with { EmaDecay = 0.999, MixupAlpha = 0.2 }, options with { Threads = TrainingPresets.RobustRecipe.Threads });

        var half = TrainCommandHandler.BuildOptions(Arguments("default", mixup: 0.4, mixupProbability: 0.5));
        Assert.Equal((0.0, 0.4, 0.5), (half.EmaDecay, half.MixupAlpha, half.MixupProbability));
    }

    [Fact]
    public void Without_the_flags_the_preset_has_both_off()
    {
        var options = TrainCommandHandler.BuildOptions(Arguments("default"));
        Assert.Equal(TrainingPresets.DefaultRecipe, options with { Threads = TrainingPresets.DefaultRecipe.Threads });
        Assert.Equal((0.0, 0.0), (options.EmaDecay, options.MixupAlpha));
        Assert.Equal(TrainingPresets.DefaultRecipe, TrainCommandHandler.BuildOptions(Arguments("default", ema: 0, mixup: 0)) with { Threads = TrainingPresets.DefaultRecipe.Threads });
    }

    [Theory]
    [InlineData(1.0, "--ema must be a decay in (0, 1), e.g. 0.999, or 0 for off (got 1).")]
    [InlineData(1.5, "--ema must be a decay in (0, 1), e.g. 0.999, or 0 for off (got 1.5).")]
    [InlineData(-0.1, "--ema must be a decay in (0, 1), e.g. 0.999, or 0 for off (got -0.1).")]
    [InlineData(double.NaN, "--ema must be a decay in (0, 1), e.g. 0.999, or 0 for off (got NaN).")]
    public void An_ema_decay_outside_zero_to_one_is_refused(double decay, string message)
    {
        var error = Assert.Throws<CliUsageException>(() => TrainCommandHandler.BuildOptions(Arguments("default", ema: decay)));
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData(-0.2, "--mixup must be the Beta(α, α) parameter α > 0, e.g. 0.2, or 0 for off (got -0.2).")]
    [InlineData(double.PositiveInfinity, "--mixup must be the Beta(α, α) parameter α > 0, e.g. 0.2, or 0 for off (got Infinity).")]
    public void A_mixup_alpha_that_is_negative_or_infinite_is_refused(double alpha, string message)
    {
        var error = Assert.Throws<CliUsageException>(() => TrainCommandHandler.BuildOptions(Arguments("default", mixup: alpha)));
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData(0.2, 0.0, "--mixup-probability must be in (0, 1], e.g. 0.5 (got 0).")]
    [InlineData(0.2, 1.2, "--mixup-probability must be in (0, 1], e.g. 0.5 (got 1.2).")]
    [InlineData(null, 0.5, "--mixup-probability needs mixup on: add --mixup ALPHA (e.g. --mixup 0.2).")]
    [InlineData(0.0, 0.5, "--mixup-probability needs mixup on: add --mixup ALPHA (e.g. --mixup 0.2).")]
    public void A_mixup_probability_out_of_range_or_without_mixup_is_refused(double? alpha, double probability, string message)
    {
        var error = Assert.Throws<CliUsageException>(() => TrainCommandHandler.BuildOptions(Arguments("default", mixup: alpha, mixupProbability: probability)));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void The_consistency_weight_is_set_on_any_preset_and_off_without_the_flag()
    {
        var options = TrainCommandHandler.BuildOptions(Arguments("robust", consistency: 0.25));
        Assert.Equal(TrainingPresets.RobustRecipe with { ConsistencyWeight = 0.25 }, options with { Threads = TrainingPresets.RobustRecipe.Threads });
        Assert.Equal(0, TrainCommandHandler.BuildOptions(Arguments("robust")).ConsistencyWeight);
    }

    [Theory]
    [InlineData(-0.1, "--consistency must be a weight ≥ 0, e.g. 0.1, or 0 for off (got -0.1).")]
    [InlineData(double.NaN, "--consistency must be a weight ≥ 0, e.g. 0.1, or 0 for off (got NaN).")]
    [InlineData(double.PositiveInfinity, "--consistency must be a weight ≥ 0, e.g. 0.1, or 0 for off (got Infinity).")]
    public void A_consistency_weight_that_is_negative_or_not_finite_is_refused(double weight, string message)
    {
        var error = Assert.Throws<CliUsageException>(() => TrainCommandHandler.BuildOptions(Arguments("default", consistency: weight)));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void The_header_names_the_consistency_weight_only_when_it_is_on()
    {
        var off = TrainCommandHandler.Describe(TrainingPresets.DefaultRecipe with { Threads = 2 });
        Assert.Equal(off + ", consistency λ 0.25", TrainCommandHandler.Describe(TrainingPresets.DefaultRecipe with { Threads = 2, ConsistencyWeight = 0.25 }));
    }

    [Fact]
    public void The_header_names_both_only_when_they_are_on()
    {
        var off = TrainCommandHandler.Describe(TrainingPresets.DefaultRecipe with { Threads = 2 });
        Assert.Equal("cxrnet at 224 px, 12 epochs × 160 steps × batch 32, AdamW lr 0.002, 2 threads, seed 42", off);
        var on = TrainCommandHandler.Describe(TrainingPresets.DefaultRecipe with { Threads = 2, EmaDecay = 0.999, MixupAlpha = 0.2, MixupProbability = 0.5 });
        Assert.Equal(off + ", EMA 0.999, mixup α 0.2 on 50 % of batches", on);
    }

    [Theory]
    [InlineData("--ema", "1.5", "--ema must be a decay in (0, 1), e.g. 0.999, or 0 for off (got 1.5).")]
    [InlineData("--consistency", "-1", "--consistency must be a weight ≥ 0, e.g. 0.1, or 0 for off (got -1).")]
    [InlineData("--pneumonia-zoom-out-probability", "2", "--pneumonia-zoom-out-probability must be in [0, 1], e.g. 0.4 (got 2).")]
    [InlineData("--frame-probability", "-1", "--frame-probability must be in [0, 1], e.g. 0.6 (got -1).")]
    public async Task A_bad_flag_is_one_error_line_and_a_usage_exit_code_before_anything_is_read(string flag, string value, string message)
    {
        using var folder = new TempFolder();
        var run = await CliRun.RunAsync("train", "--data", folder.Path("missing"), "--out", folder.Path("out"), flag, value);
        Assert.Equal(CxrApp.ExitUserError, run.ExitCode);
        Assert.Equal($"error: {message}\n", run.Error);
        Assert.False(Directory.Exists(folder.Path("out")));
    }

    private static TrainArguments Arguments(string preset, double? ema = null, double? mixup = null, double? mixupProbability = null, double? consistency = null) =>
        new("data", null, preset, null, null, null, null, null, null, null, null, null, 0.12, null, "out", null, false, ema, mixup, mixupProbability) { Consistency = consistency };
}
