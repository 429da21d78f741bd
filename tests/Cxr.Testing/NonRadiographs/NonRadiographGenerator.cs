using SkiaSharp;

namespace Cxr.Testing.NonRadiographs;

/// <summary>
/// Seeded generator of images that are not chest X-rays (never patient data): the same seed gives the same bytes. Sizes
/// 240–960 px with aspect ratios up to 16:9, encoded as JPEG or PNG at random.
/// </summary>
public static class NonRadiographGenerator
{
    private const string Words =
        "patient report findings impression history technique comparison lungs clear heart size normal no acute " +
        "process effusion pneumothorax consolidation opacity right left lower lobe signed date page of results " +
        "laboratory glucose sodium potassium reference range units order number clinic department radiology";

    private static readonly SKTypeface Typeface =
        (File.Exists("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf") ? SKTypeface.FromFile("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf") : null)
        ?? SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default;

    /// <summary><paramref name="perKind"/> images of every kind, in kind order.</summary>
    public static IReadOnlyList<NonRadiograph> Generate(int perKind, int seed = 2026)
    {
        var result = new List<NonRadiograph>();
        foreach (var kind in Enum.GetValues<NonRadiographKind>())
        {
            for (var i = 0; i < perKind; i++)
            {
                result.Add(Create(kind, i, seed));
            }
        }

        return result;
    }

    /// <summary>Image <paramref name="index"/> of <paramref name="kind"/>.</summary>
    public static NonRadiograph Create(NonRadiographKind kind, int index, int seed = 2026)
    {
        // Not HashCode.Combine: it is randomised per process, and the same seed must give the same images in every run.
        var random = new Random(unchecked((seed * 1_000_003) + ((int)kind * 10_007) + index));
        var (width, height) = Size(random);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            switch (kind)
            {
                case NonRadiographKind.ColorPhoto:
                    DrawScene(canvas, random, width, height, gray: false);
                    break;
                case NonRadiographKind.GrayPhoto:
                    DrawScene(canvas, random, width, height, gray: true);
                    break;
                case NonRadiographKind.TextPage:
                    DrawTextPage(canvas, random, width, height);
                    break;
                case NonRadiographKind.Screenshot:
                    DrawScreenshot(canvas, random, width, height);
                    break;
                case NonRadiographKind.Noise:
                    DrawNoise(bitmap, random);
                    break;
                case NonRadiographKind.Flat:
                    DrawFlat(bitmap, random);
                    break;
            }
        }

