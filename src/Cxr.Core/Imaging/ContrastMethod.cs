namespace Cxr.Core.Imaging;

/// <summary>The contrast normalisation applied to the resized 8-bit image, after the resize and before <c>pixel / 255</c>
/// (see <see cref="ContrastStep"/>).</summary>
public enum ContrastMethod
{
    /// <summary>No contrast step: the resized image is the model input (every model before this option).</summary>
    None,

    /// <summary>Global histogram equalisation of the whole image (<see cref="HistogramEqualizer"/>).</summary>
    HistogramEqualization,

    /// <summary>Contrast-limited adaptive histogram equalisation over a grid of tiles (<see cref="ClaheEqualizer"/>).</summary>
    Clahe,
}
