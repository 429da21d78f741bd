using System.Text.Json;
using Cxr.Core.Imaging;
using Cxr.Core.Text;
using Cxr.Web.Contracts;
using Cxr.Web.Inference;
using Cxr.Web.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Cxr.Web.Endpoints;

/// <summary><c>/api/v1/model</c> and <c>/api/v1/limits</c>: what is being served and what it accepts.</summary>
public static class ModelEndpoints
{
    /// <summary>Maps the group.</summary>
    public static RouteGroupBuilder MapModelEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Model");
        group.MapGet("/model", GetModelCard)
            .WithName("GetModelCard")
            .WithSummary("The served model's card")
            .WithDescription("Name, version, file hash, architecture, labels, operating threshold and how it was chosen, calibration temperature, validation metrics, preprocessing, and every raw metadata entry of the ONNX file.");
        group.MapGet("/limits", GetLimits)
            .WithName("GetLimits")
            .WithSummary("Input limits")
            .WithDescription("Largest request, largest decoded image, most images per batch, accepted formats.");
        return group;
    }

    /// <summary>The served model's card.</summary>
    /// <param name="host">The loaded model.</param>
    public static Ok<ModelCardResponse> GetModelCard(ModelHost host)
    {
        var model = host.Model;
        return TypedResults.Ok(new ModelCardResponse(
            model.Name,
            model.Version,
            model.Sha256,
            model.Architecture,
            model.Labels,
            model.Threshold,
            model.ThresholdPolicy,
            model.Temperature,
            model.TrainedUtc,
            ParseJson(model.ValidationMetricsJson),
            model.HasHeatmap,
            new PreprocessSummary(model.Preprocess.Size, model.Preprocess.Mode == ResizeMode.Letterbox ? "letterbox" : "stretch", model.Preprocess.Channels, model.Preprocess.Contrast),
            Disclaimer.Statement,
            model.Metadata)
        {
            EnsembleMembers = model.Ensemble?.Members,
        });
    }

    /// <summary>Input limits.</summary>
    /// <param name="options">Service settings.</param>
    /// <param name="host">The loaded model, whose predictor enforces the image limits.</param>
    public static Ok<LimitsResponse> GetLimits(IOptions<CxrWebOptions> options, ModelHost host)
    {
        var settings = options.Value;
        return TypedResults.Ok(new LimitsResponse(settings.MaxRequestBytes, settings.MaxPixels, settings.MaxBatchImages,
            ["jpeg", "png", "bmp", "gif", "webp"], (host.Predictor.Options.Limits ?? ImageLimits.Default).MinSide));
    }

    private static JsonElement? ParseJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
