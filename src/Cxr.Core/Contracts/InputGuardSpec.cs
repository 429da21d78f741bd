using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cxr.Core.Contracts;

/// <summary>
/// How a model decides "is this a frontal chest X-ray?" before its answer is shown, stored with the model (ONNX
/// metadata key <see cref="ModelMetadataKeys.InputGuard"/>) so every server applies the same checks.
/// </summary>
/// <remarks>
/// <para>Two kinds of check. Fixed image checks that need no model: colour (<see cref="MaxMeanChroma"/>), shape
/// (<see cref="MaxAspectRatio"/>) and contrast (<see cref="MinContrast"/>). And a learned one: the graph output
/// <see cref="OnnxModelContract.GuardDistancesOutput"/> <c>[N, K]</c> holds the squared Mahalanobis distance of the
/// image's pooled features (<see cref="OnnxModelContract.FeaturesOutput"/>) to each of the K <see cref="References"/>:
/// Gaussian class means with one shared (tied) covariance, fitted at training time on the training split's films as
/// they are (NORMAL, PNEUMONIA), turned by 90° either way or by 180°, and inverted.</para>
/// <para>Decision: an image whose nearest reference is a rotated or inverted one is refused as such; otherwise it is
/// refused as out of distribution when <c>sqrt(min over upright references)</c> exceeds <see cref="DistanceThreshold"/>,
/// the <see cref="Percentile"/>-th percentile of that score over the training split.</para>
/// </remarks>
public sealed record InputGuardSpec
{
    /// <summary>The learned method's id.</summary>
    public const string MahalanobisMethod = "mahalanobis-tied-covariance";

    /// <summary>Radiographs are gray; a gray film stored as colour JPEG measures below ~0.005.</summary>
    public const double DefaultMaxMeanChroma = 0.02;

    /// <summary>Films are about 0.8–1.25 wide per high; a 2:1 strip is no chest film.</summary>
    public const double DefaultMaxAspectRatio = 2.0;

    /// <summary>Standard deviation of the 8-bit model input / 255 below which an image is flat (no anatomy to read).</summary>
    public const double DefaultMinContrast = 0.02;

    /// <summary>The references <c>cxr train</c> fits, in column order: films as they are (NORMAL, PNEUMONIA), turned
    /// 90° clockwise and counter-clockwise, inverted, and turned 180°.</summary>
    public static IReadOnlyList<string> StandardReferenceNames { get; } = [ClassLabels.Normal, ClassLabels.Pneumonia, "ROTATED_90_CW", "ROTATED_90_CCW", "INVERTED", "ROTATED_180"];

    /// <summary>The image checks alone (no learned distance): used for models that carry no guard.</summary>
    public static InputGuardSpec ImageChecksOnly { get; } = new();

    /// <summary>A learned guard over <see cref="StandardReferenceNames"/> with the default image checks.</summary>
    public static InputGuardSpec ForStandardReferences(double distanceThreshold) => new()
    {
        Method = MahalanobisMethod,
        References = StandardReferenceNames,
        Upright = ClassLabels.All,
        Rotated = ["ROTATED_90_CW", "ROTATED_90_CCW", "ROTATED_180"],
        Inverted = ["INVERTED"],
        DistanceThreshold = distanceThreshold,
    };

    /// <summary><see cref="MahalanobisMethod"/>, or null when the model has no learned guard.</summary>
    public string? Method { get; init; }

    /// <summary>Names of the reference distributions, in the column order of the distances output.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>References that are chest films as they should be (the OOD score is the distance to the nearest).</summary>
    public IReadOnlyList<string> Upright { get; init; } = [];

    /// <summary>References made of films turned by 90° or 180°.</summary>
    public IReadOnlyList<string> Rotated { get; init; } = [];

    /// <summary>References made of films with inverted gray levels (negatives).</summary>
    public IReadOnlyList<string> Inverted { get; init; } = [];

    /// <summary>Largest in-distribution Mahalanobis distance (not squared), set at training time.</summary>
    public double? DistanceThreshold { get; init; }

    /// <summary>The percentile of the training split's scores that <see cref="DistanceThreshold"/> is.</summary>
    public double? Percentile { get; init; }

    /// <summary>How many training-split films the references were fitted on (each counted once, upright).</summary>
    public int? FitImages { get; init; }

