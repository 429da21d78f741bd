namespace Cxr.Testing.Fuzzing;

/// <summary>One fuzz input: its bytes and what it is (seed file and mutations), enough to rebuild it with
/// <see cref="ImageMutator.Create"/> from the run's seed and <see cref="Index"/>.</summary>
/// <param name="Index">Position in the run (0-based).</param>
/// <param name="Data">The mutated encoded image (may be empty).</param>
/// <param name="Description">The seed file and each mutation, e.g. <c>png-gray:person1_virus_6 flip×3 truncate@812</c>.</param>
public sealed record FuzzCase(int Index, byte[] Data, string Description);
