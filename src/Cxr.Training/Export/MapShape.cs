namespace Cxr.Training.Export;

/// <summary>Shape of one image's feature maps while the exporter walks the layers: <c>[Channels, Height, Width]</c>.</summary>
internal readonly record struct MapShape(long Channels, long Height, long Width);
