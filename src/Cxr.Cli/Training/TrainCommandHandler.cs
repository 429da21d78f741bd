using System.Globalization;
using Cxr.Core.Data;
using Cxr.Core.Imaging;
using Cxr.Training.Augmentation;
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
        AnsiConsole.MarkupLine($"[bold]cxr train[/] preset [cyan]{options.Preset}[/]: {Markup.Escape(Describe(options))}{members}");

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

        if (args.EmaDecay is { } decay && !(decay == 0 || decay is > 0 and < 1))
        {
            throw new CliUsageException($"--ema must be a decay in (0, 1), e.g. 0.999, or 0 for off (got {decay.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (args.MixupAlpha is { } alpha && !(alpha >= 0 && double.IsFinite(alpha)))
        {
            throw new CliUsageException($"--mixup must be the Beta(α, α) parameter α > 0, e.g. 0.2, or 0 for off (got {alpha.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (args.Consistency is { } weight && !(weight >= 0 && double.IsFinite(weight)))
        {
            throw new CliUsageException($"--consistency must be a weight ≥ 0, e.g. 0.1, or 0 for off (got {weight.ToString(CultureInfo.InvariantCulture)}).");
        }

        var mixupAlpha = args.MixupAlpha ?? options.MixupAlpha;
        if (args.MixupProbability is { } probability)
        {
            if (probability is not (> 0 and <= 1))
            {
                throw new CliUsageException($"--mixup-probability must be in (0, 1], e.g. 0.5 (got {probability.ToString(CultureInfo.InvariantCulture)}).");
            }

            if (mixupAlpha == 0)
            {
                throw new CliUsageException("--mixup-probability needs mixup on: add --mixup ALPHA (e.g. --mixup 0.2).");
            }
        }

        var contrast = Contrast(args, options.Contrast, size);
        var augmentation = Framing(args, options.Augmentation);
        if (args.StandardizeIgnoresBlack && !(architecture == CxrNet.ArchitectureId && options.Net.Standardize))
        {
            throw new CliUsageException($"--standardize-ignore-black needs --arch {CxrNet.ArchitectureId} (the architecture that standardises each image); got {architecture}.");
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
            EmaDecay = args.EmaDecay ?? options.EmaDecay,
            MixupAlpha = mixupAlpha,
            MixupProbability = args.MixupProbability ?? options.MixupProbability,
            ConsistencyWeight = args.Consistency ?? options.ConsistencyWeight,
            Contrast = contrast,
            Trim = args.TrimBorders ? BorderTrim.Dark() : options.Trim,
            Augmentation = augmentation,
            Net = args.StandardizeIgnoresBlack ? options.Net with { StandardizeIgnoresBlack = true } : options.Net,
        };
    }

    /// <summary>The recipe in one line, for the header: the shape (and contrast step, when there is one) and schedule, then the EMA, mixup, consistency loss and framing by class when they are on.</summary>
    internal static string Describe(TrainingOptions options)
    {
        var contrast = (options.Trim.IsEnabled ? $", trim {options.Trim}" : string.Empty)
            + (options.Contrast.IsNone ? string.Empty : $", contrast {options.Contrast}");
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"{options.Architecture} at {options.InputSize} px{contrast}, {options.Epochs} epochs × {options.StepsPerEpoch} steps × batch {options.BatchSize}, {options.Optimizer} lr {options.LearningRate:G3}, {options.Threads} threads, seed {options.Seed}");
        if (options.Architecture == CxrNet.ArchitectureId && options.Net.Standardize && options.Net.StandardizeIgnoresBlack)
        {
            line += ", standardised over non-black pixels";
        }

        if (options.EmaDecay != 0)
        {
            line += string.Create(CultureInfo.InvariantCulture, $", EMA {options.EmaDecay:G}");
        }

        if (options.MixupAlpha != 0)
        {
            line += string.Create(CultureInfo.InvariantCulture, $", mixup α {options.MixupAlpha:G} on {options.MixupProbability:P0} of batches");
        }

        if (options.ConsistencyWeight != 0)
        {
            line += string.Create(CultureInfo.InvariantCulture, $", consistency λ {options.ConsistencyWeight:G}");
        }

        if (options.Augmentation.FramesByClass)
        {
            line += string.Create(CultureInfo.InvariantCulture, $", zoom-outs on {options.Augmentation.ZoomOutProbability:P0} of NORMAL and {options.Augmentation.PneumoniaZoomOutProbability:P0} of PNEUMONIA films");
        }

        return line;
    }

    /// <summary>The preset's augmentation with <c>--crop-min-area</c>, <c>--zoom-out-probability</c>,
    /// <c>--pneumonia-zoom-out-probability</c> and <c>--frame-probability</c> applied.</summary>
    private static AugmentationOptions Framing(TrainArguments args, AugmentationOptions preset)
    {
        if (args.CropMinArea is { } area && !(area > 0 && area <= 1))
        {
            throw new CliUsageException($"--crop-min-area must be a share of the film's area in (0, 1], e.g. 0.45; 1 = no crops (got {area.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (args.ZoomOutProbability is { } p && !(p >= 0 && p <= 1))
        {
            throw new CliUsageException($"--zoom-out-probability must be in [0, 1], e.g. 0.25 (got {p.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (args.PneumoniaZoomOutProbability is { } pp && !(pp >= 0 && pp <= 1))
        {
            throw new CliUsageException($"--pneumonia-zoom-out-probability must be in [0, 1], e.g. 0.4 (got {pp.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (args.FrameProbability is { } fp && !(fp >= 0 && fp <= 1))
        {
            throw new CliUsageException($"--frame-probability must be in [0, 1], e.g. 0.6 (got {fp.ToString(CultureInfo.InvariantCulture)}).");
        }

        var framed = preset with
        {
            FrameProbability = args.FrameProbability ?? preset.FrameProbability,
            CropMinArea = args.CropMinArea ?? preset.CropMinArea,
            ZoomOutProbability = args.ZoomOutProbability ?? preset.ZoomOutProbability,
            PneumoniaZoomOutProbability = args.PneumoniaZoomOutProbability ?? preset.PneumoniaZoomOutProbability,
        };
        if (args.PneumoniaZoomOutProbability is not null && !(framed.CropMinArea < 1 && framed.ZoomOutMax > 1))
        {
            throw new CliUsageException("--pneumonia-zoom-out-probability needs both crops and zoom-outs in the recipe (e.g. --preset robust); this recipe has " +
                $"{(framed.CropMinArea < 1 ? "crops" : "no crops")} and {(framed.ZoomOutMax > 1 ? "zoom-outs" : "no zoom-outs")}.");
        }

        return framed;
    }

    /// <summary>The contrast step <c>--contrast</c>, <c>--clahe-clip</c> and <c>--clahe-grid</c> ask for (the preset's
    /// when none is given), checked against the input size.</summary>
    private static ContrastStep Contrast(TrainArguments args, ContrastStep preset, int size)
    {
        var step = args.Contrast is null
            ? preset
            : ContrastStep.FromName(args.Contrast)
                ?? throw new CliUsageException($"Unknown --contrast '{args.Contrast}'. Choose one of: {string.Join(", ", ContrastStep.Names)}.");
        if (step.Method != ContrastMethod.Clahe)
        {
            if (args.ClaheClip is not null || args.ClaheGrid is not null)
            {
                throw new CliUsageException(
                    $"{(args.ClaheClip is not null ? "--clahe-clip" : "--clahe-grid")} applies only with --contrast clahe (the contrast step is {step.Name}).");
            }

            return step;
        }

        var clip = args.ClaheClip ?? step.ClipLimit;
        if (!(clip > 0 && clip <= ContrastStep.MaxClipLimit))
        {
            throw new CliUsageException(string.Create(CultureInfo.InvariantCulture,
                $"--clahe-clip must be in (0, {ContrastStep.MaxClipLimit}] (a multiple of a flat histogram's bin, e.g. 2); got {clip}."));
        }

        var grid = args.ClaheGrid ?? step.Grid;
        if (grid < 1 || grid > ContrastStep.MaxGrid || 2 * grid > size)
        {
            throw new CliUsageException(
                $"--clahe-grid must be 1 to {Math.Min(ContrastStep.MaxGrid, size / 2)} at --size {size} (tiles of at least 2 pixels); got {grid}.");
        }

        return ContrastStep.Clahe(clip, grid);
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
