using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cxr.Core.Imaging;

/// <summary>
/// The contrast normalisation of the model's preprocessing (<see cref="PreprocessSpec.Contrast"/>): applied by
/// <see cref="ImagePipeline"/> to the resized <c>Size × Size</c> 8-bit image, after the resize and before
/// <c>pixel / 255</c>, identically in training and serving. <see cref="None"/> (the default) leaves the image as it is.
/// </summary>
/// <remarks>Immutable; equal steps compare equal. Made only through <see cref="None"/>,
/// <see cref="HistogramEqualization"/> and <see cref="Clahe"/>, so the CLAHE parameters exist exactly when the method is
/// CLAHE.</remarks>
[JsonConverter(typeof(ContrastStepJsonConverter))]
public sealed record ContrastStep
{
    /// <summary>OpenCV's usual clip limit for radiographs, <c>createCLAHE(clipLimit=2.0)</c>.</summary>
    public const double DefaultClipLimit = 2.0;

    /// <summary>OpenCV's default tile grid, <c>tileGridSize=(8, 8)</c>.</summary>
    public const int DefaultGrid = 8;

    /// <summary>Largest accepted clip limit (at 256 a bin may hold every pixel of its tile: no clipping at all).</summary>
    public const double MaxClipLimit = 256;

    /// <summary>Largest accepted tile grid.</summary>
    public const int MaxGrid = 64;

    /// <summary>The method names used in JSON and on the command line, in <see cref="ContrastMethod"/> order.</summary>
    public static readonly IReadOnlyList<string> Names = ["none", "histeq", "clahe"];

    private ContrastStep(ContrastMethod method, double clipLimit, int grid)
    {
        Method = method;
        ClipLimit = clipLimit;
        Grid = grid;
    }

    /// <summary>No contrast step.</summary>
    public static ContrastStep None { get; } = new(ContrastMethod.None, 0, 0);

    /// <summary>Global histogram equalisation (<see cref="HistogramEqualizer"/>).</summary>
    public static ContrastStep HistogramEqualization { get; } = new(ContrastMethod.HistogramEqualization, 0, 0);

    /// <summary>The method.</summary>
    public ContrastMethod Method { get; }

    /// <summary>CLAHE clip limit in OpenCV's convention (multiple of the uniform bin height), in (0, 256]; 0 unless the
    /// method is <see cref="ContrastMethod.Clahe"/>.</summary>
    public double ClipLimit { get; }

    /// <summary>CLAHE tiles per side (<c>Grid × Grid</c> tiles), 1 to 64; 0 unless the method is
    /// <see cref="ContrastMethod.Clahe"/>.</summary>
    public int Grid { get; }

    /// <summary>True for <see cref="None"/>.</summary>
    public bool IsNone => Method == ContrastMethod.None;

    /// <summary>The method's name: "none", "histeq" or "clahe".</summary>
    public string Name => Names[(int)Method];

    /// <summary>CLAHE with <paramref name="clipLimit"/> and a <paramref name="grid"/> × <paramref name="grid"/> tile grid
    /// (<see cref="ClaheEqualizer"/>); the defaults are OpenCV's <c>createCLAHE(clipLimit=2.0, tileGridSize=(8, 8))</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The clip limit is not in (0, 256] or the grid not in 1..64.</exception>
    public static ContrastStep Clahe(double clipLimit = DefaultClipLimit, int grid = DefaultGrid)
    {
        CheckClaheParameters(clipLimit, grid);
        return new ContrastStep(ContrastMethod.Clahe, clipLimit, grid);
    }

    /// <summary>The step named <paramref name="name"/> ("none", "histeq" or "clahe"; CLAHE with the default parameters),
    /// or null for any other text.</summary>
    public static ContrastStep? FromName(string? name) => name switch
    {
        "none" => None,
        "histeq" => HistogramEqualization,
        "clahe" => Clahe(),
        _ => null,
    };

    /// <summary>Applies the step to <paramref name="image"/>: <see cref="None"/> returns the same instance, any other
    /// method a new image of the same size.</summary>
    /// <exception cref="ArgumentException">CLAHE: the image is smaller than 2 pixels per tile on a side.</exception>
    public GrayImage Apply(GrayImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (IsNone)
        {
            return image;
        }

        var pixels = new byte[image.Pixels.Length];
        Apply(image.Pixels, pixels, image.Width, image.Height);
        return new GrayImage(image.Width, image.Height, pixels);
    }

    /// <summary>Writes the step applied to <paramref name="source"/> (row-major <paramref name="width"/> ×
    /// <paramref name="height"/>) into <paramref name="destination"/> (same size, not overlapping); <see cref="None"/>
    /// copies.</summary>
    /// <exception cref="ArgumentException">A span does not hold <c>width × height</c> pixels, or (CLAHE) the image is
    /// smaller than 2 pixels per tile on a side.</exception>
    public void Apply(ReadOnlySpan<byte> source, Span<byte> destination, int width, int height)
    {
        switch (Method)
        {
            case ContrastMethod.Clahe:
                ClaheEqualizer.Equalize(source, destination, width, height, ClipLimit, Grid);
                break;
            default:
                if (source.Length != (long)width * height || destination.Length != source.Length)
                {
                    throw new ArgumentException(
                        $"A {width} × {height} image needs {(long)width * height} pixels in the source and the destination; they hold {source.Length} and {destination.Length}.",
                        nameof(destination));
                }

                if (IsNone)
                {
                    source.CopyTo(destination);
                }
                else
                {
                    HistogramEqualizer.Equalize(source, destination);
                }

                break;
        }
    }

