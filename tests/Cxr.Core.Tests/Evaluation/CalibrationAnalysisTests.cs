using Cxr.Core.Evaluation;

namespace Cxr.Core.Tests.Evaluation;

public class CalibrationAnalysisTests
{
    // Nine cases in ten bins of width 0.1:
    //   bin 0 [0.0, 0.1): 0.05 (y 0)                    → mean 0.05,  fraction 0,   gap 0.05,  n 1
    //   bin 1 [0.1, 0.2): 0.15 (y 1), 0.18 (y 0)        → mean 0.165, fraction 1/2, gap 0.335, n 2
    //   bin 3 [0.3, 0.4): 0.3 (y 0; on the lower edge)  → mean 0.3,   fraction 0,   gap 0.3,   n 1
    //   bin 6 [0.6, 0.7): 0.62 (y 1), 0.65 (y 1)        → mean 0.635, fraction 1,   gap 0.365, n 2
    //   bin 9 [0.9, 1.0]: 0.95 (y 1), 1.0 (y 1), 0.9 (y 0) → mean 2.85/3 = 0.95, fraction 2/3, gap 0.95 − 2/3, n 3
    // ECE = (1·0.05 + 2·0.335 + 1·0.3 + 2·0.365 + 3·(0.95 − 2/3)) / 9 = (0.05 + 0.67 + 0.3 + 0.73 + 0.85) / 9 = 2.6 / 9.
    private static readonly int[] Labels = [0, 1, 0, 0, 1, 1, 1, 1, 0];
    private static readonly double[] Probabilities = [0.05, 0.15, 0.18, 0.3, 0.62, 0.65, 0.95, 1.0, 0.9];

    [Fact]
    public void BrierScore_is_the_mean_squared_error()
    {
        // (0.1² + 0.2² + 0.4² + 0.5²) / 4 = (0.01 + 0.04 + 0.16 + 0.25) / 4 = 0.46 / 4 = 0.115.
        Assert.Equal(0.115, CalibrationAnalysis.BrierScore([1, 0, 1, 0], [0.9, 0.2, 0.6, 0.5]), 1e-12);
        Assert.Equal(0.0, CalibrationAnalysis.BrierScore([1, 0], [1.0, 0.0]));
        Assert.Equal(1.0, CalibrationAnalysis.BrierScore([1, 0], [0.0, 1.0]));
        Assert.True(double.IsNaN(CalibrationAnalysis.BrierScore([], [])));
    }

    [Fact]
    public void ExpectedCalibrationError_with_ten_bins_matches_hand_computation()
    {
        Assert.Equal(2.6 / 9.0, CalibrationAnalysis.ExpectedCalibrationError(Labels, Probabilities), 1e-12);
    }

    [Fact]
    public void ReliabilityBins_lists_every_bin_and_puts_one_in_the_last()
    {
        var bins = CalibrationAnalysis.ReliabilityBins(Labels, Probabilities);

        Assert.Equal(10, bins.Count);
        Assert.Equal([1, 2, 0, 1, 0, 0, 2, 0, 0, 3], bins.Select(b => b.Count));
        Assert.Equal(0.0, bins[0].Lower);
        Assert.Equal(1.0, bins[9].Upper);
        Assert.Equal(0.165, bins[1].MeanProbability, 1e-12);
        Assert.Equal(0.5, bins[1].FractionPositive, 1e-12);
        Assert.Equal(0.95, bins[9].MeanProbability, 1e-12);
        Assert.Equal(2.0 / 3.0, bins[9].FractionPositive, 1e-12);
        Assert.True(double.IsNaN(bins[2].MeanProbability));
        Assert.True(double.IsNaN(bins[2].FractionPositive));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(15)]
    [InlineData(7)]
    public void A_probability_on_an_edge_goes_in_the_bin_that_edge_starts(int binCount)
    {
        for (var k = 0; k < binCount; k++)
        {
            var edge = k / (double)binCount;
            var bins = CalibrationAnalysis.ReliabilityBins([1], [edge], binCount);
            Assert.Equal(1, bins[k].Count);
            Assert.Equal(edge, bins[k].Lower);
        }

        Assert.Equal(1, CalibrationAnalysis.ReliabilityBins([1], [1.0], binCount)[binCount - 1].Count);
    }

    [Fact]
    public void Perfectly_calibrated_bins_have_zero_error()
    {
        // Bin 2: four cases at 0.25 with one positive; bin 7: four at 0.75 with three positives.
        int[] labels = [1, 0, 0, 0, 1, 1, 1, 0];
        double[] probabilities = [0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75];
        Assert.Equal(0.0, CalibrationAnalysis.ExpectedCalibrationError(labels, probabilities), 1e-12);
    }

    [Fact]
    public void One_bin_compares_the_overall_mean_with_the_prevalence()
    {
        // Mean probability (0.05 + 0.15 + ... ) / 9 vs prevalence 5/9.
        var expected = Math.Abs(Probabilities.Average() - 5.0 / 9.0);
        Assert.Equal(expected, CalibrationAnalysis.ExpectedCalibrationError(Labels, Probabilities, bins: 1), 1e-12);
    }

    [Fact]
    public void Bin_count_below_one_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CalibrationAnalysis.ExpectedCalibrationError(Labels, Probabilities, 0));
    }
}
