using System.Text.Json;
using Cxr.Training.Augmentation;
using Cxr.Training.Trainer;
using static TorchSharp.torch;

namespace Cxr.Training.Tests.Trainer;

public sealed class TrainingPresetsTests
{
    [Fact]
    public void The_robust_preset_is_the_default_recipe_plus_the_new_levers_and_label_smoothing()
    {
        var robust = TrainingPresets.Get("robust");
        var baseline = TrainingPresets.DefaultRecipe;
        Assert.Contains(TrainingPresets.Robust, TrainingPresets.Names);
        Assert.True(robust.Augmentation.HasExtendedLevers);
        Assert.False(baseline.Augmentation.HasExtendedLevers);
        Assert.Equal(0, baseline.LabelSmoothing);
        Assert.Equal(0.05, robust.LabelSmoothing);
        // Everything else, including the original augmentation levers, is the default recipe's.
        Assert.Equal(baseline, robust with { Preset = baseline.Preset, LabelSmoothing = 0, Augmentation = baseline.Augmentation });
        var a = robust.Augmentation;
        Assert.Equal(new AugmentationOptions(), new AugmentationOptions(a.RotationDegrees, a.Scale, a.Translation, a.Brightness, a.Contrast, a.HorizontalFlip));
    }

    [Fact]
    public void The_options_json_records_the_new_levers_and_reads_them_back()
    {
        var json = JsonSerializer.Serialize(TrainingPresets.RobustRecipe, TrainingJson.Options);
        Assert.Contains("\"cropMinArea\": 0.6", json, StringComparison.Ordinal);
        Assert.Contains("\"labelSmoothing\": 0.05", json, StringComparison.Ordinal);
        Assert.DoesNotContain("hasExtendedLevers", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize<TrainingOptions>(json, TrainingJson.Options)!;
        Assert.Equal(TrainingPresets.RobustRecipe.Augmentation, back.Augmentation);
        Assert.Equal(0.05, back.LabelSmoothing);
    }

    [Fact]
    public void Label_smoothing_moves_the_targets_towards_one_half_and_zero_leaves_them_alone()
    {
        using var scope = NewDisposeScope();
        var labels = tensor(new float[] { 0, 1, 1 });
        var smoothed = TrainingStep.SmoothLabels(labels, 0.1).data<float>().ToArray();
        Assert.Equal([0.05, 0.95, 0.95], smoothed.Select(v => Math.Round(v, 6)));
        Assert.Same(labels, TrainingStep.SmoothLabels(labels, 0));
    }
}
