using Cxr.Core.Data;
using Cxr.Training.Models;
using Cxr.Training.Runs;
using Cxr.Training.Trainer;
using Spectre.Console;

namespace Cxr.Cli.Training;

/// <summary>Runs <c>cxr train</c>: turns arguments into a <see cref="TrainingRequest"/>, shows progress, prints the result.</summary>
public static class TrainCommandHandler
{
    public static int Run(TrainArguments args, CancellationToken cancellationToken)
    {
        if ((args.Data is null) == (args.Manifest is null))
        {
            throw new CliUsageException("Give exactly one of --data ROOT or --manifest FILE.");
        }

        var options = BuildOptions(args);
        var cacheDir = args.Cache switch
        {
            "none" => null,
            null => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "cxr"),
            var dir => dir,
        };
        var request = new TrainingRequest
        {
            DataRoot = args.Data,
            ManifestPath = args.Manifest,
            ValidationFraction = args.ValidationFraction ?? DefaultValidationFraction,
            EnsembleMembers = args.Ensemble ?? 1,
            Options = options,
            OutputDirectory = args.Output,
            CacheDirectory = cacheDir,
            Resume = args.Resume,
            ModelName = args.Name ?? new DirectoryInfo(Path.GetFullPath(args.Output)).Name,
            CommandLine = "cxr " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1).Select(Quote)),
        };

        var members = args.Ensemble is { } k
            ? $"; ensemble of {k} members on {k} patient-grouped folds, seeds {options.Seed}–{options.Seed + k - 1}"
            : "";
        AnsiConsole.MarkupLine($"[bold]cxr train[/] preset [cyan]{options.Preset}[/]: {options.Architecture} at {options.InputSize} px, {options.Epochs} epochs × {options.StepsPerEpoch} steps × batch {options.BatchSize}, {options.Optimizer} lr {options.LearningRate:G3}, {options.Threads} threads, seed {options.Seed}{members}");

        // Ctrl+C: finish the current step, save a checkpoint, exit cleanly. A second Ctrl+C kills the process.
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (!interrupt.IsCancellationRequested)
            {
                e.Cancel = true;
                interrupt.Cancel();
                AnsiConsole.MarkupLine("[yellow]Stopping after this step and saving a checkpoint (Ctrl+C again to kill)...[/]");
            }
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var report = TrainingProgressView.Run(observer => TrainingRun.Run(request, observer, interrupt.Token));
            if (report is null)
            {
                AnsiConsole.MarkupLine($"[yellow]Interrupted.[/] Checkpoint saved in {Markup.Escape(Path.GetFullPath(args.Output))}; continue with the same command plus --resume.");
                return 130;
            }

            TrainingSummary.Print(report);
            if (report.ModelPath is { } modelPath)
            {
                // The model as it will be served: ONNX Runtime must reproduce TorchSharp's probe outputs on this machine
                // (a ModelLoadException here is one plain error line and exit code 1; the file stays for inspection).
                using var predictor = Cxr.Inference.ChestXrayPredictor.Load(modelPath, new Cxr.Inference.PredictorOptions(IntraOpThreads: 1, WarmUp: false));
                AnsiConsole.MarkupLine(Markup.Escape($"Self-test in ONNX Runtime: passed ({Cxr.Cli.Commands.ModelInfoCommand.DescribeSelfTest(predictor.Model.SelfTest!)})"));
            }

            return 0;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Share of patients held out for validation when <c>--val-fraction</c> is not given.</summary>
    public const double DefaultValidationFraction = 0.12;

    internal static TrainingOptions BuildOptions(TrainArguments args)
    {
        var options = TrainingPresets.Get(args.Preset);
        var architecture = args.Architecture ?? options.Architecture;
        if (!ModelFactory.Architectures.Contains(architecture))
        {
            throw new CliUsageException($"Unknown --arch '{architecture}'. Choose one of: {string.Join(", ", ModelFactory.Architectures)}.");
        }

        var size = args.Size ?? (architecture == options.Architecture ? options.InputSize : architecture == SeedCnn.ArchitectureId ? SeedCnn.DefaultInputSize : 224);
        Positive("--size", size, 32);
        Positive("--epochs", args.Epochs ?? 1, 1);
        Positive("--steps-per-epoch", args.StepsPerEpoch ?? 1, 1);
        Positive("--batch", args.Batch ?? 2, 2);
        Positive("--threads", args.Threads ?? 1, 1);
        if (args.LearningRate is <= 0 or > 1)
        {
            throw new CliUsageException("--lr must be in (0, 1].");
        }

        if (args.ValidationFraction is <= 0 or >= 0.9)
        {
            throw new CliUsageException("--val-fraction must be between 0 and 0.9 (e.g. 0.12).");
        }

        CheckEnsemble(args, architecture);

        if (args.ThresholdPolicy is not null)
        {
            _ = Cxr.Core.Evaluation.ThresholdPolicy.Parse(args.ThresholdPolicy);
        }

        return options with
        {
            Architecture = architecture,
            InputSize = size,
            Epochs = args.Epochs ?? options.Epochs,
            StepsPerEpoch = args.StepsPerEpoch ?? options.StepsPerEpoch,
            BatchSize = args.Batch ?? options.BatchSize,
            LearningRate = args.LearningRate ?? options.LearningRate,
            Seed = args.Seed ?? options.Seed,
            Threads = args.Threads ?? options.Threads,
            ThresholdPolicy = args.ThresholdPolicy ?? options.ThresholdPolicy,
        };
    }

    private static void CheckEnsemble(TrainArguments args, string architecture)
    {
        if (args.Ensemble is not { } k)
        {
            return;
        }

        if (k < 2)
        {
            throw new CliUsageException($"--ensemble must be at least 2 (the number of members; got {k}); leave it out to train one model.");
        }

        if (k > PatientGroupedFolds.MaxFolds)
        {
            throw new CliUsageException($"--ensemble must be at most {PatientGroupedFolds.MaxFolds} (got {k}): each member is validated on 1/K of the patients.");
        }

        if (architecture != CxrNet.ArchitectureId)
        {
            throw new CliUsageException($"--ensemble needs --arch {CxrNet.ArchitectureId}: the ensemble's heatmap is the mean of its members' class-activation maps, which {architecture} does not have.");
        }

        if (args.ValidationFraction is not null)
        {
            throw new CliUsageException("--val-fraction does not apply with --ensemble: every training film is held out by the one member that does not train on it.");
        }
    }

    private static void Positive(string name, int value, int minimum)
    {
        if (value < minimum)
        {
            throw new CliUsageException($"{name} must be at least {minimum}.");
        }
    }

    private static string Quote(string arg) => arg.Contains(' ', StringComparison.Ordinal) ? $"\"{arg}\"" : arg;
}
