using Cxr.Core.Imaging;
using Cxr.Testing.BadInputs;
using Cxr.Testing.Dicom;
using Cxr.Testing.Images;
using SkiaSharp;

namespace Cxr.Testing.Fuzzing;

/// <summary>
/// The valid images a fuzz run mutates: real JPEGs of the shared data set (as stored: 224 × 224 RGB baseline), some
/// re-encoded in memory as gray JPEG, 8-bit gray PNG and RGB PNG, so every decoder path the service uses is covered;
/// and one synthetic film per kind of big ancillary data in every supported format (<see cref="BigAncillaryImages"/>:
/// PNG text, private and ICC chunks, JPEG COM/APP segments, GIF comment and application extensions, a WebP chunk, a BMP
/// gap), so mutations also reach the paths that skip or drop such data. Nothing is written to disk; the data set is
/// never copied.
/// </summary>
public sealed class FuzzCorpus
{
    private FuzzCorpus(IReadOnlyList<FuzzSeed> seeds) => Seeds = seeds;

    /// <summary>The seed images, in a fixed order for a given <c>seed</c>.</summary>
    public IReadOnlyList<FuzzSeed> Seeds { get; }

    /// <summary>1 MB of ancillary data per big-ancillary seed: the default runs stay fast (15 such seeds, 15 MB).</summary>
    public const int DefaultAncillaryBytes = 1_000_000;

    /// <summary>8 MB per big-ancillary seed, for the <c>Category=Long</c> runs.</summary>
    public const int LongAncillaryBytes = 8_000_000;

    /// <summary>Picks <paramref name="files"/> shared JPEGs (train and val, both classes) with a seeded shuffle; the
    /// first quarter are also re-encoded as gray PNG, the second quarter as RGB PNG, the third as gray JPEG. Then adds
    /// the big-ancillary seeds, each carrying about <paramref name="ancillaryBytes"/> bytes of such data.</summary>
    public static FuzzCorpus Load(int files, int seed, int ancillaryBytes = DefaultAncillaryBytes)
    {
        var all = Directory.GetFiles(TestData.DataRoot, "*.jpeg", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        new Random(seed).Shuffle(all);
        var chosen = all.Take(files).ToArray();
        var seeds = new List<FuzzSeed>();
        var quarter = Math.Max(1, files / 4);
        for (var i = 0; i < chosen.Length; i++)
        {
            var name = Path.GetFileNameWithoutExtension(chosen[i]);
            var jpeg = File.ReadAllBytes(chosen[i]);
            seeds.Add(new FuzzSeed($"jpeg:{name}", jpeg, IsPng: false));
            switch (i / quarter)
            {
                case 0:
                    seeds.Add(new FuzzSeed($"png-gray:{name}", EncodeGray(jpeg, SKEncodedImageFormat.Png), IsPng: true));
                    break;
                case 1:
                    seeds.Add(new FuzzSeed($"png-rgb:{name}", EncodeRgb(jpeg), IsPng: true));
                    break;
                case 2:
                    seeds.Add(new FuzzSeed($"jpeg-gray:{name}", EncodeGray(jpeg, SKEncodedImageFormat.Jpeg), IsPng: false));
                    break;
            }
        }

        foreach (var name in BigAncillaryImages.Names)
        {
            seeds.Add(new FuzzSeed($"big-{name.Replace(' ', '-')}:{ancillaryBytes / 1e6:0.#}MB", BigAncillaryImages.Create(name, ancillaryBytes), IsPng: name.StartsWith("png", StringComparison.Ordinal)));
        }

        return new FuzzCorpus(seeds);
    }

    /// <summary>The DICOM seeds: a drawn 256 × 256 DX chest film in Explicit and Implicit VR Little Endian, with private
    /// sequences nested 5 deep, as a lateral view of an adult, and a real film of the shared data set
    /// (<see cref="DicomFilms"/>). Their mutations rewrite declared lengths (<see cref="FuzzSeed.IsDicom"/>) besides the
    /// format-blind ones, so the parser's length checks, the sequence walk and the header gate all get malformed input.</summary>
    public static FuzzCorpus Dicom() => new(
    [
        new FuzzSeed("dicom-explicit", DicomBadInputs.Film(), IsPng: false, IsDicom: true),
        new FuzzSeed("dicom-implicit", DicomBadInputs.Film(transferSyntax: DicomBuilder.ImplicitLittle), IsPng: false, IsDicom: true),
        new FuzzSeed("dicom-nested-5", DicomBadInputs.Film(beforePixels: DicomBuilder.NestedSequences(explicitVr: true, 5)), IsPng: false, IsDicom: true),
        new FuzzSeed("dicom-lateral-adult", DicomBadInputs.Film(b => b.Text(0x0010, 0x1010, "AS", "040Y").Text(0x0018, 0x5101, "CS", "LL")), IsPng: false, IsDicom: true),
        new FuzzSeed($"dicom-film:{DicomFilms.SourceFilm}", DicomFilms.Create(), IsPng: false, IsDicom: true),
    ]);

    private static byte[] EncodeGray(byte[] jpeg, SKEncodedImageFormat format)
    {
        var gray = new ImagePipeline(new PreprocessSpec(224)).DecodeGray(jpeg);
        var info = new SKImageInfo(gray.Width, gray.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        using var pixels = SKData.CreateCopy(gray.Pixels);
        using var image = SKImage.FromPixels(info, pixels, gray.Width);
        using var encoded = image.Encode(format, 90);
        return encoded.ToArray();
    }

    private static byte[] EncodeRgb(byte[] jpeg)
    {
        using var bitmap = SKBitmap.Decode(jpeg);
        using var encoded = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return encoded.ToArray();
    }
}
