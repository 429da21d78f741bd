using System.Buffers.Binary;
using Cxr.Benchmarks.Imaging;
using Cxr.Core.Imaging;
using Cxr.Core.Imaging.Dicom.Writing;
using SkiaSharp;

namespace Cxr.Benchmarks.Dicom;

/// <summary>
/// The films the DICOM decode benchmark reads, made by real encoders in a temporary folder: the first shared
/// <c>train/NORMAL</c> film upscaled (Mitchell) to <see cref="Columns"/> × <see cref="Rows"/>, stored as 12 of 16 bits
/// (16 levels per gray level plus seeded uniform noise of 0–15 levels, about the 4 noisy low bits of a real 12-bit
/// computed radiograph, so the entropy coder has real work) in a native CR object written by
/// <see cref="DicomPart10Writer"/> with a window of 2048/4096, then compressed by DCMTK <c>dcmcjpeg +e1</c> (JPEG
/// lossless, first-order prediction, 1.2.840.10008.1.2.4.70) and GDCM <c>gdcmconv --j2k</c> (JPEG 2000 reversible,
/// 1.2.840.10008.1.2.4.90). Also a 16 × 16 native object, to time the tools' own start-up.
/// </summary>
internal sealed class DicomBenchmarkFilms : IDisposable
{
    /// <summary>Columns of the large film.</summary>
    public const int Columns = 2000;

    /// <summary>Rows of the large film (2,000 × 2,500 = 5 MP, a 35 × 43 cm plate at about 175 µm).</summary>
    public const int Rows = 2500;

    private const string Dcmcjpeg = "/usr/bin/dcmcjpeg";

    private DicomBenchmarkFilms(string directory) => Directory = directory;

    /// <summary>The temporary folder holding the files (deleted by <see cref="Dispose"/>).</summary>
    public string Directory { get; }

    /// <summary>The native (uncompressed) 12-bit film.</summary>
    public string Native => Path.Combine(Directory, "film12-native.dcm");

    /// <summary>The JPEG lossless (.70) film.</summary>
    public string JpegLossless => Path.Combine(Directory, "film12-jpeg-lossless.dcm");

    /// <summary>The JPEG 2000 reversible (.90) film.</summary>
    public string Jpeg2000 => Path.Combine(Directory, "film12-j2k.dcm");

    /// <summary>A 16 × 16 native film: what the tools take to start, read a file and write one.</summary>
    public string Tiny => Path.Combine(Directory, "tiny-native.dcm");

    /// <summary>Makes the files.</summary>
    /// <exception cref="InvalidOperationException">DCMTK or GDCM is missing (<c>scripts/setup.sh dicom</c>), or an
    /// encoder failed.</exception>
    public static DicomBenchmarkFilms Create()
    {
        foreach (var tool in new[] { Dcmcjpeg, DicomTools.Gdcmconv, DicomTools.Dcmj2pnm })
        {
            if (!File.Exists(tool))
            {
                throw new InvalidOperationException($"{tool} is missing: run scripts/setup.sh dicom (apt-get install dcmtk libgdcm-tools).");
            }
        }

        var films = new DicomBenchmarkFilms(System.IO.Directory.CreateTempSubdirectory("cxr-bench-dicom-").FullName);
        var gray = new ImagePipeline(new PreprocessSpec(224)).DecodeGray(File.ReadAllBytes(BenchmarkData.First224Jpeg()));
        File.WriteAllBytes(films.Native, Film(Upscale(gray, Columns, Rows), Columns, Rows, noiseSeed: 12));
        File.WriteAllBytes(films.Tiny, Film(Upscale(gray, 16, 16), 16, 16, noiseSeed: 16));
        DicomTools.MustRun(Dcmcjpeg, "+e1", films.Native, films.JpegLossless);
        DicomTools.MustRun(DicomTools.Gdcmconv, "--j2k", films.Native, films.Jpeg2000);
        return films;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static byte[] Upscale(GrayImage gray, int columns, int rows)
    {
        using var source = new SKBitmap(new SKImageInfo(gray.Width, gray.Height, SKColorType.Gray8, SKAlphaType.Opaque));
        gray.Pixels.CopyTo(source.GetPixelSpan());
        using var large = source.Resize(new SKImageInfo(columns, rows, SKColorType.Gray8, SKAlphaType.Opaque), new SKSamplingOptions(SKCubicResampler.Mitchell))
            ?? throw new InvalidOperationException("SkiaSharp could not upscale the benchmark film.");
        return large.GetPixelSpan().ToArray();
    }

    private static byte[] Film(byte[] gray8, int columns, int rows, int noiseSeed)
    {
        var random = new Random(noiseSeed);
        var words = new byte[gray8.Length * 2];
        for (var i = 0; i < gray8.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(words.AsSpan(2 * i), (ushort)((gray8[i] * 16) + random.Next(16)));
        }

        const string ComputedRadiography = "1.2.840.10008.5.1.4.1.1.1";
        var instance = DicomUid.Create();
        var data = new DicomOutputDataSet()
            .Text(0x0008_0016, "UI", ComputedRadiography)
            .Text(0x0008_0018, "UI", instance)
            .Text(0x0008_0060, "CS", "CR")
            .Text(0x0010_0010, "PN", "BENCHMARK^FILM")
            .Text(0x0010_0020, "LO", "BENCH-1")
            .Text(0x0018_0015, "CS", "CHEST")
            .Text(0x0018_5101, "CS", "PA")
            .Text(0x0020_000D, "UI", DicomUid.Create())
            .Text(0x0020_000E, "UI", DicomUid.Create())
            .UnsignedShort(0x0028_0002, 1)
            .Text(0x0028_0004, "CS", "MONOCHROME2")
            .UnsignedShort(0x0028_0010, (ushort)rows)
            .UnsignedShort(0x0028_0011, (ushort)columns)
            .UnsignedShort(0x0028_0100, 16)
            .UnsignedShort(0x0028_0101, 12)
            .UnsignedShort(0x0028_0102, 11)
            .UnsignedShort(0x0028_0103, 0)
            .Text(0x0028_1050, "DS", "2048")
            .Text(0x0028_1051, "DS", "4096")
            .Binary(0x7FE0_0010, "OW", words);
        return DicomPart10Writer.Write(data, ComputedRadiography, instance);
    }
}
