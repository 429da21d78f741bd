using Cxr.Training.Guard;

namespace Cxr.Training.Tests.Guard;

public sealed class FilmTransformsTests
{
    // 1 2 3
    // 4 5 6
    // 7 8 9
    private static readonly byte[] Pattern = [1, 2, 3, 4, 5, 6, 7, 8, 9];

    [Fact]
    public void Clockwise_turns_the_left_column_into_the_top_row()
    {
        Assert.Equal(new byte[] { 7, 4, 1, 8, 5, 2, 9, 6, 3 }, Apply(FilmTransform.Rotate90Clockwise, Pattern, 3));
    }

    [Fact]
    public void Counter_clockwise_turns_the_right_column_into_the_top_row()
    {
        Assert.Equal(new byte[] { 3, 6, 9, 2, 5, 8, 1, 4, 7 }, Apply(FilmTransform.Rotate90CounterClockwise, Pattern, 3));
    }

    [Fact]
    public void Invert_maps_each_level_to_its_negative()
    {
        byte[] levels = [0, 1, 127, 128, 254, 255, 10, 20, 30];
        Assert.Equal(new byte[] { 255, 254, 128, 127, 1, 0, 245, 235, 225 }, Apply(FilmTransform.Invert, levels, 3));
    }

    [Fact]
    public void None_copies()
    {
        Assert.Equal(Pattern, Apply(FilmTransform.None, Pattern, 3));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void Quarter_turns_undo_each_other_and_four_make_a_whole_turn(int side)
    {
        var random = new Random(side);
        var image = new byte[side * side];
        random.NextBytes(image);

        Assert.Equal(image, Apply(FilmTransform.Rotate90CounterClockwise, Apply(FilmTransform.Rotate90Clockwise, image, side), side));
        Assert.Equal(image, Apply(FilmTransform.Rotate90Clockwise, Apply(FilmTransform.Rotate90CounterClockwise, image, side), side));

        var turned = image;
        for (var i = 0; i < 4; i++)
        {
            turned = Apply(FilmTransform.Rotate90Clockwise, turned, side);
        }

        Assert.Equal(image, turned);

        // Two clockwise quarter turns are a half turn: the pixels in reverse order.
        var half = Apply(FilmTransform.Rotate90Clockwise, Apply(FilmTransform.Rotate90Clockwise, image, side), side);
        Assert.Equal(image.Reverse(), half);
    }

    [Fact]
    public void Inverting_twice_is_the_identity()
    {
        var image = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        Assert.Equal(image, Apply(FilmTransform.Invert, Apply(FilmTransform.Invert, image, 16), 16));
    }

    [Theory]
    [InlineData(8, 9)]
    [InlineData(9, 10)]
    [InlineData(0, 9)]
    public void Images_that_are_not_side_by_side_are_refused(int sourceLength, int destinationLength)
    {
        var error = Assert.Throws<ArgumentException>(
            () => FilmTransforms.Apply(FilmTransform.Rotate90Clockwise, new byte[sourceLength], new byte[destinationLength], 3));
        Assert.Equal("Both images must hold 3 × 3 = 9 pixels.", error.Message);
    }

    [Fact]
    public void An_unknown_transform_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => FilmTransforms.Apply((FilmTransform)42, Pattern, new byte[9], 3));
        Assert.Equal("transform", error.ParamName);
    }

    [Fact]
    public void The_fitter_gives_the_four_transforms_in_turn()
    {
        Assert.Equal(
            [FilmTransform.Rotate90Clockwise, FilmTransform.Rotate90CounterClockwise, FilmTransform.Invert, FilmTransform.Rotate180, FilmTransform.Rotate90Clockwise],
            Enumerable.Range(0, 5).Select(InputGuardFitter.TransformOf));
    }

    [Fact]
    public void A_half_turn_reverses_the_pixel_order_and_two_make_the_identity()
    {
        Assert.Equal(new byte[] { 9, 8, 7, 6, 5, 4, 3, 2, 1 }, Apply(FilmTransform.Rotate180, Pattern, 3));
        Assert.Equal(Pattern, Apply(FilmTransform.Rotate180, Apply(FilmTransform.Rotate180, Pattern, 3), 3));
        Assert.Equal(Apply(FilmTransform.Rotate180, Pattern, 3), Apply(FilmTransform.Rotate90Clockwise, Apply(FilmTransform.Rotate90Clockwise, Pattern, 3), 3));
    }

    private static byte[] Apply(FilmTransform transform, byte[] source, int side)
    {
        var destination = new byte[source.Length];
        FilmTransforms.Apply(transform, source, destination, side);
        return destination;
    }
}
