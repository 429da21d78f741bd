using Cxr.Core.Data;
using Cxr.Training.Models;
using Cxr.Training.Runs;
using Cxr.Training.Tests.Trainer;
using Cxr.Training.Trainer;

namespace Cxr.Training.Tests.Runs;

/// <summary>One uninterrupted tiny ensemble run (K = 3, 64 px, a few steps per member) on 16 real training films per
/// class, shared by the ensemble run tests; its folder is deleted at the end.</summary>
public sealed class EnsembleRunFixture : IDisposable
{
    public const int Members = 3;

    public EnsembleRunFixture()
    {
        Root = Directory.CreateTempSubdirectory("cxr-ensemble-run-").FullName;
        Films = SmallSubset.Records(16);
        ManifestPath = Path.Combine(Root, "films.csv");
        Manifest.Write(ManifestPath, Films);
        Output = Path.Combine(Root, "run");
        Observer = new RecordingObserver();
        Report = TrainingRun.Run(Request(Output), Observer, CancellationToken.None)
            ?? throw new InvalidOperationException("The uninterrupted ensemble run was interrupted.");
    }

    /// <summary>The recipe: a small cxrnet, dropout off (so an interrupted and resumed member ends with the same
    /// weights), no early stopping.</summary>
    public static TrainingOptions Options => SmallSubset.TinyOptions with { StepsPerEpoch = 4 };

    public string Root { get; }

    /// <summary>The training films, in manifest order.</summary>
    public IReadOnlyList<ImageRecord> Films { get; }

    public string ManifestPath { get; }

    /// <summary>The run's output folder.</summary>
    public string Output { get; }

    public TrainingReport Report { get; }

    public RecordingObserver Observer { get; }

    public string ModelPath => Path.Combine(Output, TrainingRun.ModelFile);

    /// <summary>An ensemble request over the fixture's films into <paramref name="output"/>.</summary>
    public TrainingRequest Request(string output, bool resume = false) => new()
    {
        ManifestPath = ManifestPath,
        Options = Options,
        OutputDirectory = output,
        CacheDirectory = null,
        Resume = resume,
        EnsembleMembers = Members,
        ModelName = "tiny-ensemble",
        CommandLine = "cxr train --ensemble 3 (test)",
    };

    /// <summary>Member <paramref name="index"/> (0-based) as it was exported: its final weights, in eval mode.</summary>
    public CxrModel LoadMember(int index)
    {
        var model = ModelFactory.Create(Options.Architecture, Options.InputSize, Options.Net);
        model.load(Path.Combine(EnsembleTrainingRun.MemberDirectory(Output, index), EnsembleTrainingRun.MemberWeightsFile));
        model.eval();
        return model;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