        var png = random.Next(2) == 0;
        using var data = bitmap.Encode(png ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg, 90);
        return new NonRadiograph(kind, $"{kind}-{index:000}.{(png ? "png" : "jpg")}", data.ToArray());
    }

    private static (int Width, int Height) Size(Random random)
    {
        var longSide = random.Next(240, 961);
        var aspect = 1 + (random.NextDouble() * 0.78);
        var shortSide = (int)(longSide / aspect);
        return random.Next(2) == 0 ? (longSide, shortSide) : (shortSide, longSide);
    }

    private static SKColor RandomColor(Random random, bool gray)
    {
        if (gray)
        {
            var v = (byte)random.Next(256);
            return new SKColor(v, v, v);
        }

        // Saturated enough to be a photo: hue anywhere, saturation 35–100 %.
        return SKColor.FromHsv(random.Next(360), 35 + random.Next(66), 30 + random.Next(71));
    }

    private static void DrawScene(SKCanvas canvas, Random random, int width, int height, bool gray)
    {
        using (var background = new SKPaint())
        {
            SKPoint start = new(random.Next(width), random.Next(height)), end = new(random.Next(width), random.Next(height));
            SKColor[] colors = [RandomColor(random, gray), RandomColor(random, gray), RandomColor(random, gray)];
            background.Shader = random.Next(2) == 0
                ? SKShader.CreateLinearGradient(start, end, colors, SKShaderTileMode.Mirror)
                : SKShader.CreateRadialGradient(start, Math.Max(width, height) * (0.3f + (float)random.NextDouble()), colors, SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, width, height, background);
        }

        var shapes = 3 + random.Next(12);
        using var paint = new SKPaint { IsAntialias = true };
        for (var s = 0; s < shapes; s++)
        {
            paint.Color = RandomColor(random, gray).WithAlpha((byte)(150 + random.Next(106)));
            paint.Style = random.Next(4) == 0 ? SKPaintStyle.Stroke : SKPaintStyle.Fill;
            paint.StrokeWidth = 2 + random.Next(12);
            float x = random.Next(width), y = random.Next(height), r = 10 + random.Next(Math.Min(width, height) / 3);
            switch (random.Next(3))
            {
                case 0:
                    canvas.DrawCircle(x, y, r, paint);
                    break;
                case 1:
                    canvas.DrawRect(x - r, y - (r / 2), r * 2, r, paint);
                    break;
                default:
                    using (var path = new SKPath())
                    {
                        path.MoveTo(x, y);
                        for (var p = 0; p < 2 + random.Next(4); p++)
                        {
                            path.LineTo(random.Next(width), random.Next(height));
                        }

                        path.Close();
                        canvas.DrawPath(path, paint);
                    }

                    break;
            }
        }
    }

    private static void DrawTextPage(SKCanvas canvas, Random random, int width, int height)
    {
        var paper = (byte)(225 + random.Next(31));
        // Most pages are gray scans; one in four has the yellowish tint of paper.
        var tint = random.Next(4) == 0 ? 4 + random.Next(10) : 0;
        canvas.Clear(new SKColor(paper, paper, (byte)(paper - tint)));
        var words = Words.Split(' ');
        var size = 9 + random.Next(10);
        using var font = new SKFont(Typeface, size);
        using var heading = new SKFont(Typeface, size * 1.6f) { Embolden = true };
        using var ink = new SKPaint { IsAntialias = true, Color = new SKColor(20, 20, 20) };
        var margin = width / 12f;
        var y = margin + heading.Size;
        canvas.DrawText("MEDICAL REPORT", margin, y, heading, ink);
        y += size * 2.5f;
        while (y < height - margin)
        {
            var x = margin;
            var lineEnd = random.Next(5) == 0 ? width / 2f : width - margin;
            while (true)
            {
                var word = words[random.Next(words.Length)];
                var advance = font.MeasureText(word + " ");
                if (x + advance > lineEnd)
                {
                    break;
                }

                canvas.DrawText(word, x, y, font, ink);
                x += advance;
            }

            y += size * (random.Next(6) == 0 ? 2.6f : 1.45f);
        }
    }

    private static void DrawScreenshot(SKCanvas canvas, Random random, int width, int height)
    {
        var dark = random.Next(3) == 0;
        var accent = RandomColor(random, gray: random.Next(4) == 0);
        canvas.Clear(dark ? new SKColor(32, 33, 36) : new SKColor(246, 247, 249));
        using var paint = new SKPaint { IsAntialias = true };
        using var font = new SKFont(Typeface, 12 + random.Next(5));
        paint.Color = accent;
        var bar = 28 + random.Next(20);
        canvas.DrawRect(0, 0, width, bar, paint);
        var sidebar = width / (4 + random.Next(3));
        paint.Color = dark ? new SKColor(45, 46, 50) : new SKColor(228, 231, 236);
        canvas.DrawRect(0, bar, sidebar, height - bar, paint);
        paint.Color = dark ? SKColors.WhiteSmoke : new SKColor(40, 40, 48);
        for (var item = 0; bar + 30 + (item * 26) < height; item++)
        {
            canvas.DrawText($"Menu item {item + 1}", 12, bar + 30 + (item * 26), font, paint);
        }

        for (var card = 0; card < 2 + random.Next(5); card++)
        {
            float x = sidebar + 16 + random.Next(Math.Max(1, width - sidebar - 200)), y = bar + 16 + random.Next(Math.Max(1, height - bar - 120));
            paint.Color = dark ? new SKColor(55, 56, 60) : SKColors.White;
            canvas.DrawRoundRect(x, y, 160 + random.Next(120), 70 + random.Next(60), 8, 8, paint);
            paint.Color = random.Next(2) == 0 ? accent : RandomColor(random, gray: false);
            canvas.DrawRoundRect(x + 12, y + 40, 80, 24, 6, 6, paint);
            paint.Color = dark ? SKColors.White : SKColors.Black;
            canvas.DrawText("Submit", x + 24, y + 57, font, paint);
            canvas.DrawText("Card title", x + 12, y + 24, font, paint);
        }
    }

    private static void DrawNoise(SKBitmap bitmap, Random random)
    {
        var color = random.Next(2) == 0;
        var grain = 1 << random.Next(5);
        int width = bitmap.Width, height = bitmap.Height;
        int cellsX = (width + grain - 1) / grain, cellsY = (height + grain - 1) / grain;
        // One random RGB value per grain × grain cell.
        var cells = new byte[cellsX * cellsY * 3];
        random.NextBytes(cells);
        var pixels = bitmap.GetPixelSpan();
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var c = (((y / grain) * cellsX) + (x / grain)) * 3;
                var i = ((y * width) + x) * 4;
                pixels[i] = cells[c];
                pixels[i + 1] = color ? cells[c + 1] : cells[c];
                pixels[i + 2] = color ? cells[c + 2] : cells[c];
                pixels[i + 3] = 255;
            }
        }

        bitmap.NotifyPixelsChanged();
    }

    private static void DrawFlat(SKBitmap bitmap, Random random)
    {
        var tone = RandomColor(random, gray: random.Next(2) == 0);
        var jitter = random.Next(3) * 2;
        var pixels = bitmap.GetPixelSpan();
        for (var i = 0; i < pixels.Length; i += 4)
        {
            var n = jitter == 0 ? 0 : random.Next(-jitter, jitter + 1);
            pixels[i] = (byte)Math.Clamp(tone.Red + n, 0, 255);
            pixels[i + 1] = (byte)Math.Clamp(tone.Green + n, 0, 255);
            pixels[i + 2] = (byte)Math.Clamp(tone.Blue + n, 0, 255);
            pixels[i + 3] = 255;
        }

        bitmap.NotifyPixelsChanged();
    }
}
