namespace Cxr.Core.Contracts;

/// <summary>What the learned guard makes of an image's feature distances (see <see cref="InputGuardSpec.Judge"/>).</summary>
public enum DistanceVerdict
{
    /// <summary>Close enough to the training films.</summary>
    InDistribution,

    /// <summary>Farther from every upright reference than the threshold.</summary>
    OutOfDistribution,

    /// <summary>Nearest to a reference of films turned by 90° or 180°.</summary>
    Rotated,

    /// <summary>Nearest to the reference of inverted (negative) films.</summary>
    Inverted,
}
