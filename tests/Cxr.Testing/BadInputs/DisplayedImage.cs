namespace Cxr.Testing.BadInputs;

/// <summary>What a correct decoder shows for a corpus item that is a valid image: its format as the API names it
/// (<c>jpeg</c>, <c>png</c>, <c>gif</c>) and its size after EXIF orientation.</summary>
public sealed record DisplayedImage(string Format, int Width, int Height);
