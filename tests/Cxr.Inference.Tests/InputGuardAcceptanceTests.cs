using System.Text;
using Cxr.Core.Imaging;
using Cxr.Testing;
using Cxr.Testing.NonRadiographs;
using SkiaSharp;
using Xunit.Abstractions;

namespace Cxr.Inference.Tests;

/// <summary>
/// Issue #6's acceptance figures for the committed model's input guard: generated non-radiographs are refused, the
/// shared chest films are not, and turned or inverted films never pass silently. Each test prints its table (copied
/// into docs/reliability.md).
/// </summary>
public sealed class InputGuardAcceptanceTests(ITestOutputHelper output)
{
    private static ChestXrayPredictor Predictor => CommittedModel.Predictor;

    [Fact]
    public void At_least_95_percent_of_generated_non_radiographs_are_refused()
    {
        var images = NonRadiographGenerator.Generate(perKind: 40);
        var outcomes = images.Select(image => (image.Kind, Check: Predictor.Predict(image.Bytes).InputCheck)).ToList();

        var table = new StringBuilder("| kind | images | refused | " + string.Join(" | ", InputCheckReasons.All) + " |\n");
        foreach (var group in outcomes.GroupBy(o => o.Kind))
        {
            table.Append($"| {group.Key} | {group.Count()} | {group.Count(o => !o.Check.IsChestXray)} | ")
                .AppendJoin(" | ", InputCheckReasons.All.Select(r => group.Count(o => o.Check.Reason == r)))
                .Append(" |\n");
        }

        var refused = outcomes.Count(o => !o.Check.IsChestXray);
        output.WriteLine(table.ToString());
        output.WriteLine($"refused {refused} of {outcomes.Count} = {100.0 * refused / outcomes.Count:0.0} %");
        foreach (var (kind, check) in outcomes.Where(o => o.Check.IsChestXray))
        {
            output.WriteLine($"accepted: {kind} score {check.Score}");
        }

        Assert.True(images.Count >= 200);
        Assert.True(refused >= 0.95 * outcomes.Count, $"Only {refused} of {outcomes.Count} non-radiographs were refused.");
    }

    [Fact]
    public void At_most_1_percent_of_the_shared_train_and_val_films_are_refused()
    {
        var files = Directory.EnumerateFiles(TestData.DataRoot, "*.jpeg", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}test{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var refusals = new List<(string File, InputCheck Check)>();
        foreach (var chunk in files.Chunk(32))
        {
            var predictions = Predictor.PredictBatch(chunk.Select(f => Predictor.Preprocess(File.ReadAllBytes(f))).ToList());
            refusals.AddRange(chunk.Zip(predictions).Where(p => !p.Second.InputCheck.IsChestXray).Select(p => (p.First, p.Second.InputCheck)));
        }

        output.WriteLine($"films {files.Count}, refused {refusals.Count} = {100.0 * refusals.Count / files.Count:0.00} %");
        foreach (var reason in refusals.GroupBy(r => r.Check.Reason))
        {
            output.WriteLine($"  {reason.Key}: {reason.Count()}");
        }

        foreach (var (file, check) in refusals)
        {
            output.WriteLine($"  {Path.GetRelativePath(TestData.DataRoot, file)}: {check.Reason} score {check.Score}");
        }

        Assert.Equal(5232, files.Count);
        Assert.True(refusals.Count <= 0.01 * files.Count, $"{refusals.Count} of {files.Count} films were refused.");
    }

    [Theory]
    [InlineData(FilmChange.RotateClockwise)]
    [InlineData(FilmChange.RotateCounterClockwise)]
    [InlineData(FilmChange.Invert)]
    [InlineData(FilmChange.Rotate180)]
    public void Turned_or_inverted_films_are_never_passed_silently(FilmChange change)
    {
        // Every 10th shared film, changed at its stored resolution and re-encoded as PNG.
        var files = Directory.EnumerateFiles(TestData.DataRoot, "*.jpeg", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal).Where((_, i) => i % 10 == 0).ToList();
        var checks = files.Select(f => Predictor.Predict(Change(File.ReadAllBytes(f), change)).InputCheck).ToList();

        var passed = checks.Count(c => c.IsChestXray);
        output.WriteLine($"{change}: {checks.Count} films; " + string.Join(", ",
            checks.GroupBy(c => c.Reason ?? "accepted").Select(g => $"{g.Key} {g.Count()}")));
        Assert.True(passed <= checks.Count / 100, $"{passed} of {checks.Count} {change} films were accepted as chest X-rays.");
    }

    /// <summary>How a test film is spoiled.</summary>
    public enum FilmChange
    {
        RotateClockwise,
        RotateCounterClockwise,
        Invert,
        Rotate180,
    }

    private static byte[] Change(byte[] jpeg, FilmChange change)
    {
        var gray = new ImagePipeline(new PreprocessSpec()).DecodeGray(jpeg);
        int w = gray.Width, h = gray.Height;
        var rotated = change is FilmChange.RotateClockwise or FilmChange.RotateCounterClockwise;
        using var bitmap = new SKBitmap(new SKImageInfo(rotated ? h : w, rotated ? w : h, SKColorType.Gray8, SKAlphaType.Opaque));
        var pixels = bitmap.GetPixelSpan();
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var p = gray[x, y];
                switch (change)
                {
                    case FilmChange.Invert:
                        pixels[(y * w) + x] = (byte)(255 - p);
                        break;
                    case FilmChange.Rotate180:
                        pixels[((h - 1 - y) * w) + (w - 1 - x)] = p;
                        break;
                    case FilmChange.RotateClockwise:
                        // (x, y) lands at column h − 1 − y, row x of an h-wide image.
                        pixels[(x * h) + (h - 1 - y)] = p;
                        break;
                    default:
                        // (x, y) lands at column y, row w − 1 − x.
                        pixels[((w - 1 - x) * h) + y] = p;
                        break;
                }
            }
        }

        bitmap.NotifyPixelsChanged();
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
