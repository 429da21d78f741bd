namespace Cxr.Training.Tests.Guard;

/// <summary>Records every report synchronously (unlike <see cref="Progress{T}"/>, which posts to the thread pool).</summary>
internal sealed class RecordingProgress : IProgress<int>
{
    public List<int> Reports { get; } = [];

    public void Report(int value) => Reports.Add(value);
}
