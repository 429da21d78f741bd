using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cxr.Core.Imaging;

/// <summary>
/// The dark-border trim of the model's preprocessing (<see cref="PreprocessSpec.Trim"/>): before the resize,
/// <see cref="ImagePipeline"/> cuts away the rows and columns at the film's edges that are almost entirely black
/// (collimator shutters, a black letterbox or margin from a scanner or a screenshot), so the model sees the exposed
/// film at the same framing whether or not it came with a black surround. <see cref="None"/> (the default) cuts
/// nothing.
/// </summary>
/// <remarks>
/// <para>Rule, on the decoded 8-bit film (integers only, so the same on every CPU): a row is <em>dark</em> when at least
/// <see cref="MinDarkShare"/> of its pixels are ≤ <see cref="Level"/>. From the top and from the bottom, consecutive
/// dark rows are cut, at most <see cref="MaxSideShare"/> of the height on each side; then, over the rows that are left,
/// the same for columns from the left and the right. The share leaves room for noise and a marker in the border; the
/// cap keeps at least half of each side, so no film is cut to a sliver.</para>
/// <para>Immutable; equal trims compare equal. Made only through <see cref="None"/> and <see cref="Dark"/>.</para>
/// </remarks>
[JsonConverter(typeof(BorderTrimJsonConverter))]
public sealed record BorderTrim
{
    /// <summary>The default darkness level: 16 of 255 sits above a black border's JPEG ringing and sensor noise
    /// (σ ≈ 5 levels), and below the soft tissue of a chest film.</summary>
    public const int DefaultLevel = 16;

    /// <summary>The default share of dark pixels that makes a row or column part of the border.</summary>
    public const double DefaultMinDarkShare = 0.98;

    /// <summary>The default cap on each side: a quarter of the side.</summary>
    public const double DefaultMaxSideShare = 0.25;

    private BorderTrim(bool enabled, int level, double minDarkShare, double maxSideShare)
    {
        IsEnabled = enabled;
        Level = level;
        MinDarkShare = minDarkShare;
        MaxSideShare = maxSideShare;
    }

    /// <summary>No trim.</summary>
    public static BorderTrim None { get; } = new(false, 0, 0, 0);

    /// <summary>True unless this is <see cref="None"/>.</summary>
    public bool IsEnabled { get; }

    /// <summary>Pixels at or below this 8-bit value count as dark, 0 to 254; 0 for <see cref="None"/>.</summary>
    public int Level { get; }

    /// <summary>Share of a row's (column's) pixels that must be dark for it to be border, in (0, 1]; 0 for
    /// <see cref="None"/>.</summary>
    public double MinDarkShare { get; }

    /// <summary>Most of the side that may be cut from each edge, in (0, 0.5); 0 for <see cref="None"/>.</summary>
    public double MaxSideShare { get; }

    /// <summary>A dark-border trim with these parameters (the defaults when omitted).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    public static BorderTrim Dark(int level = DefaultLevel, double minDarkShare = DefaultMinDarkShare, double maxSideShare = DefaultMaxSideShare)
    {
        if (level is < 0 or > 254)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The trim's dark level must be 0 to 254.");
        }

        if (!(minDarkShare > 0 && minDarkShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(minDarkShare), minDarkShare, "The trim's dark share must be in (0, 1].");
        }

        if (!(maxSideShare > 0 && maxSideShare < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(maxSideShare), maxSideShare, "The trim's cap per side must be in (0, 0.5).");
        }

