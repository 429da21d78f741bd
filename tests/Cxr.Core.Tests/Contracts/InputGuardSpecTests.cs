using Cxr.Core.Contracts;

namespace Cxr.Core.Tests.Contracts;

public sealed class InputGuardSpecTests
{
    /// <summary>The shape the training fitter writes: upright references first, threshold 3 (so 9 squared).</summary>
    private static readonly InputGuardSpec Learned = InputGuardSpec.ForStandardReferences(3.0) with
    {
        Percentile = 99.5,
        FitImages = 4172,
        MaxMeanChroma = 0.03,
        MaxAspectRatio = 1.75,
        MinContrast = 0.01,
    };

    [Fact]
    public void Json_round_trips_every_value()
    {
        var json = Learned.ToJson();
        var back = InputGuardSpec.FromJson(json);

        Assert.Equal(Learned.Method, back.Method);
        Assert.Equal(Learned.References, back.References);
        Assert.Equal(Learned.Upright, back.Upright);
        Assert.Equal(Learned.Rotated, back.Rotated);
        Assert.Equal(Learned.Inverted, back.Inverted);
        Assert.Equal(Learned.DistanceThreshold, back.DistanceThreshold);
        Assert.Equal(Learned.Percentile, back.Percentile);
        Assert.Equal(Learned.FitImages, back.FitImages);
        Assert.Equal(Learned.MaxMeanChroma, back.MaxMeanChroma);
        Assert.Equal(Learned.MaxAspectRatio, back.MaxAspectRatio);
        Assert.Equal(Learned.MinContrast, back.MinContrast);
        Assert.True(back.HasDistances);
        Assert.Equal(json, back.ToJson());
    }

