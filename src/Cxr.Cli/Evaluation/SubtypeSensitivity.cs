namespace Cxr.Cli.Evaluation;

/// <summary>How many PNEUMONIA images of one subtype were called PNEUMONIA.</summary>
/// <param name="Subtype"><c>bacteria</c> or <c>virus</c>.</param>
/// <param name="N">Images of this subtype.</param>
/// <param name="Detected">Of those, predicted PNEUMONIA at the threshold.</param>
internal sealed record SubtypeSensitivity(string Subtype, int N, int Detected)
{
    /// <summary>Detected / N; NaN when the split has no image of this subtype.</summary>
    public double Sensitivity => N == 0 ? double.NaN : Detected / (double)N;
}
