using Cxr.Core.Data;

namespace Cxr.Core.Tests.Data;

public sealed class SplitRatiosTests
{
    [Theory]
    [InlineData("80,10,10", 80, 10, 10)]
    [InlineData(" 70 , 15 , 15 ", 70, 15, 15)]
    [InlineData("90,10,0", 90, 10, 0)]
    [InlineData("33.34,33.33,33.33", 33.34, 33.33, 33.33)]
    [InlineData("100,0,0", 100, 0, 0)]
    public void Parses_percentages(string text, double train, double val, double test)
    {
        Assert.Equal(new SplitRatios(train, val, test), SplitRatios.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("80,20")]
    [InlineData("80,10,10,0")]
    [InlineData("80,10,5")]
    [InlineData("110,-5,-5")]
    [InlineData("a,b,c")]
    [InlineData("80;10;10")]
    [InlineData("NaN,10,10")]
    [InlineData("0.8,0.1,0.1")]
    public void Rejects_anything_else_with_the_rule_and_the_input(string text)
    {
        var ex = Assert.Throws<DatasetException>(() => SplitRatios.Parse(text));
        Assert.Equal($"ratios must be three non-negative numbers that sum to 100, e.g. 80,10,10 (got '{text}').", ex.Message);
    }

    [Fact]
    public void Default_is_80_10_10_and_weights_normalise()
    {
        Assert.Equal(new SplitRatios(80, 10, 10), SplitRatios.Default);
        Assert.Equal([0.8, 0.1, 0.1], SplitRatios.Default.Normalized());
        Assert.Equal([0.8, 0.1, 0.1], new SplitRatios(8, 1, 1).Normalized());
        Assert.Equal("80/10/10", SplitRatios.Default.ToString());
    }

    [Fact]
    public void Splitter_rejects_unusable_weights()
    {
        Assert.Throws<DatasetException>(() => new PatientGroupedSplitter(new SplitRatios(0, 0, 0)));
        Assert.Throws<DatasetException>(() => new PatientGroupedSplitter(new SplitRatios(80, -10, 30)));
        Assert.Throws<DatasetException>(() => new PatientGroupedSplitter(new SplitRatios(double.NaN, 10, 10)));
    }
}
