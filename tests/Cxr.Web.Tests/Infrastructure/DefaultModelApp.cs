using Cxr.Testing;

namespace Cxr.Web.Tests.Infrastructure;

/// <summary>One app on the committed default model (<c>models/cxr-default.onnx</c>) with default settings, shared by a
/// test class: what a real deployment answers.</summary>
public sealed class DefaultModelApp : IDisposable
{
    /// <summary>Absolute path of the committed model.</summary>
    public static string ModelPath { get; } = Path.Combine(TestData.RepoRoot, "models", "cxr-default.onnx");

    public CxrWebFactory Factory { get; } = new(new Dictionary<string, string?> { ["Cxr:ModelPath"] = ModelPath });

    public void Dispose() => Factory.Dispose();
}
