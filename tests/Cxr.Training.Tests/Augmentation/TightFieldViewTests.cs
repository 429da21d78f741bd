using Cxr.Training.Augmentation;
using static TorchSharp.torch;

namespace Cxr.Training.Tests.Augmentation;

public sealed class TightFieldViewTests
{
    private const int Side = 32;

    [Fact]
    public void The_identity_view_is_the_image()
    {
        using var scope = NewDisposeScope();
        var batch = rand(2, 1, Side, Side, generator: new TorchSharp.torch.Generator(3));
        var views = TightFieldView.Apply(batch, [TightFieldDraw.Identity, TightFieldDraw.Identity]);
        Assert.Equal(batch.shape, views.shape);
        Assert.True((views - batch).abs().max().item<float>() < 1e-5f, "the identity view moved pixels");
    }

    [Fact]
    public void A_frame_blacks_out_its_width_on_every_edge_and_leaves_the_inside_alone()
    {
        using var scope = NewDisposeScope();
        var batch = rand(1, 1, Side, Side, generator: new TorchSharp.torch.Generator(5)) * 0.5 + 0.5;
        // 0.125 of 32 is 4 pixels a side.
        var view = TightFieldView.Apply(batch, [new TightFieldDraw(1, 1, 0, 0, 0.125)]);
        Assert.Equal(0f, view[0, 0, ..4, ..].abs().max().item<float>());
        Assert.Equal(0f, view[0, 0, ^4.., ..].abs().max().item<float>());
        Assert.Equal(0f, view[0, 0, .., ..4].abs().max().item<float>());
        Assert.Equal(0f, view[0, 0, .., ^4..].abs().max().item<float>());
        var inside = (view[0, 0, 4..^4, 4..^4] - batch[0, 0, 4..^4, 4..^4]).abs().max().item<float>();
        Assert.True(inside < 1e-5f, $"the frame changed the inside by {inside}");
    }

    [Fact]
    public void A_crop_magnifies_its_window_onto_the_whole_view()
    {
        using var scope = NewDisposeScope();
        // A horizontal ramp: the crop keeping the right half (field 0.5 centred at +0.5) spans the ramp's right half.
        var ramp = (arange(Side, float32) + 1).div(Side).view(1, 1, 1, Side).expand(1, 1, Side, Side).contiguous();
        var view = TightFieldView.Apply(ramp, [new TightFieldDraw(0.5, 1, 0.5, 0, 0)]);
        // Output column c sits at x = (2c + 1)/32 − 1 and samples the input at 0.5·x + 0.5, i.e. input pixel 16 + c/2 − 0.25,
        // where the ramp reads (17 + c/2 − 0.25)/32: 0.5234 at column 0, 0.9922 at column 30.
        Assert.Equal(16.75f / Side, view[0, 0, 10, 0].item<float>(), 4);
        Assert.Equal(31.75f / Side, view[0, 0, 10, 30].item<float>(), 4);
        // Rows are untouched by a crop that keeps the whole height.
        Assert.True((view[0, 0, 0] - view[0, 0, Side - 1]).abs().max().item<float>() < 1e-5f);
    }

    [Fact]
    public void Draws_stay_in_their_ranges_and_are_crops_about_half_the_time()
    {
        var random = new Random(11);
        var draws = Enumerable.Range(0, 200).SelectMany(_ => TightFieldView.Draw(random, 10)).ToList();
        var crops = draws.Where(d => d.FrameWidth == 0).ToList();
        var frames = draws.Where(d => d.FrameWidth != 0).ToList();
        Assert.InRange(crops.Count, 900, 1100);
        Assert.All(crops, d =>
        {
            Assert.InRange(d.FieldX, TightFieldView.MinField, TightFieldView.MaxField);
            Assert.InRange(d.FieldY, TightFieldView.MinField, TightFieldView.MaxField);
            Assert.InRange(Math.Abs(d.CenterX), 0, 1 - d.FieldX);
            Assert.InRange(Math.Abs(d.CenterY), 0, 1 - d.FieldY);
        });
        Assert.All(frames, d =>
        {
            Assert.InRange(d.FrameWidth, TightFieldView.MinFrame, TightFieldView.MaxFrame);
            Assert.Equal((1, 1, 0, 0), (d.FieldX, d.FieldY, d.CenterX, d.CenterY));
        });
        // The ranges are covered, not just a corner of them.
        Assert.True(crops.Min(d => d.FieldX) < 0.72 && crops.Max(d => d.FieldX) > 0.93);
        Assert.True(frames.Min(d => d.FrameWidth) < 0.04 && frames.Max(d => d.FrameWidth) > 0.11);
    }

    [Fact]
    public void Skip_consumes_what_draw_consumes()
    {
        var drawn = new Random(7);
        var skipped = new Random(7);
        _ = TightFieldView.Draw(drawn, 13);
        TightFieldView.Skip(skipped, 13);
        Assert.Equal(drawn.NextDouble(), skipped.NextDouble());
    }

    [Fact]
    public void Draws_for_another_batch_size_are_refused()
    {
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => TightFieldView.Apply(zeros(3, 1, Side, Side), [TightFieldDraw.Identity]));
        Assert.StartsWith("The view draws are for 1 images; the batch has 3.", error.Message, StringComparison.Ordinal);
    }
}
