namespace Cxr.Web.Contracts;

/// <summary>Server-side time spent on one image, in milliseconds.</summary>
/// <param name="Decode">Decoding and preprocessing the image.</param>
/// <param name="Inference">Running the model.</param>
/// <param name="Heatmap">Rendering the heatmap PNG (0 when not asked).</param>
/// <param name="Queue">Waiting for an inference slot.</param>
/// <param name="Total">From the start of the request's handling (after rate limiting) to the result, including the
/// upload and the wait.</param>
public sealed record PredictionTimingsMs(double Decode, double Inference, double Heatmap, double Queue, double Total);
