namespace Cxr.Training.Guard;

/// <summary>The wrong ways to present a film that the input guard learns to recognise: turned a quarter or a half, or inverted.</summary>
public enum FilmTransform
{
    /// <summary>As acquired.</summary>
    None,

    /// <summary>Turned 90° clockwise.</summary>
    Rotate90Clockwise,

    /// <summary>Turned 90° counter-clockwise.</summary>
    Rotate90CounterClockwise,

    /// <summary>Gray levels inverted (a negative): <c>255 − p</c>.</summary>
    Invert,

    /// <summary>Turned 180° (upside down).</summary>
    Rotate180,
}
