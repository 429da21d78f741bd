namespace Cxr.Testing.NonRadiographs;

/// <summary>Kinds of image people upload that are not chest X-rays.</summary>
public enum NonRadiographKind
{
    /// <summary>Colour "photos": gradients with shapes.</summary>
    ColorPhoto,

    /// <summary>The same scenes in grayscale (the colour check cannot help).</summary>
    GrayPhoto,

    /// <summary>Rendered text pages, like a scanned report.</summary>
    TextPage,

    /// <summary>Screenshot-like renders of an application window.</summary>
    Screenshot,

    /// <summary>Gray or colour noise at several grain sizes.</summary>
    Noise,

    /// <summary>One flat tone, gray or coloured, sometimes with a little noise.</summary>
    Flat,
}