    [Fact]
    public void Json_uses_camel_case_and_leaves_out_nulls_and_derived_values()
    {
        var json = Learned.ToJson();
        Assert.Contains("\"method\":\"mahalanobis-tied-covariance\"", json, StringComparison.Ordinal);
        Assert.Contains("\"distanceThreshold\":3", json, StringComparison.Ordinal);
        Assert.Contains("\"maxMeanChroma\":0.03", json, StringComparison.Ordinal);
        Assert.DoesNotContain("hasDistances", json, StringComparison.OrdinalIgnoreCase);

        var checksOnly = InputGuardSpec.ImageChecksOnly.ToJson();
        Assert.DoesNotContain("method", checksOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("distanceThreshold", checksOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("percentile", checksOnly, StringComparison.Ordinal);
    }

    [Fact]
    public void Image_checks_only_has_no_distances_and_the_default_limits()
    {
        var spec = InputGuardSpec.ImageChecksOnly;
        Assert.False(spec.HasDistances);
        Assert.Null(spec.Method);
        Assert.Empty(spec.References);
        Assert.Null(spec.DistanceThreshold);
        Assert.Equal(InputGuardSpec.DefaultMaxMeanChroma, spec.MaxMeanChroma);
        Assert.Equal(InputGuardSpec.DefaultMaxAspectRatio, spec.MaxAspectRatio);
        Assert.Equal(InputGuardSpec.DefaultMinContrast, spec.MinContrast);
        spec.Validate();

        var back = InputGuardSpec.FromJson(spec.ToJson());
        Assert.False(back.HasDistances);
        Assert.Equal(spec.MaxMeanChroma, back.MaxMeanChroma);
    }

    [Fact]
    public void Missing_image_limits_take_their_defaults()
    {
        var spec = InputGuardSpec.FromJson("{}");
        Assert.False(spec.HasDistances);
        Assert.Equal(InputGuardSpec.DefaultMaxMeanChroma, spec.MaxMeanChroma);
        Assert.Equal(InputGuardSpec.DefaultMaxAspectRatio, spec.MaxAspectRatio);
        Assert.Equal(InputGuardSpec.DefaultMinContrast, spec.MinContrast);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"method\":")]
    [InlineData("{\"maxMeanChroma\":\"high\"}")]
    [InlineData("[1,2]")]
    public void Text_that_is_not_a_spec_is_a_format_error(string json)
    {
        var error = Assert.Throws<FormatException>(() => InputGuardSpec.FromJson(json));
        Assert.StartsWith("The input guard spec is not valid JSON: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_null_is_named()
    {
        var error = Assert.Throws<FormatException>(() => InputGuardSpec.FromJson("null"));
        Assert.Equal("The input guard spec is JSON null.", error.Message);
    }

    public static TheoryData<string, string> InvalidSpecs => new()
    {
        {
            Modified(j => j.Replace("mahalanobis-tied-covariance", "knn", StringComparison.Ordinal)),
            "Input guard spec: method must be \"mahalanobis-tied-covariance\"; got \"knn\"."
        },
        {
            Modified(j => j.Replace("\"upright\":[\"NORMAL\",\"PNEUMONIA\"]", "\"upright\":[\"NORMAL\",\"LATERAL\"]", StringComparison.Ordinal)),
            "Input guard spec: \"LATERAL\" is not one of the references."
        },
        {
            Modified(j => j.Replace("\"inverted\":[\"INVERTED\"]", "\"inverted\":[\"NEGATIVE\"]", StringComparison.Ordinal)),
            "Input guard spec: \"NEGATIVE\" is not one of the references."
        },
        {
            Modified(j => j.Replace("\"upright\":[\"NORMAL\",\"PNEUMONIA\"]", "\"upright\":[]", StringComparison.Ordinal)),
            "Input guard spec: upright must name at least one reference."
        },
        {
            Modified(j => j.Replace("\"references\":[\"NORMAL\",", "\"references\":[\"NORMAL\",\"NORMAL\",", StringComparison.Ordinal)),
            "Input guard spec: references must be a non-empty list of distinct names."
        },
        {
            Modified(j => j.Replace("\"distanceThreshold\":3", "\"distanceThreshold\":0", StringComparison.Ordinal)),
            "Input guard spec: distanceThreshold must be a finite number > 0."
        },
        {
            Modified(j => j.Replace("\"distanceThreshold\":3", "\"distanceThreshold\":-1.5", StringComparison.Ordinal)),
            "Input guard spec: distanceThreshold must be a finite number > 0."
        },
        {
            Modified(j => j.Replace("\"distanceThreshold\":3,", string.Empty, StringComparison.Ordinal)),
            "Input guard spec: distanceThreshold must be a finite number > 0."
        },
        {
            Modified(j => j.Replace("\"maxMeanChroma\":0.03", "\"maxMeanChroma\":0", StringComparison.Ordinal)),
            "Input guard spec: maxMeanChroma must be in (0, 1]."
        },
        {
            Modified(j => j.Replace("\"maxMeanChroma\":0.03", "\"maxMeanChroma\":1.5", StringComparison.Ordinal)),
            "Input guard spec: maxMeanChroma must be in (0, 1]."
        },
        {
            Modified(j => j.Replace("\"maxAspectRatio\":1.75", "\"maxAspectRatio\":0.5", StringComparison.Ordinal)),
            "Input guard spec: maxAspectRatio must be a finite number ≥ 1."
        },
        {
            Modified(j => j.Replace("\"minContrast\":0.01", "\"minContrast\":1", StringComparison.Ordinal)),
            "Input guard spec: minContrast must be in [0, 1)."
        },
        {
            // The image limits are checked for a spec without a learned guard too.
            "{\"maxMeanChroma\":2}",
            "Input guard spec: maxMeanChroma must be in (0, 1]."
        },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public void An_unusable_value_is_named(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => InputGuardSpec.FromJson(json));
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void The_edits_the_invalid_cases_make_all_apply()
    {
        // Guards the table above: every replacement must change the JSON, or the case would test nothing.
        var json = Learned.ToJson();
        foreach (var row in InvalidSpecs)
        {
            Assert.NotEqual(json, (string)row[0]);
        }
    }

    [Fact]
    public void Nearest_upright_below_the_threshold_is_in_distribution_with_the_root_as_score()
    {
        var (verdict, score) = Learned.Judge([6.25, 4, 25, 25, 25, 25]);
        Assert.Equal(DistanceVerdict.InDistribution, verdict);
        Assert.Equal(2, score);
    }

    [Fact]
    public void A_score_equal_to_the_threshold_is_still_in_distribution()
    {
        var (verdict, score) = Learned.Judge([9, 16, 25, 25, 25, 25]);
        Assert.Equal(DistanceVerdict.InDistribution, verdict);
        Assert.Equal(3, score);
    }

    [Fact]
    public void Beyond_the_threshold_is_out_of_distribution()
    {
        var (verdict, score) = Learned.Judge([16, 12.25, 25, 25, 25, 25]);
        Assert.Equal(DistanceVerdict.OutOfDistribution, verdict);
        Assert.Equal(3.5, score);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Nearest_to_a_rotated_reference_is_rotated_and_still_scored(int rotatedColumn)
    {
        double[] distances = [4, 9, 25, 25, 25, 25];
        distances[rotatedColumn] = 1;
        var (verdict, score) = Learned.Judge(distances);
        Assert.Equal(DistanceVerdict.Rotated, verdict);
        Assert.Equal(2, score);
    }

    [Fact]
    public void Nearest_to_the_inverted_reference_is_inverted()
    {
        var (verdict, score) = Learned.Judge([400, 100, 900, 900, 81, 900]);
        Assert.Equal(DistanceVerdict.Inverted, verdict);
        Assert.Equal(10, score);
    }

    [Fact]
    public void All_nan_distances_are_out_of_distribution_with_an_infinite_score()
    {
        var (verdict, score) = Learned.Judge([double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN]);
        Assert.Equal(DistanceVerdict.OutOfDistribution, verdict);
        Assert.Equal(double.PositiveInfinity, score);
    }

    [Fact]
    public void All_nan_distances_are_out_of_distribution_whatever_the_reference_order()
    {
        // Nothing is near when nothing is finite: the first column (here a rotated reference) must not win by default.
        var rotatedFirst = Learned with { References = ["ROTATED_90_CW", "ROTATED_90_CCW", "INVERTED", "NORMAL", "PNEUMONIA"] };
        var (verdict, score) = rotatedFirst.Judge([double.NaN, double.NaN, double.NaN, double.NaN, double.NaN]);
        Assert.Equal(DistanceVerdict.OutOfDistribution, verdict);
        Assert.Equal(double.PositiveInfinity, score);
    }

    [Fact]
    public void A_nan_upright_distance_counts_as_infinitely_far()
    {
        var (verdict, score) = Learned.Judge([double.NaN, 4, 25, 25, 25, 25]);
        Assert.Equal((DistanceVerdict.InDistribution, 2.0), (verdict, score));

        (verdict, score) = Learned.Judge([double.NaN, double.NaN, 25, 36, 49, 64]);
        Assert.Equal(DistanceVerdict.Rotated, verdict);
        Assert.Equal(double.PositiveInfinity, score);
    }

    [Fact]
    public void A_slightly_negative_rounding_error_scores_zero()
    {
        var (verdict, score) = Learned.Judge([-1e-9, 4, 25, 25, 25, 25]);
        Assert.Equal(DistanceVerdict.InDistribution, verdict);
        Assert.Equal(0, score);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(0)]
    public void A_row_of_the_wrong_length_is_an_argument_error(int count)
    {
        var error = Assert.Throws<ArgumentException>(() => Learned.Judge(new double[count]));
        Assert.Equal("squaredDistances", error.ParamName);
        Assert.StartsWith($"Expected 6 distances; got {count}.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Judging_without_a_learned_guard_is_an_invalid_operation()
    {
        var error = Assert.Throws<InvalidOperationException>(() => InputGuardSpec.ImageChecksOnly.Judge([]));
        Assert.Equal("This input guard has no learned distances.", error.Message);
    }

    private static string Modified(Func<string, string> edit) => edit(Learned.ToJson());
}
