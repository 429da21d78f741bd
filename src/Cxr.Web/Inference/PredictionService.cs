using System.Diagnostics;
using Cxr.Core.Imaging;
using Cxr.Inference;
using Cxr.Inference.Dicom;
using Cxr.Inference.Reporting;
using Cxr.Web.Contracts;
using Cxr.Web.Problems;
using Cxr.Web.Uploads;

namespace Cxr.Web.Inference;

/// <summary>Runs the predictor on uploaded images and shapes the API responses. Call it while holding an
/// <see cref="InferenceGate"/> lease.</summary>
public sealed class PredictionService(ModelHost host)
{
    private readonly ModelReference _model = ModelReference.From(host.Model);

    /// <summary>The model answering requests.</summary>
    public ModelReference Model => _model;

    /// <summary>Predicts one image.</summary>
    /// <param name="image">The upload.</param>
    /// <param name="heatmap">Which heatmap PNG to render, if any.</param>
    /// <param name="queueMs">Time spent waiting for the inference slot.</param>
    /// <param name="startedTimestamp"><see cref="Stopwatch.GetTimestamp"/> when handling started.</param>
    /// <param name="force">Answer even when the input guard refuses the image (the response then carries a warning).</param>
    /// <param name="cancellationToken">The request's abort-or-timeout token: decoding and the model run stop soon after
    /// it is cancelled.</param>
    /// <exception cref="ImageInputException">The image is empty, not an image, corrupt or too large.</exception>
    /// <exception cref="OperationCanceledException">The client went away or the request timed out.</exception>
    /// <exception cref="ApiProblemException">422 <c>not-a-chest-xray</c>: the input guard refused the image, or the DICOM
    /// header gate refused the file before its image was decoded, and <paramref name="force"/> is false.</exception>
    public PredictionResponse Predict(
        UploadedImage image, HeatmapKind heatmap, double queueMs, long startedTimestamp, bool force = false, CancellationToken cancellationToken = default)
    {
        ThrowIfHeaderRefuses(image, force);
        var prediction = host.Predictor.Predict(image.Data, new PredictionRequest(Heatmap: heatmap != HeatmapKind.None), cancellationToken);
        ThrowIfRefused(prediction, force);

        string? heatmapPng = null;
        var heatmapMs = 0.0;
        if (heatmap != HeatmapKind.None && prediction.Heatmap is { } map)
        {
            var renderStarted = Stopwatch.GetTimestamp();
            heatmapPng = Convert.ToBase64String(heatmap == HeatmapKind.Layer
                ? HeatmapLayerRenderer.RenderPng(map)
                : HeatmapRenderer.RenderOverlayPng(prediction));
            heatmapMs = Stopwatch.GetElapsedTime(renderStarted).TotalMilliseconds;
        }

        var timings = prediction.Timings;
        var original = prediction.Image.Original;
        return new PredictionResponse(
            prediction,
            _model,
            heatmapPng,
            new PredictionTimingsMs(
                Milliseconds.Round(timings.DecodeMs + timings.PreprocessMs),
                Milliseconds.Round(timings.InferenceMs),
                Milliseconds.Round(heatmapMs),
                Milliseconds.Round(queueMs),
                Milliseconds.Round(Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds)),
            new ImageSummary(FormatName(prediction.Image.Format), original.Width, original.Height, image.Length),
            image.FileName);
    }

    /// <summary>Predicts one DICOM image and answers with the two DICOM objects of <see cref="DicomAnswerComposer"/>
    /// (the Secondary Capture with the burned-in overlay, the Comprehensive SR), in memory only.</summary>
    /// <exception cref="ApiProblemException">422 <c>not-dicom-input</c>: the bytes are a known image format other than
    /// DICOM (checked before the model runs); 422 <c>not-a-chest-xray</c> as for <see cref="Predict"/>.</exception>
    /// <exception cref="ImageInputException">The image is empty, not an image, corrupt or too large.</exception>
    /// <exception cref="OperationCanceledException">The client went away or the request timed out.</exception>
    public DicomAnswer PredictDicom(UploadedImage image, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (ImageFormatSniffer.Detect(image.Data) is { } format && format != ImageFormat.Dicom)
        {
            throw new ApiProblemException(
                ProblemTypes.NotDicomInput,
                $"output=dicom needs a DICOM input (the answer objects join the input's study); this image is {FormatName(format)}. Leave output out for JSON.");
        }

        ThrowIfHeaderRefuses(image, force);
        var prediction = host.Predictor.Predict(image.Data, new PredictionRequest(Heatmap: host.Model.HasHeatmap), cancellationToken);
        ThrowIfRefused(prediction, force);
        return DicomAnswerComposer.Compose(prediction, host.Model);
    }

    // A DICOM header that already refuses (lateral, FOR PROCESSING, …) is answered before the image is decoded or the
    // model run; with force the header's reason is reported by the prediction's own input check instead.
    private void ThrowIfHeaderRefuses(UploadedImage image, bool force)
    {
        if (!force && host.Predictor.CheckHeader(image.Data) is { } refused)
        {
            throw NotChestXray(refused);
        }
    }

    private static void ThrowIfRefused(Prediction prediction, bool force)
    {
        if (!prediction.InputCheck.IsChestXray && !force)
        {
            throw NotChestXray(prediction.InputCheck);
        }
    }

    /// <summary>Predicts each image on its own; an image that fails gets its problem document instead of a result.
    /// A cancelled <paramref name="cancellationToken"/> ends the whole batch (the image in progress stops too).</summary>
    /// <exception cref="OperationCanceledException">The client went away or the request timed out.</exception>
    public BatchPredictionResponse PredictBatch(
        IReadOnlyList<UploadedImage> images, HeatmapKind heatmap, double queueMs, long startedTimestamp, bool force = false, CancellationToken cancellationToken = default)
    {
        var items = new BatchItemResult[images.Count];
        var succeeded = 0;
        for (var i = 0; i < images.Count; i++)
        {
            var image = images[i];
            try
            {
                var result = Predict(image, heatmap, queueMs, startedTimestamp, force, cancellationToken);
                items[i] = new BatchItemResult(i, image.FileName, 200, result, null);
                succeeded++;
            }
            catch (ImageInputException e)
            {
                var problem = ProblemTypes.ForImageError(e);
                items[i] = new BatchItemResult(i, image.FileName, problem.Status, null, ProblemWriter.Create(problem, e.Message));
            }
            catch (ApiProblemException e)
            {
                items[i] = new BatchItemResult(i, image.FileName, e.Problem.Status, null, ProblemWriter.Create(e.Problem, e.Message, e.Extensions));
            }
        }

        return new BatchPredictionResponse(_model, images.Count, succeeded, images.Count - succeeded, items,
            Milliseconds.Round(Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds));
    }

    private static ApiProblemException NotChestXray(InputCheck check) => new(
        ProblemTypes.NotChestXray,
        $"{check.Message} Send force=true to get the model's answer anyway (it is then not a finding).",
        extensions: new Dictionary<string, object?> { ["inputCheck"] = InputCheckReport.From(check) });

    /// <summary>Lowercase format name as used in the API.</summary>
    public static string FormatName(ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "jpeg",
        ImageFormat.Png => "png",
        ImageFormat.Bmp => "bmp",
        ImageFormat.Gif => "gif",
        ImageFormat.Webp => "webp",
        ImageFormat.Dicom => "dicom",
        _ => format.ToString().ToLowerInvariant(),
    };
}
