using System.Globalization;
using System.Text.Json;
using Cxr.Training.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cxr.Training.Trainer;

/// <summary>The files of a training run's output folder that <c>--resume</c> and the best-epoch weights live in:
/// <see cref="ModelTrainer.CheckpointFile"/>, <see cref="ModelTrainer.OptimizerFile"/>, <see cref="ModelTrainer.StateFile"/>,
/// <see cref="ModelTrainer.BestWeightsFile"/> and, with the weights' moving average on, <see cref="ModelTrainer.EmaWeightsFile"/>.</summary>
internal sealed class CheckpointStore
{
    private readonly string directory;
    private readonly TrainingOptions options;

    public CheckpointStore(string directory, TrainingOptions options)
    {
        this.directory = directory;
        this.options = options;
    }

    private string BestPath => Path.Combine(directory, ModelTrainer.BestWeightsFile);

    private string EmaPath => Path.Combine(directory, ModelTrainer.EmaWeightsFile);

    /// <summary>Writes the last weights, the optimiser state, the moving average's shadow (when on) and <paramref name="state"/>.</summary>
    public void Save(CxrModel model, optim.Optimizer optimizer, CheckpointState state, ExponentialMovingAverage? average = null)
    {
        // Write to temporary names and rename, so an interrupted save never leaves a half-written checkpoint.
        var weights = Path.Combine(directory, ModelTrainer.CheckpointFile);
        var optimizerPath = Path.Combine(directory, ModelTrainer.OptimizerFile);
        var statePath = Path.Combine(directory, ModelTrainer.StateFile);
        model.save(weights + ".tmp");
        SaveOptimizer(optimizer, optimizerPath + ".tmp");
        average?.Model.save(EmaPath + ".tmp");
        File.WriteAllText(statePath + ".tmp", JsonSerializer.Serialize(state, TrainingJson.Options));
        File.Move(weights + ".tmp", weights, overwrite: true);
        File.Move(optimizerPath + ".tmp", optimizerPath, overwrite: true);
        if (average is not null)
        {
            File.Move(EmaPath + ".tmp", EmaPath, overwrite: true);
        }

        File.Move(statePath + ".tmp", statePath, overwrite: true);
    }

    /// <summary>Loads the last weights, the optimiser state and the moving average's shadow (when on); returns the saved
    /// state, with this run's options.</summary>
    /// <exception cref="FileNotFoundException">There is no checkpoint.</exception>
    /// <exception cref="InvalidDataException">The checkpoint was made with another architecture, size or batch, or
    /// with another EMA decay or mixup (the shadow and the random stream would not continue), or with any other option
    /// that changes the run but the thread count (<see cref="TrainingOptionsDifference"/>), or its shadow is missing.</exception>
    public CheckpointState Load(CxrModel model, optim.Optimizer optimizer, ExponentialMovingAverage? average = null)
    {
        var statePath = Path.Combine(directory, ModelTrainer.StateFile);
        if (!File.Exists(statePath))
        {
            throw new FileNotFoundException($"Nothing to resume: {statePath} does not exist. Train without --resume first.");
        }

        var state = JsonSerializer.Deserialize<CheckpointState>(File.ReadAllText(statePath), TrainingJson.Options)
            ?? throw new InvalidDataException($"{statePath} is empty.");
        if (state.Options is { } saved && (saved.Architecture != options.Architecture || saved.InputSize != options.InputSize || saved.BatchSize != options.BatchSize))
        {
            throw new InvalidDataException(
                $"The checkpoint in {directory} was made with --arch {saved.Architecture} --size {saved.InputSize} --batch {saved.BatchSize}; resume with the same settings.");
        }

        if (state.Options is { } made && (made.EmaDecay != options.EmaDecay || made.ConsistencyWeight != options.ConsistencyWeight || made.MixupAlpha != options.MixupAlpha || (options.MixupAlpha != 0 && made.MixupProbability != options.MixupProbability)))
        {
            throw new InvalidDataException(
                $"The checkpoint in {directory} was made with {Describe(made)}; resume with the same settings (this run has {Describe(options)}).");
        }

        if (state.Options is { } recorded && TrainingOptionsDifference.Between(recorded, options) is [_, ..] differences)
        {
            throw new InvalidDataException(
                $"The checkpoint in {directory} was made with other settings than this run's ({string.Join("; ", differences)}); resume with the same command, or train without --resume.");
        }

        if (average is not null && !File.Exists(EmaPath))
        {
            throw new InvalidDataException($"The checkpoint in {directory} has no EMA weights ({ModelTrainer.EmaWeightsFile}); resume without --ema or start a new run.");
        }

        model.load(Path.Combine(directory, ModelTrainer.CheckpointFile));
        LoadOptimizer(optimizer, Path.Combine(directory, ModelTrainer.OptimizerFile));
        average?.Model.load(EmaPath);
        return state with { Options = options };
    }

    /// <summary>Keeps the model's current weights as the best epoch's (the shadow's, with the moving average on).</summary>
    public void SaveBest(CxrModel model) => model.save(BestPath);

    /// <summary>Loads the best epoch's weights, when an epoch was best and its file exists.</summary>
    public void LoadBest(CxrModel model, int bestEpoch)
    {
        if (bestEpoch > 0 && File.Exists(BestPath))
        {
            model.load(BestPath);
        }
    }

    /// <summary>The EMA, mixup and consistency settings in <c>cxr train</c>'s terms (the consistency weight only when on).</summary>
    private static string Describe(TrainingOptions o) =>
        $"--ema {o.EmaDecay.ToString(CultureInfo.InvariantCulture)} --mixup {o.MixupAlpha.ToString(CultureInfo.InvariantCulture)}"
        + (o.MixupAlpha != 0 ? $" --mixup-probability {o.MixupProbability.ToString(CultureInfo.InvariantCulture)}" : "")
        + (o.ConsistencyWeight != 0 ? $" --consistency {o.ConsistencyWeight.ToString(CultureInfo.InvariantCulture)}" : "");

    private static void SaveOptimizer(optim.Optimizer optimizer, string path)
    {
        switch (optimizer)
        {
            case AdamW adamW:
                adamW.save_state_dict(path);
                break;
            case RMSProp rmsProp:
                rmsProp.save_state_dict(path);
                break;
            default:
                throw new NotSupportedException(optimizer.GetType().Name);
        }
    }

    private static void LoadOptimizer(optim.Optimizer optimizer, string path)
    {
        switch (optimizer)
        {
            case AdamW adamW:
                adamW.load_state_dict(path);
                break;
            case RMSProp rmsProp:
                rmsProp.load_state_dict(path);
                break;
            default:
                throw new NotSupportedException(optimizer.GetType().Name);
        }
    }
}
