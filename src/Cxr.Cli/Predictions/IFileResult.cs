using System.Text.Json.Serialization;
using Cxr.Inference;

namespace Cxr.Cli.Predictions;

/// <summary>What became of one input file: a <see cref="FilePrediction"/>, a <see cref="FileRefusal"/> (the input guard
/// said it is not a chest X-ray) or a <see cref="FileFailure"/>. Each is also its row of <c>cxr predict --format
/// json</c>; only numbers and sentences are kept, not the images, so thousands of files fit in memory.</summary>
[JsonDerivedType(typeof(FilePrediction))]
[JsonDerivedType(typeof(FileRefusal))]
[JsonDerivedType(typeof(FileFailure))]
internal interface IFileResult
{
    /// <summary>The path as given or found.</summary>
    string File { get; }

    /// <summary>The result of a prediction; without <paramref name="force"/> an image the guard refuses keeps no label,
    /// probability or logit (they would read as a finding).</summary>
    static IFileResult From(string file, Prediction prediction, bool force) =>
        prediction.InputCheck.IsChestXray || force ? new FilePrediction(file, prediction) : FileRefusal.From(file, prediction);
}
