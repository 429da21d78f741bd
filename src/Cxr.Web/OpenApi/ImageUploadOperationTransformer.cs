using Cxr.Web.Uploads;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Cxr.Web.OpenApi;

/// <summary>Describes the image upload bodies (which are not bound parameters) in the OpenAPI document.</summary>
internal sealed class ImageUploadOperationTransformer : IOpenApiOperationTransformer
{
    private static readonly string[] RawImageTypes = ["image/jpeg", "image/png", "image/bmp", "image/gif", "image/webp", "application/dicom", "application/octet-stream"];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var upload = context.Description.ActionDescriptor.EndpointMetadata.OfType<ImageUploadMetadata>().FirstOrDefault();
        if (upload is null)
        {
            return Task.CompletedTask;
        }

        var content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal);
        var binary = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
        if (upload.Batch)
        {
            content["multipart/form-data"] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string>(StringComparer.Ordinal) { UploadReader.ImagesField },
                    Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
                    {
                        [UploadReader.ImagesField] = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Array,
                            Items = binary,
                            Description = "The images (repeat the field once per file, 1..Cxr:MaxBatchImages).",
                        },
                    },
                },
            };
        }
        else
        {
            content["multipart/form-data"] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string>(StringComparer.Ordinal) { UploadReader.ImageField },
                    Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
                    {
                        [UploadReader.ImageField] = new OpenApiSchema
                        {
                            Type = JsonSchemaType.String,
                            Format = "binary",
                            Description = "The chest X-ray (JPEG, PNG, BMP, GIF, WebP or DICOM; detected from the bytes).",
                        },
                    },
                },
            };
            foreach (var type in RawImageTypes)
            {
                content[type] = new OpenApiMediaType { Schema = binary };
            }
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = upload.Batch ? "The images, as multipart/form-data." : "The image, as multipart/form-data or as the raw body.",
            Content = content,
        };
        return Task.CompletedTask;
    }
}
