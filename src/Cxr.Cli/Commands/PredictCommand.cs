using System.CommandLine;
using Cxr.Cli.Predictions;
using Cxr.Inference;
using Spectre.Console;

namespace Cxr.Cli.Commands;

/// <summary><c>cxr predict PATH... [--model FILE] [--format table|json|csv] [--heatmaps DIR] [--dicom-out DIR] [--threshold T]</c>: classify
/// image files with the ONNX model (ONNX Runtime only; TorchSharp is never loaded).</summary>
public static class PredictCommand
{
    /// <summary>Exit code when at least one file could not be predicted (the others were).</summary>
    public const int ExitSomeFailed = 2;

    /// <summary>Exit code when every file was read but the input guard refused at least one as not a chest X-ray (and
    /// <c>--force</c> was not given).</summary>
    public const int ExitSomeRefused = 3;

    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Image files, folders (searched recursively for .jpg .jpeg .png .bmp .gif .webp .dcm) or quoted globs ('scans/**/*.png').",
            Arity = ArgumentArity.OneOrMore,
        };
        var model = new Option<string?>("--model", "-m") { Description = $"ONNX model file (default: {DefaultModel.RelativePath})." };
        var format = new Option<string>("--format", "-f") { Description = "Output: table, json or csv.", DefaultValueFactory = _ => PredictionOutput.Table };
        format.AcceptOnlyFromAmong([.. PredictionOutput.Formats]);
        var heatmaps = new Option<string?>("--heatmaps") { Description = "Write a heatmap overlay PNG per image into this folder (NAME.heatmap.png)." };
        var threshold = new Option<double?>("--threshold") { Description = "Decision threshold on P(pneumonia) in [0, 1] (default: the model's)." };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime threads.", DefaultValueFactory = _ => 2 };
        var dicomOut = new Option<string?>("--dicom-out")
        {
            Description = "For each DICOM input, write the answer as DICOM into this folder: NAME.sc.dcm (Secondary Capture: the film with the heatmap and the research-use notice burned in) and NAME.sr.dcm (Comprehensive SR), both in the input's study. Non-DICOM inputs are predicted as usual and noted as skipped.",
        };
        var force = new Option<bool>("--force") { Description = "Report a label even for images the input guard judges not to be frontal chest X-rays (the rows stay marked)." };

        var command = new Command("predict", "Classify chest X-ray images as NORMAL or PNEUMONIA with an ONNX model. Exit code 0 when every file was predicted, 2 when some failed, 3 when some were refused as not chest X-rays.")
        {
            paths, model, format, heatmaps, dicomOut, threshold, threads, force,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Run(
            parse.GetValue(paths) ?? [],
            parse.GetValue(model),
            parse.GetValue(format)!,
            parse.GetValue(heatmaps),
            parse.GetValue(dicomOut),
            parse.GetValue(threshold),
            parse.GetValue(threads),
            parse.GetValue(force),
            cancellationToken)));
        return command;
    }

    private static int Run(
        string[] inputs, string? modelPath, string format, string? heatmapDir, string? dicomDir, double? threshold, int threads, bool force, CancellationToken cancellationToken)
    {
        if (threshold is { } t && !(t >= 0 && t <= 1))
        {
            throw new CliUsageException($"--threshold must be a probability in [0, 1]; got {t}.");
        }

        if (threads < 1)
        {
            throw new CliUsageException($"--threads must be at least 1; got {threads}.");
        }

        var entries = InputPathExpander.Expand(inputs);
        var files = entries.Where(e => e.Problem is null).Select(e => e.Path).ToList();
        using var predictor = ChestXrayPredictor.Load(DefaultModel.Resolve(modelPath), new PredictorOptions(IntraOpThreads: threads));
        if (heatmapDir is not null)
        {
            if (!predictor.Model.HasHeatmap)
            {
                throw new CliUsageException($"--heatmaps: the model {predictor.Model.Name} ({predictor.Model.Architecture}) has no heatmap output.");
            }

            Directory.CreateDirectory(heatmapDir);
        }

        if (dicomDir is not null)
        {
            Directory.CreateDirectory(dicomDir);
        }

        var names = heatmapDir is null ? null : new HeatmapFileNames(heatmapDir);
        var dicomNames = dicomDir is null ? null : new DicomAnswerFileNames(dicomDir);
        var request = new PredictionRequest(threshold, Heatmap: names is not null || (dicomDir is not null && predictor.Model.HasHeatmap));
        var results = ProgressDisplay.Run("predicting", files.Count, progress => FilePredictionRunner.Run(
            predictor,
            files,
            request,
            (file, prediction) =>
            {
                var result = IFileResult.From(file, prediction, force);
                if (result is not FilePrediction answered)
                {
                    return result;
                }

                if (names is not null)
                {
                    var target = names.For(file);
                    File.WriteAllBytes(target, HeatmapRenderer.RenderOverlayPng(prediction, onOriginal: true));
                    answered = answered with { Heatmap = target };
                }

                return dicomNames is null ? answered : DicomAnswerWriter.Write(answered, prediction, predictor.Model, dicomNames);
            },
            progress,
            cancellationToken));

        var predicted = 0;
        var all = entries.Select(e => e.Problem is null ? results[predicted++] : new FileFailure(e.Path, e.Problem, "not_found")).ToList();
        var console = DataConsole.Get();
        switch (format)
        {
            case PredictionOutput.Json:
                WriteRaw(PredictionOutput.ToJson(all, predictor.Model));
                Console.Error.WriteLine(PredictionOutput.Summary(all, predictor.Model));
                break;
            case PredictionOutput.Csv:
                WriteRaw(PredictionOutput.ToCsv(all, predictor.Model));
                Console.Error.WriteLine(PredictionOutput.Summary(all, predictor.Model));
                break;
            default:
                PredictionOutput.WriteTable(console, all, predictor.Model, heatmaps: names is not null);
                break;
        }

        return all.Any(r => r is FileFailure) ? ExitSomeFailed : all.Any(r => r is FileRefusal) ? ExitSomeRefused : 0;
    }

    // Machine-readable output goes straight to the writer: Spectre would wrap long lines at the console width.
    private static void WriteRaw(string text)
    {
        var writer = AnsiConsole.Console.Profile.Out.Writer;
        writer.Write(text);
        writer.Flush();
    }
}
