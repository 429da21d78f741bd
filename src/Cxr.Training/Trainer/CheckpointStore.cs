using System.Text.Json;
using Cxr.Training.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cxr.Training.Trainer;

/// <summary>The files of a training run's output folder that <c>--resume</c> and the best-epoch weights live in:
/// <see cref="ModelTrainer.CheckpointFile"/>, <see cref="ModelTrainer.OptimizerFile"/>, <see cref="ModelTrainer.StateFile"/>
/// and <see cref="ModelTrainer.BestWeightsFile"/>.</summary>
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

    /// <summary>Writes the last weights, the optimiser state and <paramref name="state"/>.</summary>
    public void Save(CxrModel model, optim.Optimizer optimizer, CheckpointState state)
    {
        // Write to temporary names and rename, so an interrupted save never leaves a half-written checkpoint.
        var weights = Path.Combine(directory, ModelTrainer.CheckpointFile);
        var optimizerPath = Path.Combine(directory, ModelTrainer.OptimizerFile);
        var statePath = Path.Combine(directory, ModelTrainer.StateFile);
        model.save(weights + ".tmp");
        SaveOptimizer(optimizer, optimizerPath + ".tmp");
        File.WriteAllText(statePath + ".tmp", JsonSerializer.Serialize(state, TrainingJson.Options));
        File.Move(weights + ".tmp", weights, overwrite: true);
        File.Move(optimizerPath + ".tmp", optimizerPath, overwrite: true);
        File.Move(statePath + ".tmp", statePath, overwrite: true);
    }

    /// <summary>Loads the last weights and the optimiser state; returns the saved state, with this run's options.</summary>
    /// <exception cref="FileNotFoundException">There is no checkpoint.</exception>
    /// <exception cref="InvalidOperationException">The checkpoint was made with another architecture, size or batch.</exception>
    public CheckpointState Load(CxrModel model, optim.Optimizer optimizer)
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
            throw new InvalidOperationException(
                $"The checkpoint in {directory} was made with --arch {saved.Architecture} --size {saved.InputSize} --batch {saved.BatchSize}; resume with the same settings.");
        }

        model.load(Path.Combine(directory, ModelTrainer.CheckpointFile));
        LoadOptimizer(optimizer, Path.Combine(directory, ModelTrainer.OptimizerFile));
        return state with { Options = options };
    }

    /// <summary>Keeps the model's current weights as the best epoch's.</summary>
    public void SaveBest(CxrModel model) => model.save(BestPath);

    /// <summary>Loads the best epoch's weights, when an epoch was best and its file exists.</summary>
    public void LoadBest(CxrModel model, int bestEpoch)
    {
        if (bestEpoch > 0 && File.Exists(BestPath))
        {
            model.load(BestPath);
        }
    }

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
