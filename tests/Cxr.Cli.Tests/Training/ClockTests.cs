using Cxr.Cli.Training;

namespace Cxr.Cli.Tests.Training;

public sealed class ClockTests
{
    [Theory]
    [InlineData(75.4, "01:15")]
    [InlineData(3599, "59:59")]
    [InlineData(5387.6, "1:29:47")]
    public void Durations_keep_their_hours(double seconds, string expected) =>
        Assert.Equal(expected, Clock.FromSeconds(seconds));
}
