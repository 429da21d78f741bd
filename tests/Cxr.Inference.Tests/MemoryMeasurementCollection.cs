namespace Cxr.Inference.Tests;

/// <summary>Runs <see cref="MemoryTests"/> alone, after the parallel tests.</summary>
[CollectionDefinition(MemoryTests.Alone, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection;
