namespace Cxr.Training.Models;

/// <summary>Creates an architecture by its id.</summary>
public static class ModelFactory
{
    public static IReadOnlyList<string> Architectures { get; } = [CxrNet.ArchitectureId, SeedCnn.ArchitectureId];

    public static CxrModel Create(string architecture, int inputSize, CxrNetOptions? net = null) => architecture switch
    {
        CxrNet.ArchitectureId => new CxrNet((net ?? new CxrNetOptions()) with { InputSize = inputSize }),
        SeedCnn.ArchitectureId => new SeedCnn(1, inputSize),
        _ => throw new ArgumentException($"Unknown architecture '{architecture}'. Choose one of: {string.Join(", ", Architectures)}."),
    };
}