        return new BorderTrim(true, level, minDarkShare, maxSideShare);
    }

    /// <summary>The rectangle of <paramref name="image"/> that is kept (the whole image for <see cref="None"/> or when no
    /// edge is dark).</summary>
    public (int X, int Y, int Width, int Height) Find(GrayImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        int width = image.Width, height = image.Height;
        if (!IsEnabled)
        {
            return (0, 0, width, height);
        }

        var pixels = image.Pixels;
        var rowNeeds = DarkCountNeeded(width);
        var maxRows = (int)Math.Floor(height * MaxSideShare);
        var top = 0;
        while (top < maxRows && CountDark(pixels, top * width, 1, width) >= rowNeeds)
        {
            top++;
        }

        var bottom = 0;
        while (bottom < maxRows && CountDark(pixels, (height - 1 - bottom) * width, 1, width) >= rowNeeds)
        {
            bottom++;
        }

        var keptRows = height - top - bottom;
        var columnNeeds = DarkCountNeeded(keptRows);
        var maxColumns = (int)Math.Floor(width * MaxSideShare);
        var left = 0;
        while (left < maxColumns && CountDark(pixels, (top * width) + left, width, keptRows) >= columnNeeds)
        {
            left++;
        }

        var right = 0;
        while (right < maxColumns && CountDark(pixels, (top * width) + (width - 1 - right), width, keptRows) >= columnNeeds)
        {
            right++;
        }

        return (left, top, width - left - right, keptRows);
    }

    /// <summary>The kept part of <paramref name="image"/> (see <see cref="Find"/>): the same instance when nothing is cut,
    /// else a new image.</summary>
    public GrayImage Apply(GrayImage image)
    {
        var (x, y, w, h) = Find(image);
        if (w == image.Width && h == image.Height)
        {
            return image;
        }

        var kept = new byte[w * h];
        for (var row = 0; row < h; row++)
        {
            image.Pixels.AsSpan(((y + row) * image.Width) + x, w).CopyTo(kept.AsSpan(row * w, w));
        }

        return new GrayImage(w, h, kept);
    }

    /// <summary>"none" or e.g. "dark borders (≤ 16 on ≥ 98 % of a row or column, at most 25 % a side)".</summary>
    public override string ToString() => IsEnabled
        ? string.Create(CultureInfo.InvariantCulture, $"dark borders (≤ {Level} on ≥ {MinDarkShare * 100:0.##} % of a row or column, at most {MaxSideShare * 100:0.##} % a side)")
        : "none";

    /// <summary>Writes <c>{"method":"dark","level":16,"share":0.98,"max":0.25}</c> (or <c>{"method":"none"}</c>).</summary>
    internal void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("method", IsEnabled ? "dark" : "none");
        if (IsEnabled)
        {
            writer.WriteNumber("level", Level);
            writer.WriteNumber("share", MinDarkShare);
            writer.WriteNumber("max", MaxSideShare);
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads <see cref="WriteJson"/>'s object strictly: "method" is required; "level", "share" and "max" are
    /// required for "dark" and refused for "none"; nothing else is accepted.</summary>
    /// <param name="element">The value of the "trim" field.</param>
    /// <param name="context">Start of every error message, e.g. <c>"Preprocessing spec: "</c>.</param>
    /// <exception cref="FormatException">The value is not such an object; the message names the field.</exception>
    internal static BorderTrim ReadJson(JsonElement element, string context)
    {
        const string Example = "{\"method\":\"dark\",\"level\":16,\"share\":0.98,\"max\":0.25}";
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{context}\"trim\" must be an object such as {Example}; got {PreprocessSpec.Describe(element)}.");
        }

        string? method = null;
        int? level = null;
        double? share = null, max = null;
        foreach (var p in element.EnumerateObject())
        {
            switch (p.Name)
            {
                case "method":
                    method = p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() is "dark" or "none"
                        ? p.Value.GetString()
                        : throw new FormatException($"{context}\"trim.method\" must be \"dark\" or \"none\"; got {PreprocessSpec.Describe(p.Value)}.");
                    break;
                case "level":
                    level = p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out var l) && l is >= 0 and <= 254
                        ? l
                        : throw new FormatException($"{context}\"trim.level\" must be an integer from 0 to 254; got {PreprocessSpec.Describe(p.Value)}.");
                    break;
                case "share":
                    share = p.Value.ValueKind == JsonValueKind.Number && p.Value.GetDouble() is > 0 and <= 1
                        ? p.Value.GetDouble()
                        : throw new FormatException($"{context}\"trim.share\" must be a number in (0, 1]; got {PreprocessSpec.Describe(p.Value)}.");
                    break;
                case "max":
                    max = p.Value.ValueKind == JsonValueKind.Number && p.Value.GetDouble() is > 0 and < 0.5
                        ? p.Value.GetDouble()
                        : throw new FormatException($"{context}\"trim.max\" must be a number in (0, 0.5); got {PreprocessSpec.Describe(p.Value)}.");
                    break;
                default:
                    throw new FormatException($"{context}unsupported field \"trim.{p.Name}\" (known: method, level, share, max).");
            }
        }

        switch (method)
        {
            case null:
                throw new FormatException($"{context}\"trim\" needs a \"method\": \"dark\" or \"none\".");
            case "none":
                if (level is not null || share is not null || max is not null)
                {
                    throw new FormatException($"{context}\"trim\" with method \"none\" takes no parameters.");
                }

                return None;
            default:
                if (level is null || share is null || max is null)
                {
                    throw new FormatException($"{context}\"trim\" with method \"dark\" needs \"level\", \"share\" and \"max\", e.g. {Example}.");
                }

                return Dark(level.Value, share.Value, max.Value);
        }
    }

    // The smallest whole count of dark pixels that is at least MinDarkShare of n: one IEEE product, rounded once and
    // ceiled, so the same on every CPU.
    private int DarkCountNeeded(int n) => (int)Math.Ceiling(MinDarkShare * n);

    private int CountDark(byte[] pixels, int start, int stride, int count)
    {
        var dark = 0;
        var level = Level;
        for (int i = 0, at = start; i < count; i++, at += stride)
        {
            if (pixels[at] <= level)
            {
                dark++;
            }
        }

        return dark;
    }
}
