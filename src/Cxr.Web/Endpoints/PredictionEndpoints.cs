using System.Diagnostics;
using Cxr.Core.Text;
using Cxr.Web.Contracts;
using Cxr.Web.Hosting;
using Cxr.Web.Inference;
using Cxr.Web.OpenApi;
using Cxr.Web.Options;
using Cxr.Web.Problems;
using Cxr.Web.Uploads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Cxr.Web.Endpoints;

/// <summary><c>/api/v1/predictions</c>: classify one image, or a batch.</summary>
public static class PredictionEndpoints
{
    /// <summary>Maps the group.</summary>
    public static RouteGroupBuilder MapPredictionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/predictions")
            .WithTags("Predictions")
            .RequireRateLimiting(ClientRateLimiting.PolicyName)
            .DisableAntiforgery();
        group.WithRequestTimeout(CxrHosting.ApiTimeoutPolicy);

        group.MapPost("/", CreatePrediction)
            .WithName("CreatePrediction")
            .WithSummary("Classify one chest X-ray")
            .WithDescription(
                "Send the image as multipart/form-data (field `image`) or as the raw body with an image content type " +
                "(image/jpeg, image/png, image/bmp, image/gif, image/webp, application/dicom or application/octet-stream). The format is " +
                "detected from the bytes. Returns the calibrated PNEUMONIA probability, the decision at the model's " +
                "threshold and, with `heatmap=true`, a base64 PNG class-activation heatmap. An image the input guard " +
                "judges not to be a frontal chest X-ray is answered 422 `not-a-chest-xray` (with `inputCheck`) unless " +
                "`force=true`. With `output=dicom` (DICOM inputs only) the answer is instead `application/zip` holding " +
                "NAME.sc.dcm (a Secondary Capture: the film with the heatmap and the research-use notice, probability, " +
                "decision and model burned in) and NAME.sr.dcm (a Comprehensive SR: finding, probability, threshold, input " +
                "check, UNVERIFIED), both new series of the input's study; a non-DICOM image is 422 `not-dicom-input`. " +
                "See docs/dicom.md. " + Disclaimer.Statement)
            .WithMetadata(new ImageUploadMetadata(Batch: false))
            .Produces(StatusCodes.Status200OK, contentType: DicomAnswerArchive.ContentType)
            .ProducesUploadProblems()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/batch", CreateBatchPrediction)
            .WithName("CreateBatchPrediction")
            .WithSummary("Classify up to 32 chest X-rays in one request")
            .WithDescription(
                "multipart/form-data with one `images` field per file (at most Cxr:MaxBatchImages, default 32; the whole " +
                "body counts against the request size limit). Each item has either a result or its own problem " +
                "document, so one bad file does not fail the batch.")
            .WithMetadata(new ImageUploadMetadata(Batch: true))
            .ProducesUploadProblems();

        return group;
    }

    private static RouteHandlerBuilder ProducesUploadProblems(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>Classify one chest X-ray.</summary>
    /// <param name="request">The HTTP request; its body is the upload.</param>
    /// <param name="uploads">Reads the upload into memory.</param>
    /// <param name="gate">Bounds concurrent inference.</param>
    /// <param name="predictions">Runs the model.</param>
    /// <param name="heatmap">true to include <c>heatmapPng</c> (default false).</param>
    /// <param name="heatmapStyle"><c>overlay</c> (default): colours over the model's input image with a legend;
    /// <c>layer</c>: the bare colour layer at the model's input size, for clients that compose it themselves.</param>
    /// <param name="force">true to get the model's answer (with a warning) even for an image the input guard refuses.</param>
    /// <param name="output"><c>json</c> (default): the JSON answer; <c>dicom</c>: a zip with the Secondary Capture and
    /// the SR (DICOM inputs only).</param>
    /// <param name="cancellationToken">Aborted request or timeout.</param>
    public static async Task<Results<Ok<PredictionResponse>, FileContentHttpResult>> CreatePrediction(
        HttpRequest request,
        UploadReader uploads,
        InferenceGate gate,
        PredictionService predictions,
        [FromQuery] bool? heatmap,
        [FromQuery] string? heatmapStyle,
        [FromQuery] bool? force,
        [FromQuery] string? output,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var kind = HeatmapKinds.Parse(heatmap, heatmapStyle);
        var dicom = output?.ToLowerInvariant() switch
        {
            null or "" or "json" => false,
            "dicom" => true,
            _ => throw new ApiProblemException(ProblemTypes.InvalidRequest, $"output must be \"json\" or \"dicom\"; got \"{output}\"."),
        };
        uploads.RejectOversizedContentLength(request);
        gate.ThrowIfSaturated();
        using var image = await uploads.ReadSingleAsync(request, cancellationToken).ConfigureAwait(false);
        var waitStarted = Stopwatch.GetTimestamp();
        using var lease = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        var queueMs = Stopwatch.GetElapsedTime(waitStarted).TotalMilliseconds;
        // The token is HttpContext.RequestAborted as the request-timeout middleware set it: cancelled when the client
        // goes away or the timeout passes. Decoding and inference stop on it, and the lease is released on the way out.
        if (dicom)
        {
            var stem = DicomAnswerArchive.Stem(image.FileName);
            var answer = predictions.PredictDicom(image, force ?? false, cancellationToken);
            return TypedResults.File(DicomAnswerArchive.Create(answer, stem), DicomAnswerArchive.ContentType, stem + ".dicom.zip");
        }

        return TypedResults.Ok(predictions.Predict(image, kind, queueMs, started, force ?? false, cancellationToken));
    }

    /// <summary>Classify up to 32 chest X-rays in one request.</summary>
    /// <param name="request">The HTTP request; its body is the multipart upload.</param>
    /// <param name="uploads">Reads the uploads into memory.</param>
    /// <param name="gate">Bounds concurrent inference.</param>
    /// <param name="predictions">Runs the model.</param>
    /// <param name="options">Service settings (batch size limit).</param>
    /// <param name="heatmap">true to include <c>heatmapPng</c> in each result (default false).</param>
    /// <param name="heatmapStyle"><c>overlay</c> (default) or <c>layer</c>, as for the single-image endpoint.</param>
    /// <param name="force">true to get answers for images the input guard refuses, as for the single-image endpoint.</param>
    /// <param name="cancellationToken">Aborted request or timeout.</param>
    public static async Task<Ok<BatchPredictionResponse>> CreateBatchPrediction(
        HttpRequest request,
        UploadReader uploads,
        InferenceGate gate,
        PredictionService predictions,
        IOptions<CxrWebOptions> options,
        [FromQuery] bool? heatmap,
        [FromQuery] string? heatmapStyle,
        [FromQuery] bool? force,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var kind = HeatmapKinds.Parse(heatmap, heatmapStyle);
        uploads.RejectOversizedContentLength(request);
        gate.ThrowIfSaturated();
        var images = await uploads.ReadBatchAsync(request, options.Value.MaxBatchImages, cancellationToken).ConfigureAwait(false);
        try
        {
            var waitStarted = Stopwatch.GetTimestamp();
            using var lease = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
            var queueMs = Stopwatch.GetElapsedTime(waitStarted).TotalMilliseconds;
            return TypedResults.Ok(predictions.PredictBatch(images, kind, queueMs, started, force ?? false, cancellationToken));
        }
        finally
        {
            foreach (var image in images)
            {
                image.Dispose();
            }
        }
    }
}
