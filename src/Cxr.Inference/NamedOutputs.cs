using Microsoft.ML.OnnxRuntime;

namespace Cxr.Inference;

/// <summary>The outputs of one session run, looked up by name. ONNX Runtime returns them in the order they were
/// requested; reading them by name means that asking for one more output can never shift what another reader gets.</summary>
internal sealed class NamedOutputs : IDisposable
{
    private readonly IDisposableReadOnlyCollection<OrtValue> values;
    private readonly string[] names;

    private NamedOutputs(IDisposableReadOnlyCollection<OrtValue> values, string[] names)
    {
        this.values = values;
        this.names = names;
    }

    /// <summary>The output called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">It was not requested in this run.</exception>
    public OrtValue this[string name] => Array.IndexOf(names, name) is var i and >= 0
        ? values[i]
        : throw new KeyNotFoundException($"Output '{name}' was not requested in this run (requested: {string.Join(", ", names)}).");

    /// <summary>Runs <paramref name="session"/> on one input and returns the requested outputs by name.</summary>
    public static NamedOutputs Run(InferenceSession session, RunOptions options, string inputName, OrtValue input, string[] outputNames) =>
        new(session.Run(options, [inputName], [input], outputNames), outputNames);

    public void Dispose() => values.Dispose();
}
