namespace Cxr.Cli.Training;

/// <summary>Durations as people read them on a clock: <c>mm:ss</c> under an hour, <c>h:mm:ss</c> from one hour (a
/// notebook run takes more than one, and <c>mm:ss</c> alone would drop its hours).</summary>
internal static class Clock
{
    public static string Format(TimeSpan duration) =>
        duration.TotalHours >= 1 ? duration.ToString(@"h\:mm\:ss") : duration.ToString(@"mm\:ss");

    public static string FromSeconds(double seconds) => Format(TimeSpan.FromSeconds(seconds));
}
