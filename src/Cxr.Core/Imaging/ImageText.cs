using System.Globalization;

namespace Cxr.Core.Imaging;

/// <summary>Number formatting for user-facing messages; invariant so messages do not change with the host locale.</summary>
internal static class ImageText
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Decimal units with up to two decimals: "20 MB", "25.5 MB", "5 kB", "999 bytes".</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1_000_000 => (bytes / 1_000_000d).ToString("#,0.##", CultureInfo.InvariantCulture) + " MB",
        >= 1_000 => (bytes / 1_000d).ToString("#,0.##", CultureInfo.InvariantCulture) + " kB",
        _ => Count(bytes) + " bytes",
    };

    /// <summary>"The file is 25,500,000 bytes (25.5 MB)" — the exact count, plus a readable size when it helps.</summary>
    public static string ExactSize(long bytes) => bytes >= 1_000 ? $"{Count(bytes)} bytes ({Size(bytes)})" : Size(bytes);

    /// <summary>Decimal megapixels, up to two decimals (three below 1 MP): "40", "10,000", "0.05", "0.002".</summary>
    public static string Megapixels(long pixels)
        => (pixels / 1_000_000d).ToString(pixels >= 1_000_000 ? "#,0.##" : "0.###", CultureInfo.InvariantCulture);
}
