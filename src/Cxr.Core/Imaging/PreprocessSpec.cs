using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Cxr.Core.Imaging;

/// <summary>
/// Everything that decides what the model sees, stored with the model (as <c>ModelCard.Preprocess</c>)
/// so serving preprocesses exactly like training did.
/// </summary>
/// <param name="Size">Side of the square model input in pixels, <see cref="MinSize"/>..<see cref="MaxSize"/>.</param>
/// <param name="Mode">How a non-square image becomes square.</param>
/// <param name="Channels">1, or 3 for backbones that want RGB input (the gray plane repeated).</param>
/// <remarks>
/// Fixed parts of the recipe, written to the JSON so other runtimes can reproduce them: 8-bit BT.601 luminance
/// (<c>(19595 R + 38470 G + 7471 B + 32768) &gt;&gt; 16</c>, as libjpeg and Pillow <c>convert("L")</c>), alpha
/// composited over black, EXIF orientation applied, antialiased bilinear ("triangle") resampling computed like Pillow's
/// <c>Image.resize(..., BILINEAR)</c> in 8 bits, values <c>pixel / 255</c> in [0, 1], layout NCHW. The optional steps
/// are <see cref="Trim"/> before the resize and <see cref="Contrast"/> between the resize and the scaling.
/// </remarks>
public sealed record PreprocessSpec(int Size = 224, ResizeMode Mode = ResizeMode.Stretch, int Channels = 1)
{
    /// <summary>Smallest accepted <see cref="Size"/>.</summary>
    public const int MinSize = 8;

    /// <summary>Largest accepted <see cref="Size"/>.</summary>
    public const int MaxSize = 4096;

    /// <summary>The luminance recipe name written to JSON.</summary>
    public const string Luminance = "bt601";

    /// <summary>The resampling filter name written to JSON.</summary>
    public const string Filter = "bilinear-antialias";

    /// <summary>The tensor layout written to JSON.</summary>
    public const string Layout = "NCHW";

    /// <summary>The contrast normalisation applied to the resized 8-bit image before <c>pixel / 255</c>;
    /// <see cref="ContrastStep.None"/> (the default, and every model made before the option) leaves it as it is.</summary>
    public ContrastStep Contrast { get; init; } = ContrastStep.None;

    /// <summary>The dark-border trim applied to the decoded film before the resize; <see cref="BorderTrim.None"/> (the
    /// default, and every model made before the option) cuts nothing.</summary>
    public BorderTrim Trim { get; init; } = BorderTrim.None;

    /// <summary>Number of floats in one image's tensor: <c>Channels × Size × Size</c>.</summary>
    public int TensorLength => Channels * Size * Size;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless <see cref="Size"/>, <see cref="Mode"/>,
    /// <see cref="Channels"/> and <see cref="Contrast"/> are supported together (CLAHE needs tiles of at least 2 pixels:
    /// <c>2 × grid ≤ Size</c>), or <see cref="ArgumentNullException"/> when <see cref="Contrast"/> is null.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Size, MinSize, nameof(Size));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Size, MaxSize, nameof(Size));
        if (!Enum.IsDefined(Mode))
        {
            throw new ArgumentOutOfRangeException(nameof(Mode), Mode, "Unknown resize mode.");
        }

