namespace Cxr.Inference.Reporting;

/// <summary>Which model produced a result.</summary>
/// <param name="Name">Model name, e.g. <c>cxr-default</c>.</param>
/// <param name="Version">Model version (toolkit version + training date).</param>
/// <param name="Sha256">SHA-256 of the ONNX file, 64 lowercase hex digits.</param>
public record ModelReference(string Name, string Version, string Sha256)
{
    /// <summary>The reference to <paramref name="model"/>.</summary>
    public static ModelReference From(ModelInfo model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new(model.Name, model.Version, model.Sha256);
    }
}
