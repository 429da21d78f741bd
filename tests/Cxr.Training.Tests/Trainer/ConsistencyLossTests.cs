using Cxr.Training.Trainer;
using static TorchSharp.torch;

namespace Cxr.Training.Tests.Trainer;

public sealed class ConsistencyLossTests
{
    [Fact]
    public void It_is_the_mean_squared_difference_of_the_logits()
    {
        using var scope = NewDisposeScope();
        var whole = tensor(new[] { 1f, -2f, 0.5f });
        var tight = tensor(new[] { 2f, -2f, -0.5f });
        // (1² + 0² + 1²) / 3
        Assert.Equal(2f / 3, ConsistencyLoss.Of(whole, tight).item<float>(), 6);
        Assert.Equal(0f, ConsistencyLoss.Of(whole, whole.clone()).item<float>());
    }

    [Fact]
    public void Only_the_tighter_views_logits_get_a_gradient()
    {
        using var scope = NewDisposeScope();
        var whole = tensor(new[] { 1f, -2f }).requires_grad_();
        var tight = tensor(new[] { 3f, -1f }).requires_grad_();
        ConsistencyLoss.Of(whole, tight).backward();
        // d/dtight mean((tight − whole)²) = 2 (tight − whole) / B = (2, 1).
        Assert.Equal(new[] { 2f, 1f }, tight.grad!.data<float>().ToArray());
        Assert.True(whole.grad is null || whole.grad.abs().max().item<float>() == 0, "the whole film's logit got a gradient");
    }
}
