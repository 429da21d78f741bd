using Cxr.Core.Contracts;
using Cxr.Training.Guard;
using Cxr.Training.Models;
using static TorchSharp.torch;

namespace Cxr.Training.Export;

/// <summary>What TorchSharp computes for the <see cref="ProbeImages"/>: the model's eval-mode logits and features, and the
/// guard's squared distances of those features (float64, in C#). Written into the model as its self-test, so ONNX Runtime
/// has to reproduce an independent computation, not its own.</summary>
internal static class ProbeOutputs
{
    /// <summary>The self-test for <paramref name="model"/> (with <paramref name="guard"/>'s distances when given). The
    /// model runs in eval mode and is returned to its previous mode.</summary>
    /// <exception cref="InvalidOperationException">The model computes a non-finite value for a probe image.</exception>
    public static ModelSelfTestSpec Compute(CxrModel model, FittedInputGuard? guard)
    {
        var size = model.InputSize;
        using var evaluation = model.EvaluationMode();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = tensor(ProbeImages.Tensor(size), [ProbeImages.Count, 1, size, size]);
        var logits = model.call(input).data<float>().ToArray();
        var features = Rows(model.Embedding(input));
        return Validated(new ModelSelfTestSpec
        {
            Logit = logits,
            Features = features,
            GuardDistances = Distances(guard, features),
        });
    }

    /// <summary>The self-test for an ensemble: its logit (the members' mean), its features (the members' side by side),
    /// the guard's distances of those and the members' spread at <paramref name="temperature"/>. Every member runs in
    /// eval mode and is returned to its previous mode.</summary>
    /// <exception cref="InvalidOperationException">The ensemble computes a non-finite value for a probe image.</exception>
    public static ModelSelfTestSpec Compute(CxrEnsemble ensemble, FittedInputGuard? guard, double temperature)
    {
        var size = ensemble.InputSize;
        using var evaluation = ensemble.EnterEvaluationMode();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = tensor(ProbeImages.Tensor(size), [ProbeImages.Count, 1, size, size]);
        var memberLogits = ensemble.MemberLogits(input);
        var logits = memberLogits.mean([1L]).data<float>().ToArray();
        var features = Rows(ensemble.Embedding(input));
        return Validated(new ModelSelfTestSpec
        {
            Logit = logits,
            Features = features,
            GuardDistances = Distances(guard, features),
            MemberSpread = CxrEnsemble.MemberSpread(memberLogits, temperature).data<float>().ToArray(),
        });
    }

    private static float[][] Rows(Tensor embedding)
    {
        var width = (int)embedding.shape[1];
        var flat = embedding.data<float>().ToArray();
        return [.. Enumerable.Range(0, ProbeImages.Count).Select(i => flat.AsSpan(i * width, width).ToArray())];
    }

    private static float[][]? Distances(FittedInputGuard? guard, float[][] features) => guard is null
        ? null
        : [.. features.Select(f => guard.References.SquaredDistances(f).Select(d => (float)d).ToArray())];

    private static ModelSelfTestSpec Validated(ModelSelfTestSpec spec)
    {
        try
        {
            spec.Validate();
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"The model cannot be exported: its probe outputs are unusable ({e.Message})", e);
        }

        return spec;
    }
}
