namespace Cxr.Core.Imaging.Perturbations;

/// <summary>A corner of the film as displayed.</summary>
public enum FilmCorner
{
    TopLeft,
    TopRight,
    BottomLeft,
    BottomRight,
}