        if (Channels is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(Channels), Channels, "Channels must be 1 or 3.");
        }

        ArgumentNullException.ThrowIfNull(Contrast);
        ArgumentNullException.ThrowIfNull(Trim);
        if (Size < Contrast.MinimumSize)
        {
            throw new ArgumentOutOfRangeException(
                nameof(Contrast), Contrast, $"A {Contrast.Grid} × {Contrast.Grid} CLAHE grid needs a size of at least {Contrast.MinimumSize}; the size is {Size}.");
        }
    }

    /// <summary>
    /// Compact JSON, stable key order, e.g.
    /// <c>{"size":224,"mode":"stretch","channels":1,"luminance":"bt601","filter":"bilinear-antialias","range":[0,1],"layout":"NCHW"}</c>.
    /// A contrast step other than none is written after "filter", in the order the steps run, e.g.
    /// <c>"contrast":{"method":"clahe","clip":2,"grid":8}</c>, and a border trim after "luminance", e.g.
    /// <c>"trim":{"method":"dark","level":16,"share":0.98,"max":0.25}</c>; without them the JSON is exactly as before the
    /// options.
    /// </summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(160);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("size", Size);
            w.WriteString("mode", ModeName(Mode));
            w.WriteNumber("channels", Channels);
            w.WriteString("luminance", Luminance);
            if (Trim.IsEnabled)
            {
                w.WritePropertyName("trim");
                Trim.WriteJson(w);
            }

            w.WriteString("filter", Filter);
            if (!Contrast.IsNone)
            {
                w.WritePropertyName("contrast");
                Contrast.WriteJson(w);
            }

            w.WriteStartArray("range");
            w.WriteNumberValue(0);
            w.WriteNumberValue(1);
            w.WriteEndArray();
            w.WriteString("layout", Layout);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Parses <see cref="ToJson"/> output. <c>size</c> and <c>mode</c> are required; <c>channels</c> defaults to 1;
    /// <c>contrast</c> defaults to none and, when present, is read strictly (see <see cref="ContrastStep"/>: "method"
    /// none, histeq or clahe; "clip" and "grid" for clahe only), and so does <c>trim</c> (see <see cref="BorderTrim"/>);
    /// <c>luminance</c>, <c>filter</c>, <c>range</c> and
    /// <c>layout</c> may be omitted but, when present, must name this recipe. Unknown keys are refused (they would mean a
    /// preprocessing this code does not implement).
    /// </summary>
    /// <exception cref="FormatException">The text is not JSON, or a value is missing, mistyped or unsupported; the
    /// message names the field and the accepted values.</exception>
    public static PreprocessSpec FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The preprocessing spec is not valid JSON: {e.Message}", e);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"The preprocessing spec must be a JSON object; got {Describe(root)}.");
            }

            int? size = null;
            ResizeMode? mode = null;
            var channels = 1;
            var contrast = ContrastStep.None;
            var trim = BorderTrim.None;
            foreach (var p in root.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "size":
                        size = ReadInt(p);
                        if (size is < MinSize or > MaxSize)
                        {
                            throw new FormatException(
                                $"Preprocessing spec: \"size\" must be between {MinSize} and {MaxSize}; got {size}.");
                        }

                        break;
                    case "mode":
                        mode = ReadString(p) switch
                        {
                            "stretch" => ResizeMode.Stretch,
                            "letterbox" => ResizeMode.Letterbox,
                            var other => throw new FormatException(
                                $"Preprocessing spec: \"mode\" must be \"stretch\" or \"letterbox\"; got \"{other}\"."),
                        };
                        break;
                    case "channels":
                        channels = ReadInt(p);
                        if (channels is not (1 or 3))
                        {
                            throw new FormatException($"Preprocessing spec: \"channels\" must be 1 or 3; got {channels}.");
                        }

                        break;
                    case "luminance":
                        RequireString(p, Luminance);
                        break;
                    case "filter":
                        RequireString(p, Filter);
                        break;
                    case "layout":
                        RequireString(p, Layout);
                        break;
                    case "range":
                        RequireRange(p);
                        break;
                    case "contrast":
                        contrast = ContrastStep.ReadJson(p.Value, "Preprocessing spec: ");
                        break;
                    case "trim":
                        trim = BorderTrim.ReadJson(p.Value, "Preprocessing spec: ");
                        break;
                    default:
                        throw new FormatException(
                            $"Preprocessing spec: unsupported field \"{p.Name}\" (known: size, mode, channels, luminance, trim, filter, contrast, range, layout).");
                }
            }

            if (size is null)
            {
                throw new FormatException("Preprocessing spec: the required field \"size\" is missing.");
            }

            if (mode is null)
            {
                throw new FormatException("Preprocessing spec: the required field \"mode\" is missing.");
            }

            if (size < contrast.MinimumSize)
            {
                throw new FormatException(
                    $"Preprocessing spec: \"contrast.grid\" {contrast.Grid} needs a \"size\" of at least {contrast.MinimumSize} (CLAHE tiles of 2 pixels or more); got {size}.");
            }

            return new PreprocessSpec(size.Value, mode.Value, channels) { Contrast = contrast, Trim = trim };
        }
    }

    private static string ModeName(ResizeMode mode) => mode switch
    {
        ResizeMode.Stretch => "stretch",
        ResizeMode.Letterbox => "letterbox",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown resize mode."),
    };

    private static int ReadInt(JsonProperty p)
    {
        if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetInt32(out var value))
        {
            throw new FormatException($"Preprocessing spec: \"{p.Name}\" must be an integer; got {Describe(p.Value)}.");
        }

        return value;
    }

    private static string ReadString(JsonProperty p)
    {
        if (p.Value.ValueKind != JsonValueKind.String)
        {
            throw new FormatException($"Preprocessing spec: \"{p.Name}\" must be a string; got {Describe(p.Value)}.");
        }

        return p.Value.GetString()!;
    }

    private static void RequireString(JsonProperty p, string expected)
    {
        var value = ReadString(p);
        if (value != expected)
        {
            throw new FormatException(
                $"Preprocessing spec: \"{p.Name}\" \"{value}\" is not supported; this version implements only \"{expected}\".");
        }
    }

    private static void RequireRange(JsonProperty p)
    {
        var v = p.Value;
        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() != 2 ||
            v[0].ValueKind != JsonValueKind.Number || v[1].ValueKind != JsonValueKind.Number ||
            v[0].GetDouble() != 0 || v[1].GetDouble() != 1)
        {
            throw new FormatException(
                $"Preprocessing spec: \"range\" must be [0,1] (pixel / 255); got {v.GetRawText()}.");
        }
    }

    /// <summary>A JSON value as an error message names it: <c>the string "x"</c>, <c>the number 2</c>, <c>an array</c>….</summary>
    internal static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{e.GetString()}\"",
        JsonValueKind.Number => "the number " + e.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => e.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
