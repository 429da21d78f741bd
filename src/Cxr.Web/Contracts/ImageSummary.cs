namespace Cxr.Web.Contracts;

/// <summary>What the service found in the upload.</summary>
/// <param name="Format">Format detected from the bytes: <c>jpeg</c>, <c>png</c>, <c>bmp</c>, <c>gif</c>, <c>webp</c> or <c>dicom</c>.</param>
/// <param name="Width">Width in pixels after EXIF orientation.</param>
/// <param name="Height">Height in pixels after EXIF orientation.</param>
/// <param name="Bytes">Encoded size in bytes.</param>
public sealed record ImageSummary(string Format, int Width, int Height, int Bytes);
