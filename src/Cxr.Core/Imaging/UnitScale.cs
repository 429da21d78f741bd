namespace Cxr.Core.Imaging;

/// <summary><c>b / 255f</c> for every byte value, computed once with that exact expression so the tensor is bit-identical
/// to dividing each pixel (a multiplication by 1/255 would differ in the last bit for some values).</summary>
internal static class UnitScale
{
    public static readonly float[] Table = Build();

    private static float[] Build()
    {
        var table = new float[256];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = i / 255f;
        }

        return table;
    }
}
