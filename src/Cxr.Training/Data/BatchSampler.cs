namespace Cxr.Training.Data;

/// <summary>
/// Draws training batches as indices into an <see cref="ImageCache"/>. Balanced mode fills each batch half with NORMAL and
/// half with PNEUMONIA images, each class walked through its own reshuffled permutation (the train split is ~74 %
/// pneumonia, and the held-out test set punishes a model that over-calls it). Unbalanced mode walks one shuffled
/// permutation of all images, like Keras' flow_from_directory.
/// </summary>
public sealed class BatchSampler
{
    private readonly int[][] pools;
    private readonly int[][] order;
    private readonly int[] cursor;
    private readonly bool balanced;

    /// <param name="labels">0/1 label per image.</param>
    /// <param name="balanced">Half the batch from each class.</param>
    public BatchSampler(IReadOnlyList<int> labels, bool balanced)
    {
        this.balanced = balanced;
        pools = balanced
            ? [Enumerable.Range(0, labels.Count).Where(i => labels[i] == 0).ToArray(), Enumerable.Range(0, labels.Count).Where(i => labels[i] == 1).ToArray()]
            : [Enumerable.Range(0, labels.Count).ToArray()];
        if (pools.Any(p => p.Length == 0))
        {
            throw new InvalidOperationException("Balanced sampling needs at least one NORMAL and one PNEUMONIA training image.");
        }

        order = pools.Select(p => (int[])p.Clone()).ToArray();
        cursor = new int[pools.Length];
        for (var i = 0; i < cursor.Length; i++)
        {
            cursor[i] = int.MaxValue; // reshuffle on first use
        }
    }

    /// <summary>Fills <paramref name="batch"/> with image indices, consuming <paramref name="random"/>.</summary>
    public void Next(Span<int> batch, Random random)
    {
        for (var i = 0; i < batch.Length; i++)
        {
            // Alternate classes so odd batch sizes stay within one image of balance.
            var pool = balanced ? i % 2 : 0;
            if (cursor[pool] >= order[pool].Length)
            {
                random.Shuffle(order[pool]);
                cursor[pool] = 0;
            }

            batch[i] = order[pool][cursor[pool]++];
        }
    }
}
