namespace Cxr.Training.Guard;

/// <summary>Applies a <see cref="FilmTransform"/> to a square 8-bit image (row-major, <c>side × side</c>).</summary>
public static class FilmTransforms
{
    /// <summary>Writes <paramref name="source"/> transformed into <paramref name="destination"/> (both
    /// <c>side × side</c>, not overlapping).</summary>
    /// <exception cref="ArgumentException">A span is not <c>side × side</c> long.</exception>
    public static void Apply(FilmTransform transform, ReadOnlySpan<byte> source, Span<byte> destination, int side)
    {
        var plane = side * side;
        if (source.Length != plane || destination.Length != plane)
        {
            throw new ArgumentException($"Both images must hold {side} × {side} = {plane} pixels.");
        }

        switch (transform)
        {
            case FilmTransform.None:
                source.CopyTo(destination);
                break;
            case FilmTransform.Invert:
                for (var i = 0; i < plane; i++)
                {
                    destination[i] = (byte)(255 - source[i]);
                }

                break;
            case FilmTransform.Rotate90Clockwise:
                // Output row y, column x comes from input row (side − 1 − x), column y.
                for (var y = 0; y < side; y++)
                {
                    for (var x = 0; x < side; x++)
                    {
                        destination[(y * side) + x] = source[((side - 1 - x) * side) + y];
                    }
                }

                break;
            case FilmTransform.Rotate90CounterClockwise:
                // Output row y, column x comes from input row x, column (side − 1 − y).
                for (var y = 0; y < side; y++)
                {
                    for (var x = 0; x < side; x++)
                    {
                        destination[(y * side) + x] = source[(x * side) + (side - 1 - y)];
                    }
                }

                break;
            case FilmTransform.Rotate180:
                for (var i = 0; i < plane; i++)
                {
                    destination[i] = source[plane - 1 - i];
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(transform), transform, "Unknown film transform.");
        }
    }
}