    /// <summary>Largest accepted mean chroma (see <c>PreprocessedImage.MeanChroma</c>), in [0, 1].</summary>
    public double MaxMeanChroma { get; init; } = DefaultMaxMeanChroma;

    /// <summary>Largest accepted long side / short side of the decoded image.</summary>
    public double MaxAspectRatio { get; init; } = DefaultMaxAspectRatio;

    /// <summary>Smallest accepted standard deviation of the model's 8-bit input, over 255.</summary>
    public double MinContrast { get; init; } = DefaultMinContrast;

    /// <summary>True when the model carries a learned distance guard.</summary>
    [JsonIgnore]
    public bool HasDistances => Method is not null;

    /// <summary>Decides from one image's squared distances (<see cref="References"/> order) and returns the verdict and
    /// the OOD score: the Mahalanobis distance (square root) to the nearest upright reference.</summary>
    /// <exception cref="InvalidOperationException">The spec has no learned guard.</exception>
    /// <exception cref="ArgumentException">The number of distances is not the number of references.</exception>
    public (DistanceVerdict Verdict, double Score) Judge(ReadOnlySpan<double> squaredDistances)
    {
        if (!HasDistances)
        {
            throw new InvalidOperationException("This input guard has no learned distances.");
        }

        if (squaredDistances.Length != References.Count)
        {
            throw new ArgumentException($"Expected {References.Count} distances; got {squaredDistances.Length}.", nameof(squaredDistances));
        }

        var nearest = -1;
        var nearestDistance = double.PositiveInfinity;
        var nearestUpright = double.PositiveInfinity;
        for (var k = 0; k < squaredDistances.Length; k++)
        {
            // NaN (a degenerate input) counts as infinitely far.
            var distance = double.IsNaN(squaredDistances[k]) ? double.PositiveInfinity : squaredDistances[k];
            if (nearest < 0 || distance < nearestDistance)
            {
                nearest = k;
                nearestDistance = distance;
            }

            if (Upright.Contains(References[k]) && distance < nearestUpright)
            {
                nearestUpright = distance;
            }
        }

        var score = Math.Sqrt(Math.Max(0, nearestUpright));
        var name = References[nearest];
        // Nothing finite (every distance NaN or infinite) is near nothing: the first column must not win by default.
        var verdict =
            double.IsPositiveInfinity(nearestDistance) ? DistanceVerdict.OutOfDistribution :
            Rotated.Contains(name) ? DistanceVerdict.Rotated :
            Inverted.Contains(name) ? DistanceVerdict.Inverted :
            score > DistanceThreshold ? DistanceVerdict.OutOfDistribution :
            DistanceVerdict.InDistribution;
        return (verdict, score);
    }

    private static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Compact JSON with camelCase keys.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses and validates <see cref="ToJson"/> output.</summary>
    /// <exception cref="FormatException">Not JSON, or a value is missing or out of range; the message says which.</exception>
    public static InputGuardSpec FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        InputGuardSpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize<InputGuardSpec>(json, Json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The input guard spec is not valid JSON: {e.Message}", e);
        }

        if (spec is null)
        {
            throw new FormatException("The input guard spec is JSON null.");
        }

        spec.Validate();
        return spec;
    }

    /// <summary>Throws <see cref="FormatException"/> unless the values are usable.</summary>
    public void Validate()
    {
        Check(MaxMeanChroma is > 0 and <= 1, "maxMeanChroma must be in (0, 1]");
        Check(MaxAspectRatio >= 1 && double.IsFinite(MaxAspectRatio), "maxAspectRatio must be a finite number ≥ 1");
        Check(MinContrast is >= 0 and < 1, "minContrast must be in [0, 1)");
        if (Method is null)
        {
            return;
        }

        Check(Method == MahalanobisMethod, $"method must be \"{MahalanobisMethod}\"; got \"{Method}\"");
        Check(References.Count > 0 && References.Distinct(StringComparer.Ordinal).Count() == References.Count,
            "references must be a non-empty list of distinct names");
        Check(Upright.Count > 0, "upright must name at least one reference");
        foreach (var name in Upright.Concat(Rotated).Concat(Inverted))
        {
            Check(References.Contains(name), $"\"{name}\" is not one of the references");
        }

        Check(DistanceThreshold is > 0 && double.IsFinite(DistanceThreshold.Value), "distanceThreshold must be a finite number > 0");
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new FormatException($"Input guard spec: {message}.");
        }
    }
}
