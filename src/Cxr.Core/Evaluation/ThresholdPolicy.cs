using System.Globalization;

namespace Cxr.Core.Evaluation;

/// <summary>
/// How to choose the decision threshold from validation data, as written on the command line and in run configs:
/// <c>youden</c> (maximise sensitivity + specificity − 1) or <c>sensitivity:0.95</c> (the most specific threshold that
/// keeps sensitivity &gt;= 0.95). <see cref="ToString"/> writes the same text <see cref="Parse"/> reads.
/// </summary>
/// <param name="Kind"><see cref="YoudenKind"/> or <see cref="SensitivityKind"/> (case-insensitive; stored lower-case).</param>
/// <param name="TargetSensitivity">In (0, 1] for <see cref="SensitivityKind"/>; null for <see cref="YoudenKind"/>.</param>
/// <exception cref="ArgumentException">Unknown kind, or a target that does not fit the kind.</exception>
public sealed record ThresholdPolicy(string Kind, double? TargetSensitivity)
{
    public const string YoudenKind = "youden";
    public const string SensitivityKind = "sensitivity";

    private const string Accepted = "expected 'youden' or 'sensitivity:<target in (0, 1]>', e.g. 'sensitivity:0.95'";

    public string Kind { get; } = CheckedKind(Kind, TargetSensitivity);

    public double? TargetSensitivity { get; } = TargetSensitivity;

    /// <summary>The <c>youden</c> policy.</summary>
    public static ThresholdPolicy Youden { get; } = new(YoudenKind, null);

    /// <summary>The <c>sensitivity:target</c> policy; target in (0, 1].</summary>
    public static ThresholdPolicy ForSensitivity(double targetSensitivity) => new(SensitivityKind, targetSensitivity);

    /// <summary>Reads <c>youden</c> or <c>sensitivity:&lt;target&gt;</c> (invariant culture, surrounding spaces ignored).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The text is not one of the accepted forms; the message says which forms are.</exception>
    public static ThresholdPolicy Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var kind = (colon < 0 ? trimmed : trimmed[..colon]).Trim();
        var argument = colon < 0 ? null : trimmed[(colon + 1)..].Trim();

        if (kind.Equals(YoudenKind, StringComparison.OrdinalIgnoreCase))
        {
            return argument is null
                ? Youden
                : throw new FormatException($"Threshold policy '{text}' is invalid: 'youden' takes no value; {Accepted}.");
        }

        if (kind.Equals(SensitivityKind, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrEmpty(argument))
            {
                throw new FormatException($"Threshold policy '{text}' is invalid: the sensitivity target is missing; {Accepted}.");
            }

            if (!double.TryParse(argument, NumberStyles.Float, CultureInfo.InvariantCulture, out var target))
            {
                throw new FormatException($"Threshold policy '{text}' is invalid: '{argument}' is not a number; {Accepted}.");
            }

            if (!(target > 0.0 && target <= 1.0))
            {
                throw new FormatException(
                    $"Threshold policy '{text}' is invalid: the sensitivity target must be in (0, 1] (a fraction, not a percentage); {Accepted}.");
            }

            return ForSensitivity(target);
        }

        throw new FormatException($"Threshold policy '{text}' is not recognised; {Accepted}.");
    }

    /// <summary>Chooses the threshold on validation data (see <see cref="OperatingPoint"/>); in (0, 1).</summary>
    /// <exception cref="ArgumentException">Invalid inputs, or the classes present do not allow the policy.</exception>
    public double Choose(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities) => Kind == YoudenKind
        ? OperatingPoint.Youden(labels, probabilities)
        : OperatingPoint.ForSensitivity(labels, probabilities, TargetSensitivity!.Value);

    /// <summary><c>youden</c> or <c>sensitivity:&lt;target&gt;</c> (shortest round-trip number, invariant culture).</summary>
    public override string ToString() => Kind == YoudenKind
        ? YoudenKind
        : SensitivityKind + ":" + TargetSensitivity!.Value.ToString("R", CultureInfo.InvariantCulture);

    private static string CheckedKind(string kind, double? targetSensitivity)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (kind.Equals(YoudenKind, StringComparison.OrdinalIgnoreCase))
        {
            return targetSensitivity is null
                ? YoudenKind
                : throw new ArgumentException("The 'youden' threshold policy takes no target sensitivity.", nameof(targetSensitivity));
        }

        if (kind.Equals(SensitivityKind, StringComparison.OrdinalIgnoreCase))
        {
            return targetSensitivity is > 0.0 and <= 1.0
                ? SensitivityKind
                : throw new ArgumentException(
                    $"The 'sensitivity' threshold policy needs a target in (0, 1]; got {targetSensitivity?.ToString("R", CultureInfo.InvariantCulture) ?? "none"}.",
                    nameof(targetSensitivity));
        }

        throw new ArgumentException($"Unknown threshold policy kind '{kind}'; {Accepted}.", nameof(kind));
    }
}
