namespace Cxr.Testing.NonRadiographs;

/// <summary>One generated non-radiograph: encoded bytes (JPEG or PNG), its kind and a name for reports.</summary>
public sealed record NonRadiograph(NonRadiographKind Kind, string Name, byte[] Bytes);
