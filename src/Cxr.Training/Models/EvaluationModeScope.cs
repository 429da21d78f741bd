using static TorchSharp.torch;

namespace Cxr.Training.Models;

/// <summary>Eval mode for the length of a <c>using</c> (from <see cref="CxrModel.EvaluationMode"/>): the model is put in
/// eval mode, and back in training mode on dispose if it was training. A helper that needs eval-mode outputs thus leaves
/// the caller's model in the mode the caller chose.</summary>
public sealed class EvaluationModeScope : IDisposable
{
    private readonly nn.Module module;
    private readonly bool wasTraining;

    internal EvaluationModeScope(nn.Module module)
    {
        this.module = module;
        wasTraining = module.training;
        module.eval();
    }

    public void Dispose()
    {
        if (wasTraining)
        {
            module.train();
        }
    }
}
