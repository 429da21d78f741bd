using Cxr.Core.Data;
using Cxr.Testing;

namespace Cxr.Cli.Tests.Infrastructure;

/// <summary>A tiny ensemble trained once per test process by <c>cxr train --ensemble 2</c> as a child process (the
/// command loads TorchSharp, which this process must not): 12 real training films per class, 64 px, one epoch of two
/// steps per member. Its folder is deleted at exit.</summary>
internal static class TrainedEnsemble
{
    public const int Members = 2;

    private static readonly Lazy<Task<(string Output, CliRun Run)>> Lazy = new(TrainAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The arguments after <c>--manifest FILE --out FOLDER</c> that every ensemble run of these tests uses.</summary>
    public static string[] Recipe { get; } =
        ["--ensemble", "2", "--size", "64", "--epochs", "1", "--steps-per-epoch", "2", "--batch", "8", "--threads", "1", "--seed", "5", "--cache", "none"];

    /// <summary>The run's output folder (model.onnx, member-1, member-2, oof.csv, …) and what the run printed.</summary>
    public static Task<(string Output, CliRun Run)> Value => Lazy.Value;

    /// <summary>The training films' manifest.</summary>
    public static string Manifest => Path.Combine(Root, "films.csv");

    private static string Root { get; } = Path.Combine(Path.GetTempPath(), "cxr-cli-ensemble-" + Guid.NewGuid().ToString("N"));

    private static async Task<(string Output, CliRun Run)> TrainAsync()
    {
        Directory.CreateDirectory(Root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is not worth failing over.
            }
        };

        var films = new List<ImageRecord>();
        foreach (var (folder, label) in new[] { ("NORMAL", CxrLabel.Normal), ("PNEUMONIA", CxrLabel.Pneumonia) })
        {
            films.AddRange(Directory.GetFiles(Path.Combine(TestData.DataRoot, "train", folder), "*.jpeg")
                .Order(StringComparer.Ordinal)
                .Take(12)
                .Select(f => new ImageRecord(f, label, label == CxrLabel.Normal ? "normal" : "unknown", Path.GetFileNameWithoutExtension(f), "", SplitNames.Train)));
        }

        Core.Data.Manifest.Write(Manifest, films);
        var output = Path.Combine(Root, "ensemble");
        var run = await CxrProcess.RunAsync(Root, ["train", "--manifest", Manifest, "--out", output, .. Recipe], TimeSpan.FromMinutes(10));
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"cxr train --ensemble failed ({run.ExitCode}): {run.Error}\n{run.Out}");
        }

        return (output, run);
    }
}
