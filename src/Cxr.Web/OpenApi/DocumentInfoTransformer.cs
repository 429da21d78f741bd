using Cxr.Core.Text;
using Cxr.Web.Problems;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Cxr.Web.OpenApi;

/// <summary>Title, version and description of the OpenAPI document, including the problem types.</summary>
internal sealed class DocumentInfoTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var problems = string.Join("\n", ProblemTypes.All.Select(p => $"| {p.Status} | `{p.Type}` | {p.Title} |"));
        document.Info = new OpenApiInfo
        {
            Title = "cxr chest X-ray classifier API",
            Version = "v1",
            Description =
                "Classifies pediatric chest X-rays as NORMAL or PNEUMONIA with a calibrated probability and an optional " +
                $"class-activation heatmap. **{Disclaimer.Statement}**\n\n" +
                "Every error is an RFC 9457 problem document (`application/problem+json`) whose `type` is one of:\n\n" +
                "| Status | Type | Title |\n|---|---|---|\n" + problems,
        };
        return Task.CompletedTask;
    }
}
