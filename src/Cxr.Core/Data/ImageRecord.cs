namespace Cxr.Core.Data;

/// <summary>One image of the data set.</summary>
/// <param name="Path">Absolute path of the image file (manifests store it relative to the manifest's folder).</param>
/// <param name="Label">The class, taken from the class folder.</param>
/// <param name="Subtype"><c>"normal"</c>, <c>"bacteria"</c>, <c>"virus"</c> or <c>"unknown"</c> (see <see cref="PatientIdParser"/>).</param>
/// <param name="Patient">Patient key parsed from the file name, e.g. <c>person12</c> or <c>IM-0115</c>.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file bytes (64 characters), or empty when not computed.</param>
/// <param name="Split">One of <see cref="SplitNames.All"/>, or empty for a flat layout that has no splits yet.</param>
public sealed record ImageRecord(string Path, CxrLabel Label, string Subtype, string Patient, string Sha256, string Split);
