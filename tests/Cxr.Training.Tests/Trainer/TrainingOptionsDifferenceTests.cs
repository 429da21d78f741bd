using Cxr.Training.Trainer;

namespace Cxr.Training.Tests.Trainer;

public sealed class TrainingOptionsDifferenceTests
{
    private static TrainingOptions Made => SmallSubset.TinyOptions with { Preset = "robust" };

    [Fact]
    public void Options_that_differ_only_in_threads_and_preset_name_train_alike()
    {
        Assert.Empty(TrainingOptionsDifference.Between(Made, Made with { Threads = 2, Preset = "custom" }));
    }

    [Fact]
    public void Each_differing_setting_is_named_with_both_values_including_nested_network_and_augmentation_ones()
    {
        var current = Made with
        {
            Net = Made.Net with { StandardizeIgnoresBlack = true },
            Augmentation = Made.Augmentation with { FrameProbability = 0.6 },
            LearningRate = 1e-3,
        };

        Assert.Equal(
            ["net.standardizeIgnoresBlack: false (this run: true)", "learningRate: 0.003 (this run: 0.001)", "augmentation.frameProbability: 0 (this run: 0.6)"],
            TrainingOptionsDifference.Between(Made, current));
    }

    [Fact]
    public void A_list_is_compared_by_its_values()
    {
        var same = Made with { Net = Made.Net with { Widths = [16, 32, 32] } };
        var wider = Made with { Net = Made.Net with { Widths = [16, 32, 64] } };

        Assert.Empty(TrainingOptionsDifference.Between(Made, same));
        Assert.Contains("net.widths: [16,32,32] (this run: [16,32,64])", TrainingOptionsDifference.Between(Made, wider));
    }
}
