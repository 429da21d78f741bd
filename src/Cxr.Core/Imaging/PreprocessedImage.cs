namespace Cxr.Core.Imaging;

/// <summary>The result of <see cref="ImagePipeline.Process(ReadOnlySpan{byte})"/>: what was decoded and exactly what the
/// model sees.</summary>
public sealed class PreprocessedImage
{
    private float[]? _tensor;

    internal PreprocessedImage(PreprocessSpec spec, ImageFormat format, GrayImage original, GrayImage framed, GrayImage resizedBeforeContrast, GrayImage resized)
    {
        Spec = spec;
        Format = format;
        Original = original;
        Framed = framed;
        ResizedBeforeContrast = resizedBeforeContrast;
        Resized = resized;
    }

    /// <summary>The preprocessing that produced <see cref="Resized"/> and <see cref="Tensor"/>.</summary>
    public PreprocessSpec Spec { get; }

    /// <summary>The format detected from the data's magic bytes (never from a file name).</summary>
    public ImageFormat Format { get; }

    /// <summary>The decoded image at its original size with EXIF orientation applied, as 8-bit BT.601 luminance
    /// (for overlays at the original aspect ratio).</summary>
    public GrayImage Original { get; }

    /// <summary>The part of <see cref="Original"/> that was resized into the model's input: <see cref="Original"/> itself
    /// (the same instance) unless the spec's border trim (<see cref="PreprocessSpec.Trim"/>) cut a dark border away.
    /// Overlays at the original aspect ratio are drawn on it, so the heatmap lies over what the model saw.</summary>
    public GrayImage Framed { get; }

    /// <summary>Mean chroma of the decoded colour pixels in [0, 1]: the average of <c>max(R, G, B) − min(R, G, B)</c>
    /// over 255; 0 for gray sources. The input guard uses it, since the model itself only ever sees luminance.</summary>
    public double MeanChroma { get; init; }

    /// <summary>The DICOM file's descriptive header (modality, view, body part, presentation intent, patient age…) for the
    /// header gate (<see cref="Dicom.DicomHeaderGate"/>); null for every other format. Patient data: never log it.</summary>
    public Dicom.DicomHeader? DicomHeader { get; init; }

    /// <summary><c>Size × Size</c> 8-bit image: exactly what the model sees (the 8-bit preview; training caches it), i.e.
    /// the resized film after the spec's contrast step (<see cref="PreprocessSpec.Contrast"/>).</summary>
    public GrayImage Resized { get; }

    /// <summary>The <c>Size × Size</c> film as resized, before the spec's contrast step: what is shown to a person (the
    /// heatmap overlay on the model-size image) and what the input guard's flat-tone check measures, so neither changes
    /// with the contrast step. The same instance as <see cref="Resized"/> when the spec has no contrast step.</summary>
    public GrayImage ResizedBeforeContrast { get; }

    /// <summary>Model input <c>[Channels, Size, Size]</c> row-major (NCHW without the batch axis), each channel
    /// <c>Resized.Pixels[i] / 255f</c>, values in [0, 1].</summary>
    /// <remarks>Built on first access (thread-safe; every caller gets the same array): training caches
    /// <see cref="Resized"/> and never pays for it, and batch serving can instead write straight into its own buffer
    /// with <see cref="ImagePipeline.ToTensor"/>. At 150 × 150 and up the array lands on the large object heap.</remarks>
    public float[] Tensor
    {
        get
        {
            if (_tensor is { } existing)
            {
                return existing;
            }

            var tensor = GC.AllocateUninitializedArray<float>(Spec.TensorLength);
            ImagePipeline.ToTensor(Resized, tensor);
            return Interlocked.CompareExchange(ref _tensor, tensor, null) ?? tensor;
        }
    }
}
