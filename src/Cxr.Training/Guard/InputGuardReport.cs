namespace Cxr.Training.Guard;

/// <summary>How the learned guard treats a set of films, as fractions in [0, 1].</summary>
/// <param name="Images">Films scored (each also scored once transformed).</param>
/// <param name="UprightRefused">Upright films the guard would refuse (out of distribution, or nearest to a
/// rotated/inverted reference).</param>
/// <param name="RotatedRecognised">Films turned by 90° or 180° whose nearest reference is a rotated one.</param>
/// <param name="InvertedRecognised">Inverted films whose nearest reference is the inverted one.</param>
/// <param name="MedianDistance">Median Mahalanobis distance of the upright films to the nearest upright reference.</param>
public sealed record InputGuardReport(int Images, double UprightRefused, double RotatedRecognised, double InvertedRecognised, double MedianDistance);
