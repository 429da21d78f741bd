using Cxr.Inference;
using Cxr.Inference.Reporting;

namespace Cxr.Cli.Predictions;

/// <summary>A file the input guard refused as not a frontal chest X-ray (and no <c>--force</c>): the verdict, and no
/// label, probability or logit (they would read as a finding).</summary>
/// <param name="File">The path as given or found.</param>
/// <param name="InputCheck">Why it was refused.</param>
/// <param name="Timings">Where the time went.</param>
internal sealed record FileRefusal(string File, InputCheckReport InputCheck, FileTimings Timings) : IFileResult
{
    public static FileRefusal From(string file, Prediction prediction) =>
        new(file, InputCheckReport.From(prediction.InputCheck), FileTimings.From(prediction.Timings));
}
