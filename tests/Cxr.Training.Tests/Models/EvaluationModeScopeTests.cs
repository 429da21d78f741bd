using Cxr.Training.Models;

namespace Cxr.Training.Tests.Models;

public sealed class EvaluationModeScopeTests
{
    [Fact]
    public void A_training_model_is_in_eval_mode_inside_and_training_again_after()
    {
        using var model = SmallNet();
        model.train();
        using (model.EvaluationMode())
        {
            Assert.False(model.training);
            Assert.All(model.modules(), m => Assert.False(m.training));
        }

        Assert.True(model.training);
        Assert.All(model.modules(), m => Assert.True(m.training));
    }

    [Fact]
    public void An_eval_mode_model_stays_in_eval_mode()
    {
        using var model = SmallNet();
        model.eval();
        using (model.EvaluationMode())
        {
            Assert.False(model.training);
        }

        Assert.False(model.training);
    }

    private static CxrNet SmallNet() => new(new CxrNetOptions(InputSize: 32, StemWidth: 4, Widths: [8], ConvsPerBlock: 1, HeadDropout: 0.5));
}
