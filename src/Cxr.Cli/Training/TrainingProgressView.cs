using System.Diagnostics;
using Cxr.Training.Trainer;
using Spectre.Console;

namespace Cxr.Cli.Training;

/// <summary>
/// Shows a training run: a live Spectre progress bar (phase, ensemble member, epoch, step, loss, images/s, ETA of the
/// model and, for an ensemble, of all its members) on a terminal, or one plain
/// line every few seconds when output goes to a file, so logs of background runs stay readable. Epoch results are printed
/// as lines in both cases.
/// </summary>
public sealed class TrainingProgressView : ITrainingObserver
{
    private static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(15);
    private readonly ProgressContext? context;
    private readonly Stopwatch sinceLine = Stopwatch.StartNew();
    private ProgressTask? task;
    private string phase = "";

    // "member k/K " while an ensemble member trains (from its last step), so its epoch lines say whose they are.
    private string member = "";

    private TrainingProgressView(ProgressContext? context)
    {
        this.context = context;
    }

    /// <summary>Runs <paramref name="work"/> with a view attached and returns its result.</summary>
    public static T Run<T>(Func<ITrainingObserver, T> work)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive || Console.IsOutputRedirected)
        {
            return work(new TrainingProgressView(null));
        }

        return AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx => work(new TrainingProgressView(ctx)));
    }

    public void OnPhase(string phase, int total = 0)
    {
        if (task is not null && !task.IsFinished)
        {
            task.Value = task.MaxValue;
            task.StopTask();
        }

        this.phase = phase;
        if (context is null)
        {
            Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {phase}{(total > 0 ? $" ({total})" : "")}");
            return;
        }

        task = context.AddTask(Markup.Escape(phase), maxValue: Math.Max(1, total));
        if (total == 0)
        {
            task.IsIndeterminate = true;
        }
    }

    public void OnPhaseProgress(int done)
    {
        if (task is not null)
        {
            task.Value = done;
        }
        else if (sinceLine.Elapsed > LineInterval)
        {
            Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {phase}: {done}");
            sinceLine.Restart();
        }
    }

    public void OnStep(TrainingStepInfo info)
    {
        member = info.Members > 0 ? $"member {info.Member}/{info.Members} " : "";
        var eta = info.EnsembleEta is { } all ? $"ETA {Clock.Format(info.Eta)} (ensemble {Clock.Format(all)})" : $"ETA {Clock.Format(info.Eta)}";
        var text = $"{member}epoch {info.Epoch}/{info.Epochs} step {info.Step}/{info.StepsPerEpoch} loss {info.Loss:F4} {info.ImagesPerSecond:F0} img/s {eta}";
        if (task is not null)
        {
            task.Value = info.GlobalStep;
            task.Description = Markup.Escape(text);
        }
        else if (sinceLine.Elapsed > LineInterval)
        {
            Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {text}");
            sinceLine.Restart();
        }
    }

    public void OnEpoch(EpochRecord record)
    {
        var line = $"{member}epoch {record.Epoch}: train loss {record.TrainLoss:F4} | val loss {record.ValidationLoss:F4} AUC {record.ValidationAuc:F4} acc {record.ValidationAccuracy:P1} sens {record.ValidationSensitivity:P1} spec {record.ValidationSpecificity:P1} | {record.ImagesPerSecond:F0} img/s {record.Seconds:F0} s RSS {record.ResidentMemoryMb:F0} MB{(record.IsBest ? " *best" : "")}";
        if (context is null)
        {
            Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");
        }
        else
        {
            AnsiConsole.MarkupLine(Markup.Escape(line));
        }
    }

    public void OnMessage(string message)
    {
        if (context is null)
        {
            Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
        }
        else
        {
            AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(message)}[/]");
        }
    }
}
