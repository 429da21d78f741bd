namespace Cxr.Inference;

/// <summary>Where the time of one prediction went, in milliseconds (wall clock).</summary>
/// <param name="DecodeMs">The <see cref="Cxr.Core.Imaging.ImagePipeline"/> call: reading the bytes (stream or file),
/// format check, decoding, luminance, EXIF orientation and the resize to the model's input size (the pipeline does these
/// in one call).</param>
/// <param name="PreprocessMs">Writing the 8-bit input image into the model's float tensor and wrapping it for ONNX
/// Runtime.</param>
/// <param name="InferenceMs">The ONNX Runtime call. In a batch, the call's time divided by the images it held.</param>
/// <param name="TotalMs">Everything from the first byte to the finished <see cref="Prediction"/>, including the heatmap
/// (<see cref="HeatmapMs"/>). In a batch, each image's own decode and preprocess plus its share of the rest.</param>
public sealed record PredictionTimings(double DecodeMs, double PreprocessMs, double InferenceMs, double TotalMs)
{
    /// <summary>Upsampling and normalising the heatmap (0 when none was made).</summary>
    public double HeatmapMs { get; init; }
}
