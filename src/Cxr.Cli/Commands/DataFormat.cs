using System.Globalization;

namespace Cxr.Cli.Commands;

/// <summary>Number formats of the data tables (invariant culture, so output is the same on every machine).</summary>
internal static class DataFormat
{
    public static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A fraction in [0, 1] as a percentage with one decimal, without the sign.</summary>
    public static string Percent(double fraction) => (100 * fraction).ToString("0.0", CultureInfo.InvariantCulture);

    public static string Mean(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