    /// <summary>"none", "histeq (global histogram equalisation)" or e.g. "clahe (clip limit 2, 8 × 8 tiles)".</summary>
    public override string ToString() => Method switch
    {
        ContrastMethod.None => "none",
        ContrastMethod.HistogramEqualization => "histeq (global histogram equalisation)",
        _ => string.Create(CultureInfo.InvariantCulture, $"clahe (clip limit {ClipLimit:0.###}, {Grid} × {Grid} tiles)"),
    };

    /// <summary>The smallest model input side this step accepts: CLAHE needs tiles of at least 2 pixels.</summary>
    internal int MinimumSize => Method == ContrastMethod.Clahe ? 2 * Grid : 1;

    internal static void CheckClaheParameters(double clipLimit, int grid)
    {
        if (!(clipLimit > 0 && clipLimit <= MaxClipLimit))
        {
            throw new ArgumentOutOfRangeException(nameof(clipLimit), clipLimit, $"The CLAHE clip limit must be in (0, {MaxClipLimit}].");
        }

        if (grid is < 1 or > MaxGrid)
        {
            throw new ArgumentOutOfRangeException(nameof(grid), grid, $"The CLAHE grid must be 1 to {MaxGrid} tiles per side.");
        }
    }

    /// <summary>Writes <c>{"method":"histeq"}</c> or <c>{"method":"clahe","clip":2,"grid":8}</c> (and
    /// <c>{"method":"none"}</c>).</summary>
    internal void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("method", Name);
        if (Method == ContrastMethod.Clahe)
        {
            writer.WriteNumber("clip", ClipLimit);
            writer.WriteNumber("grid", Grid);
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads <see cref="WriteJson"/>'s object strictly: "method" is required, "clip" and "grid" are required
    /// for CLAHE and refused otherwise, nothing else is accepted.</summary>
    /// <param name="element">The value of the "contrast" field.</param>
    /// <param name="context">Start of every error message, e.g. <c>"Preprocessing spec: "</c>.</param>
    /// <exception cref="FormatException">The value is not such an object; the message names the field and the accepted
    /// values.</exception>
    internal static ContrastStep ReadJson(JsonElement element, string context)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException(
                $"{context}\"contrast\" must be an object such as {{\"method\":\"clahe\",\"clip\":2,\"grid\":8}}; got {PreprocessSpec.Describe(element)}.");
        }

        string? method = null;
        double? clip = null;
        int? grid = null;
        foreach (var p in element.EnumerateObject())
        {
            switch (p.Name)
            {
                case "method":
                    method = p.Value.ValueKind == JsonValueKind.String
                        ? p.Value.GetString()!
                        : throw new FormatException($"{context}\"contrast.method\" must be a string; got {PreprocessSpec.Describe(p.Value)}.");
                    if (!Names.Contains(method))
                    {
                        throw new FormatException(
                            $"{context}\"contrast.method\" must be \"none\", \"histeq\" or \"clahe\"; got \"{method}\".");
                    }

                    break;
                case "clip":
                    clip = p.Value.ValueKind == JsonValueKind.Number && p.Value.GetDouble() is > 0 and <= MaxClipLimit
                        ? p.Value.GetDouble()
                        : throw new FormatException(
                            $"{context}\"contrast.clip\" must be a number in (0, {MaxClipLimit}]; got {PreprocessSpec.Describe(p.Value)}.");
                    break;
                case "grid":
                    grid = p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out var g) && g is >= 1 and <= MaxGrid
                        ? g
                        : throw new FormatException(
                            $"{context}\"contrast.grid\" must be an integer from 1 to {MaxGrid}; got {PreprocessSpec.Describe(p.Value)}.");
                    break;
                default:
                    throw new FormatException($"{context}unsupported field \"contrast.{p.Name}\" (known: method, clip, grid).");
            }
        }

        switch (method)
        {
            case null:
                throw new FormatException($"{context}\"contrast\" needs a \"method\": \"none\", \"histeq\" or \"clahe\".");
            case "clahe":
                if (clip is null || grid is null)
                {
                    throw new FormatException(
                        $"{context}\"contrast\" with method \"clahe\" needs both \"clip\" and \"grid\", e.g. {{\"method\":\"clahe\",\"clip\":2,\"grid\":8}}.");
                }

                return Clahe(clip.Value, grid.Value);
            default:
                if (clip is not null || grid is not null)
                {
                    throw new FormatException(
                        $"{context}\"contrast.{(clip is not null ? "clip" : "grid")}\" applies only to method \"clahe\"; the method is \"{method}\".");
                }

                return method == "none" ? None : HistogramEqualization;
        }
    }
}
