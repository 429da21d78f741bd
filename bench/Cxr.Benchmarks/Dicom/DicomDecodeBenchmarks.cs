using BenchmarkDotNet.Attributes;
using Cxr.Core.Imaging;

namespace Cxr.Benchmarks.Dicom;

/// <summary>
/// Issue #13's speed check: a 2,000 × 2,500 12-bit film (see <see cref="DicomBenchmarkFilms"/>) from its file to the
/// model input — <see cref="ImagePipeline.ProcessFile(string)"/> (read, parse, decode, window, 8-bit, resize to 224 px)
/// plus <see cref="ImagePipeline.ToTensor"/> — against the reference decoders on the same file in the same run, each
/// as its users run it, one process per file: DCMTK <c>dcmj2pnm +Wi 1</c> (decode, the file's window, an 8-bit PGM of
/// the full film: no resize, so less work than ours) and GDCM <c>gdcmconv --raw</c> (decode to a native DICOM file;
/// DCMTK has no JPEG 2000 decoder). Outputs go to <c>/dev/shm</c>. The <c>start-up</c> group times the same commands
/// on a 16 × 16 film: the part of a tool's time that is process start, reading and writing, not decoding. Everything is one thread.
/// Run: <c>dotnet run -c Release --project bench/Cxr.Benchmarks -- --filter '*DicomDecode*'</c>.
/// </summary>
[Config(typeof(DicomDecodeBenchmarkConfig))]
[MemoryDiagnoser(false)]
public class DicomDecodeBenchmarks
{
    private const string JpegLosslessGroup = "JPEG lossless (.70), 12-bit 2000x2500";
    private const string Jpeg2000Group = "JPEG 2000 (.90), 12-bit 2000x2500";
    private const string StartupGroup = "start-up: native 16x16";

    private readonly string pgm = $"/dev/shm/cxr-bench-{Environment.ProcessId}.pgm";
    private readonly string raw = $"/dev/shm/cxr-bench-{Environment.ProcessId}.dcm";
    private readonly float[] tensor = new float[224 * 224];
    private DicomBenchmarkFilms films = null!;
    private ImagePipeline pipeline = null!;

    [GlobalSetup]
    public void Setup()
    {
        films = DicomBenchmarkFilms.Create();
        pipeline = new ImagePipeline(new PreprocessSpec(224));
        // Both codecs are lossless: a row that decoded wrongly would time the wrong thing, so check first.
        var native = pipeline.ProcessFile(films.Native).Resized.Pixels;
        foreach (var file in new[] { films.Native, films.JpegLossless, films.Jpeg2000 })
        {
            if (!pipeline.ProcessFile(file).Resized.Pixels.AsSpan().SequenceEqual(native))
            {
                throw new InvalidOperationException($"{Path.GetFileName(file)} does not decode to the native film's model input.");
            }

            Console.WriteLine($"// {Path.GetFileName(file)}: {new FileInfo(file).Length:N0} bytes, same model input as the native film");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        films.Dispose();
        File.Delete(pgm);
        File.Delete(raw);
    }

    [Benchmark(Baseline = true, Description = "DCMTK dcmj2pnm +Wi 1 (to 8-bit PGM, full size)")]
    [BenchmarkCategory(JpegLosslessGroup)]
    public void JpegLossless_dcmj2pnm() => DicomTools.MustRun(DicomTools.Dcmj2pnm, "+Wi", "1", films.JpegLossless, pgm);

    [Benchmark(Description = "GDCM gdcmconv --raw (to native DICOM)")]
    [BenchmarkCategory(JpegLosslessGroup)]
    public void JpegLossless_gdcmconv() => DicomTools.MustRun(DicomTools.Gdcmconv, "--raw", films.JpegLossless, raw);

    [Benchmark(Description = "cxr ImagePipeline (to 224 px model input)")]
    [BenchmarkCategory(JpegLosslessGroup)]
    public float JpegLossless_cxr() => ToModelInput(films.JpegLossless);

    [Benchmark(Baseline = true, Description = "GDCM gdcmconv --raw (to native DICOM)")]
    [BenchmarkCategory(Jpeg2000Group)]
    public void Jpeg2000_gdcmconv() => DicomTools.MustRun(DicomTools.Gdcmconv, "--raw", films.Jpeg2000, raw);

    [Benchmark(Description = "cxr ImagePipeline (to 224 px model input)")]
    [BenchmarkCategory(Jpeg2000Group)]
    public float Jpeg2000_cxr() => ToModelInput(films.Jpeg2000);

    [Benchmark(Baseline = true, Description = "DCMTK dcmj2pnm +Wi 1")]
    [BenchmarkCategory(StartupGroup)]
    public void Startup_dcmj2pnm() => DicomTools.MustRun(DicomTools.Dcmj2pnm, "+Wi", "1", films.Tiny, pgm);

    [Benchmark(Description = "GDCM gdcmconv --raw")]
    [BenchmarkCategory(StartupGroup)]
    public void Startup_gdcmconv() => DicomTools.MustRun(DicomTools.Gdcmconv, "--raw", films.Tiny, raw);

    private float ToModelInput(string file)
    {
        ImagePipeline.ToTensor(pipeline.ProcessFile(file).Resized, tensor);
        return tensor[0];
    }
}
