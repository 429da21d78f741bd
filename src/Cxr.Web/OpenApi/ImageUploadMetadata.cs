namespace Cxr.Web.OpenApi;

/// <summary>Endpoint metadata: the endpoint reads images from the body itself (streamed multipart or raw bytes), so
/// <see cref="ImageUploadOperationTransformer"/> describes the request body in the OpenAPI document.</summary>
/// <param name="Batch">True for the batch endpoint (field <c>images</c>, repeated).</param>
public sealed record ImageUploadMetadata(bool Batch);
