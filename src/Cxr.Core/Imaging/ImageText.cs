using System.Globalization;

namespace Cxr.Core.Imaging;

/// <summary>Number formatting for user-facing messages; invariant so messages do not change with the host locale. Byte
/// sizes are <see cref="Cxr.Core.Text.ByteSize"/>, shared with the web API.</summary>
internal static class ImageText
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Decimal megapixels, up to two decimals (three below 1 MP): "40", "10,000", "0.05", "0.002".</summary>
    public static string Megapixels(long pixels)
        => (pixels / 1_000_000d).ToString(pixels >= 1_000_000 ? "#,0.##" : "0.###", CultureInfo.InvariantCulture);
}
