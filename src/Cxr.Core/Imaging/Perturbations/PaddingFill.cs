namespace Cxr.Core.Imaging.Perturbations;

/// <summary>What <see cref="Padding"/> puts around the film.</summary>
public enum PaddingFill
{
    /// <summary>The nearest edge pixel, repeated outwards (more of the same surroundings).</summary>
    Edge,

    /// <summary>Black (0): a collimated or unexposed border.</summary>
    Black,
}
