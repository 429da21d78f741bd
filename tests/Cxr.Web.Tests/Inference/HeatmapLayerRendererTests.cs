using Cxr.Inference;
using Cxr.Web.Inference;
using Cxr.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Cxr.Web.Tests.Inference;

public sealed class HeatmapLayerRendererTests(DefaultApp app) : IClassFixture<DefaultApp>
{
    // The layer is encoded by PngWriter, not SkiaSharp: a standard decoder must still read back exactly the Turbo colour
    // of every heatmap value, fully opaque (the page sets the opacity).
    [Fact]
    public void The_layer_decodes_to_the_turbo_colour_of_every_heatmap_value()
    {
        var predictor = app.Factory.Services.GetRequiredService<ModelHost>().Predictor;
        var heatmap = predictor.Predict(TestUploads.Pneumonia, new PredictionRequest(Heatmap: true)).Heatmap!;

        using var bitmap = SKBitmap.Decode(HeatmapLayerRenderer.RenderPng(heatmap));

        Assert.NotNull(bitmap);
        Assert.Equal((heatmap.Width, heatmap.Height), (bitmap.Width, bitmap.Height));
        for (var y = 0; y < heatmap.Height; y++)
        {
            for (var x = 0; x < heatmap.Width; x++)
            {
                var (r, g, b) = TurboColorMap.Color(heatmap[x, y]);
                var c = bitmap.GetPixel(x, y);
                Assert.Equal((r, g, b, (byte)255), (c.Red, c.Green, c.Blue, c.Alpha));
            }
        }
    }
}
