namespace Cxr.Testing.Fuzzing;

/// <summary>One valid encoded image that mutations start from.</summary>
/// <param name="Name">Kind and source file, e.g. <c>jpeg:IM-0115-0001</c> or <c>png-rgb:IM-0115-0001</c>, or kind and
/// ancillary size for the big-ancillary seeds, e.g. <c>big-png-tEXt:1MB</c>.</param>
/// <param name="Data">The encoded bytes.</param>
/// <param name="IsPng">PNG (else JPEG, GIF, WebP or BMP): decides which header fields the structure-aware mutations edit
/// (PNG IHDR, else the first JPEG SOF marker found, which only JPEGs have: other formats get a bit flip instead).</param>
/// <param name="IsDicom">DICOM: the structure-aware mutation rewrites one element's declared length instead.</param>
public sealed record FuzzSeed(string Name, byte[] Data, bool IsPng, bool IsDicom = false);
