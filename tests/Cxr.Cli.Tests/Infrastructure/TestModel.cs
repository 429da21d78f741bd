using Cxr.Testing.Models;
using Cxr.Testing.Onnx;

namespace Cxr.Cli.Tests.Infrastructure;

/// <summary>The synthetic brightness model (see <see cref="SyntheticOnnxModel"/>) written to a temp file once.</summary>
internal static class TestModel
{
    public const int Size = 64;

    private static readonly Lazy<string> LazyPath = new(() =>
    {
        var path = System.IO.Path.Combine(Path.GetTempPath(), $"cxr-cli-tests-{Guid.NewGuid():N}.onnx");
        System.IO.File.WriteAllBytes(path, SyntheticOnnxModel.Create(Size));
        return path;
    });

    private static readonly Lazy<string> LazyPlainPath = new(() =>
    {
        var path = System.IO.Path.Combine(Path.GetTempPath(), $"cxr-cli-tests-plain-{Guid.NewGuid():N}.onnx");
        System.IO.File.WriteAllBytes(path, SyntheticOnnxModel.Create(Size, heatmap: false));
        return path;
    });

    /// <summary>With a heatmap output.</summary>
    public static string File => LazyPath.Value;

    /// <summary>Without a heatmap output.</summary>
    public static string PlainFile => LazyPlainPath.Value;
}
