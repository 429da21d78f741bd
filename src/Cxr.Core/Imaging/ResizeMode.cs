namespace Cxr.Core.Imaging;

/// <summary>How an image of any aspect ratio becomes the square model input.</summary>
public enum ResizeMode
{
    /// <summary>Scale width and height independently to <c>Size × Size</c> (aspect ratio not kept). The default: the
    /// data set is 224 × 224 already and the reference notebook stretches.</summary>
    Stretch,

    /// <summary>Scale so the longer side is <c>Size</c>, keep the aspect ratio, center, and pad the rest with black (0).</summary>
    Letterbox,
}
