using System.Globalization;

namespace Cxr.Core.Text;

/// <summary>Byte counts for people, in decimal units (the limits are set in decimal: 20 MB = 20,000,000 bytes). Invariant
/// culture, so messages do not change with the host locale. The page's script formats the same way.</summary>
public static class ByteSize
{
    /// <summary>Up to two decimals: "20 MB", "25.5 MB", "5 kB", "999 bytes".</summary>
    public static string Format(long bytes) => bytes switch
    {
        >= 1_000_000 => (bytes / 1_000_000d).ToString("#,0.##", CultureInfo.InvariantCulture) + " MB",
        >= 1_000 => (bytes / 1_000d).ToString("#,0.##", CultureInfo.InvariantCulture) + " kB",
        _ => bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes",
    };

    /// <summary>"25,500,000 bytes (25.5 MB)": the exact count, plus <see cref="Format"/> when it reads differently.</summary>
    public static string FormatExact(long bytes) =>
        bytes >= 1_000 ? $"{bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes ({Format(bytes)})" : Format(bytes);
}
