using Cxr.Core.Imaging;
using Cxr.Testing;
using Cxr.Testing.Dicom;
using Xunit.Abstractions;

namespace Cxr.Core.Tests.Imaging.Dicom;

/// <summary>
/// The first thing a user does with a film, <c>img2dcm film.jpeg film.dcm</c> (colour JPEG Baseline, YBR_FULL_422),
/// gives the model the same input as the JPEG: for films of both classes of the shared training set, the preprocessed
/// [0, 1] tensor of the DICOM equals the JPEG's exactly (same libjpeg-turbo decode, same RGB → gray formula), so the
/// prediction is the same. Fails when DCMTK is missing and <c>CI=true</c>; skips only outside CI.
/// </summary>
public sealed class DicomColourJpegFilmTests
{
    private const int FilmsPerClass = 4;

    private readonly ITestOutputHelper _output;

    public DicomColourJpegFilmTests(ITestOutputHelper output) => _output = output;

    [DcmtkFact]
    public void The_model_input_of_img2dcm_of_a_colour_film_equals_the_films_own()
    {
        var dir = Directory.CreateTempSubdirectory("cxr-dicom-colour-").FullName;
        try
        {
            var pipeline = new ImagePipeline(new PreprocessSpec(224));
            var films = new[] { "NORMAL", "PNEUMONIA" }.SelectMany(label =>
                Directory.GetFiles(Path.Combine(TestData.DataRoot, "train", label), "*.jpeg").Order(StringComparer.Ordinal).Take(FilmsPerClass));
            var checkedFilms = 0;
            foreach (var film in films)
            {
                var dicom = Path.Combine(dir, Path.GetFileNameWithoutExtension(film) + ".dcm");
                Dcmtk.Run(dir, "img2dcm", film, dicom);
                var fromJpeg = pipeline.Process(File.ReadAllBytes(film));
                var fromDicom = pipeline.Process(File.ReadAllBytes(dicom));
                Assert.Equal(ImageFormat.Dicom, fromDicom.Format);
                Assert.Equal(fromJpeg.Tensor.Length, fromDicom.Tensor.Length);
                var max = fromJpeg.Tensor.Zip(fromDicom.Tensor, (a, b) => Math.Abs(a - b)).Max();
                _output.WriteLine($"{Path.GetFileName(film)}: max |Δ| = {max * 255:F3} levels of 255 over {fromDicom.Tensor.Length} values, " +
                                  $"mean chroma {fromJpeg.MeanChroma:F5} (JPEG) / {fromDicom.MeanChroma:F5} (DICOM)");
                Assert.Equal(0f, max);
                Assert.Equal(fromJpeg.MeanChroma, fromDicom.MeanChroma);
                checkedFilms++;
            }

            Assert.Equal(2 * FilmsPerClass, checkedFilms);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
