using Cxr.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Cxr.Training.Trainer;

/// <summary>
/// An exponential moving average of a model's weights, kept in a shadow model of the same architecture. After each
/// optimiser step t (0-based), every parameter moves <c>shadow ← d·shadow + (1 − d)·live</c> with the warmed-up decay
/// <c>d = min(decay, (1 + t) / (10 + t))</c> (as in TensorFlow's <c>ExponentialMovingAverage(num_updates)</c> and timm),
/// so the first steps are not dominated by the initial weights.
/// </summary>
/// <remarks>
/// Buffers (batch norm's running mean and variance, its step counter) are copied from the live model, not averaged, as
/// <c>torch.optim.swa_utils.AveragedModel</c> does by default: they already are an exponential average (of batch
/// statistics, momentum 0.1), a second average over ~1/(1 − d) steps would lag further behind the weights they are
/// used with, and the counter is an integer. The shadow is in eval mode and needs no gradients; the decay depends only on
/// the step, so <c>--resume</c> needs only the shadow's weights (<see cref="ModelTrainer.EmaWeightsFile"/>).
/// </remarks>
internal sealed class ExponentialMovingAverage : IDisposable
{
    private readonly (Tensor Shadow, Tensor Live)[] parameters;
    private readonly (Tensor Shadow, Tensor Live)[] buffers;

    /// <param name="live">The model being trained.</param>
    /// <param name="shadow">A model of the same architecture, owned from now on; its weights are overwritten with the live ones.</param>
    /// <param name="decay">The decay, in (0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">The decay is not in (0, 1).</exception>
    /// <exception cref="ArgumentException">The two models' parameters or buffers differ in name or shape.</exception>
    public ExponentialMovingAverage(CxrModel live, CxrModel shadow, double decay)
    {
        if (decay is not (> 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(decay), decay, "The EMA decay must be in (0, 1), e.g. 0.999 (0 turns the EMA off).");
        }

        Decay = decay;
        Model = shadow;
        parameters = Pair(Parameters(shadow), Parameters(live), "parameter");
        buffers = Pair(shadow.named_buffers(), live.named_buffers(), "buffer");
        foreach (var (s, _) in parameters)
        {
            s.requires_grad_(false);
        }

        shadow.eval();
        CopyFromLive();
    }

    /// <summary>The decay after warm-up, in (0, 1).</summary>
    public double Decay { get; }

    /// <summary>The shadow model (eval mode): the averaged weights with the live model's buffers.</summary>
    public CxrModel Model { get; }

    /// <summary>The decay used at 0-based step <paramref name="step"/>: <c>min(decay, (1 + t) / (10 + t))</c>, which
    /// rises from 0.1 at the first step.</summary>
    public static double DecayAt(double decay, long step) => Math.Min(decay, (1.0 + step) / (10.0 + step));

    /// <summary>Folds the live weights in after optimiser step <paramref name="step"/> (0-based) and copies the buffers.
    /// Under no_grad, in place, in its own dispose scope: no tensor outlives the call.</summary>
    public void Update(long step)
    {
        var d = DecayAt(Decay, step);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var keep = d.ToScalar();
        using var take = (1 - d).ToScalar();
        foreach (var (shadow, live) in parameters)
        {
            shadow.mul_(keep).add_(live, take);
        }

        foreach (var (shadow, live) in buffers)
        {
            shadow.copy_(live);
        }
    }

    /// <summary>Copies the shadow's weights and buffers into <paramref name="target"/> (same architecture).</summary>
    /// <exception cref="ArgumentException">The target's parameters or buffers differ in name or shape.</exception>
    public void CopyTo(CxrModel target)
    {
        using var noGrad = no_grad();
        foreach (var (shadow, other) in Pair(Parameters(Model), Parameters(target), "parameter")
            .Concat(Pair(Model.named_buffers(), target.named_buffers(), "buffer")))
        {
            other.copy_(shadow);
        }
    }

    public void Dispose() => Model.Dispose();

    private void CopyFromLive()
    {
        using var noGrad = no_grad();
        foreach (var (shadow, live) in parameters.Concat(buffers))
        {
            shadow.copy_(live);
        }
    }

    private static IEnumerable<(string Name, Tensor Value)> Parameters(CxrModel model) =>
        model.named_parameters().Select(p => (p.name, (Tensor)p.parameter));

    private static (Tensor Shadow, Tensor Live)[] Pair(
        IEnumerable<(string Name, Tensor Value)> shadow, IEnumerable<(string Name, Tensor Value)> live, string kind)
    {
        var liveByName = live.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        var pairs = shadow.Select(s => (s.Name, s.Value, Live: liveByName.GetValueOrDefault(s.Name))).ToArray();
        if (pairs.Length != liveByName.Count || pairs.Any(p => p.Live is null || !p.Live.shape.SequenceEqual(p.Value.shape)))
        {
            throw new ArgumentException($"The EMA's shadow model does not match the trained model: their {kind}s differ in name or shape.");
        }

        return pairs.Select(p => (p.Value, p.Live!)).ToArray();
    }
}
