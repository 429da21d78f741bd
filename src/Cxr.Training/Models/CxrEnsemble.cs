using static TorchSharp.torch;

namespace Cxr.Training.Models;

/// <summary>
/// K ≥ 2 trained models of one architecture and input size served as one (<c>cxr train --ensemble K</c>): the logit
/// is the mean of the members' logits, the class-activation map the mean of their maps, the embedding their embeddings
/// side by side. This is the TorchSharp side of the single ONNX graph <see cref="Export.OnnxExporter.ExportEnsemble"/>
/// writes.
/// </summary>
/// <remarks>Input <c>[N, 1, S, S]</c> in [0, 1]. Owns its members: disposing the ensemble disposes them.</remarks>
public sealed class CxrEnsemble : IEmbeddingModel, IDisposable
{
    /// <param name="members">The members in member order; they must share architecture, input size, standardisation and
    /// a global-average-pool head (whose maps can be averaged).</param>
    /// <exception cref="ArgumentException">Fewer than 2 members, or members that differ in any of those.</exception>
    public CxrEnsemble(IReadOnlyList<CxrModel> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count < 2 || members.Any(m => m is null))
        {
            throw new ArgumentException($"An ensemble needs at least 2 members; got {members.Count}.", nameof(members));
        }

        var first = members[0];
        if (first.Head != ModelHead.GlobalAveragePoolLinear)
        {
            throw new ArgumentException(
                $"An ensemble averages its members' class-activation maps, which needs a global-average-pool head such as cxrnet's; '{first.Architecture}' has a {first.Head} head.", nameof(members));
        }

        foreach (var member in members.Skip(1))
        {
            if (member.Architecture != first.Architecture || member.InputSize != first.InputSize ||
                member.StandardizesInput != first.StandardizesInput ||
                member.StandardizationIgnoresBlack != first.StandardizationIgnoresBlack || member.Head != first.Head)
            {
                throw new ArgumentException(
                    $"Ensemble members must share architecture, input size, standardisation and head; member 1 is {first.Architecture} at {first.InputSize} px and another is {member.Architecture} at {member.InputSize} px.", nameof(members));
            }
        }

        Members = [.. members];
    }

    /// <summary>The members, in member order.</summary>
    public IReadOnlyList<CxrModel> Members { get; }

    /// <summary>The members' architecture id.</summary>
    public string Architecture => Members[0].Architecture;

    /// <inheritdoc />
    public int InputSize => Members[0].InputSize;

    /// <summary>Whether the members standardise each image first (all or none do).</summary>
    public bool StandardizesInput => Members[0].StandardizesInput;

    /// <summary>Whether that standardisation leaves black pixels out of its statistics (all or none do).</summary>
    public bool StandardizationIgnoresBlack => Members[0].StandardizationIgnoresBlack;

    /// <summary>Trainable parameters of all members together.</summary>
    public long ParameterCount() => Members.Sum(m => m.ParameterCount());

    /// <summary>Each member's logit, <c>[N, K]</c> (column k = member k).</summary>
    public Tensor MemberLogits(Tensor input)
    {
        using var scope = NewDisposeScope();
        return stack([.. Members.Select(m => m.call(input))], 1).MoveToOuterDisposeScope();
    }

    /// <summary>The ensemble's logit <c>[N]</c>: the mean of the members' logits.</summary>
    public Tensor Logits(Tensor input)
    {
        using var scope = NewDisposeScope();
        return MemberLogits(input).mean([1L]).MoveToOuterDisposeScope();
    }

    /// <summary>The members' embeddings side by side, <c>[N, F_1 + … + F_K]</c> (member order).</summary>
    public Tensor Embedding(Tensor input)
    {
        using var scope = NewDisposeScope();
        return cat([.. Members.Select(m => m.Embedding(input))], 1).MoveToOuterDisposeScope();
    }

    /// <summary>The mean of the members' class-activation maps, <c>[N, h, w]</c> in logit units (its spatial mean is the
    /// ensemble's logit).</summary>
    public Tensor ClassActivationMap(Tensor input)
    {
        using var scope = NewDisposeScope();
        return stack([.. Members.Select(m => m.ClassActivationMap(input))], 0).mean([0L]).MoveToOuterDisposeScope();
    }

    /// <summary>The members' disagreement <c>[N]</c> in [0, 0.5]: the population standard deviation (over K, not
    /// K − 1) of their calibrated probabilities <c>sigmoid(logit_k / T)</c>, as the ONNX <c>member_spread</c>
    /// output computes it.</summary>
    /// <param name="memberLogits"><c>[N, K]</c>, from <see cref="MemberLogits"/>.</param>
    /// <param name="temperature">The ensemble's temperature T &gt; 0.</param>
    public static Tensor MemberSpread(Tensor memberLogits, double temperature)
    {
        ArgumentNullException.ThrowIfNull(memberLogits);
        using var scope = NewDisposeScope();
        var probabilities = (memberLogits / (float)temperature).sigmoid();
        var deviation = probabilities - probabilities.mean([1L], keepdim: true);
        return (deviation * deviation).mean([1L]).sqrt().MoveToOuterDisposeScope();
    }

    /// <summary>The population standard deviation of <c>sigmoid(logit_k / T)</c> over the given member logits, in
    /// float64 (for reports and tests).</summary>
    public static double MemberSpreadFromLogits(IReadOnlyList<double> memberLogits, double temperature)
    {
        ArgumentNullException.ThrowIfNull(memberLogits);
        var probabilities = memberLogits.Select(l => 1 / (1 + Math.Exp(-l / temperature))).ToArray();
        var mean = probabilities.Average();
        return Math.Sqrt(probabilities.Average(p => (p - mean) * (p - mean)));
    }

    /// <summary>Every member in eval mode until the returned scope is disposed, then each in its previous mode.</summary>
    public IDisposable EnterEvaluationMode() => new Scopes([.. Members.Select(m => m.EvaluationMode())]);

    public void Dispose()
    {
        foreach (var member in Members)
        {
            member.Dispose();
        }
    }

    private sealed class Scopes(IReadOnlyList<IDisposable> scopes) : IDisposable
    {
        public void Dispose()
        {
            foreach (var scope in scopes)
            {
                scope.Dispose();
            }
        }
    }
}
