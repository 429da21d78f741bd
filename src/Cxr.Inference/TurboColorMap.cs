namespace Cxr.Inference;

/// <summary>
/// The "Turbo" rainbow colour map (Google, 2019) as a 256-entry table, from the published degree-5 polynomial fit: dark
/// blue (0, low evidence) through green and yellow to dark red (1, high evidence). Unlike jet it has no sharp bands
/// that read as edges in the image.
/// </summary>
public static class TurboColorMap
{
    /// <summary>RGB triplets, index = round(value × 255).</summary>
    public static readonly (byte R, byte G, byte B)[] Table = Build();

    /// <summary>The colour of <paramref name="value"/> (clamped to [0, 1]; NaN counts as 0).</summary>
    public static (byte R, byte G, byte B) Color(float value) =>
        Table[float.IsNaN(value) ? 0 : (int)MathF.Round(Math.Clamp(value, 0f, 1f) * 255f)];

    private static (byte, byte, byte)[] Build()
    {
        var table = new (byte, byte, byte)[256];
        for (var i = 0; i < table.Length; i++)
        {
            var x = i / 255.0;
            var r = 0.13572138 + (x * (4.61539260 + (x * (-42.66032258 + (x * (132.13108234 + (x * (-152.94239396 + (x * 59.28637943)))))))));
            var g = 0.09140261 + (x * (2.19418839 + (x * (4.84296658 + (x * (-14.18503333 + (x * (4.27729857 + (x * 2.82956604)))))))));
            var b = 0.10667330 + (x * (12.64194608 + (x * (-60.58204836 + (x * (110.36276771 + (x * (-89.90310912 + (x * 27.34824973)))))))));
            table[i] = (ToByte(r), ToByte(g), ToByte(b));
        }

        return table;
    }

    private static byte ToByte(double channel) => (byte)Math.Round(Math.Clamp(channel, 0, 1) * 255);
}
