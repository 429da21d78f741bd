using System.Security.Cryptography;
using Cxr.Core.Imaging;

namespace Cxr.Core.Tests.Imaging;

public class HistogramEqualizerTests
{
    [Theory]
    // Darkest value 10 (2 pixels) → 0; the others at 255 · (cdf − 2) / 2: 127.5 rounds to even 128.
    [InlineData(new byte[] { 10, 10, 20, 30 }, new byte[] { 0, 0, 128, 255 })]
    // 255 · k / 6 for k = 1..6: 42.5 → 42 and 212.5 → 212 (ties to even), 127.5 → 128.
    [InlineData(new byte[] { 0, 1, 2, 3, 4, 5, 6 }, new byte[] { 0, 42, 85, 128, 170, 212, 255 })]
    // 255 · (2, 3, 4) / 4 = 127.5, 191.25, 255.
    [InlineData(new byte[] { 0, 50, 50, 100, 200 }, new byte[] { 0, 128, 128, 191, 255 })]
    // Order does not matter, only the histogram.
    [InlineData(new byte[] { 200, 50, 0, 100, 50 }, new byte[] { 255, 128, 0, 191, 128 })]
    public void Equalizes_small_inputs_as_computed_by_hand(byte[] source, byte[] expected)
    {
        var destination = new byte[source.Length];
        HistogramEqualizer.Equalize(source, destination);
        Assert.Equal(expected, destination);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(117)]
    [InlineData(255)]
    public void An_image_of_one_value_is_unchanged(byte value)
    {
        var source = Enumerable.Repeat(value, 50).ToArray();
        var destination = new byte[source.Length];
        HistogramEqualizer.Equalize(source, destination);
        Assert.Equal(source, destination);
    }

    [Fact]
    public void Two_values_become_black_and_white()
    {
        var destination = new byte[6];
        HistogramEqualizer.Equalize([90, 91, 90, 91, 91, 90], destination);
        Assert.Equal(new byte[] { 0, 255, 0, 255, 255, 0 }, destination);
    }

    [Fact]
    public void Spreads_a_narrow_image_over_the_whole_range_keeping_the_order_of_values()
    {
        var source = ContrastPattern.Create(64, 48).Select(p => (byte)(100 + (p / 10))).ToArray();
        var destination = new byte[source.Length];
        HistogramEqualizer.Equalize(source, destination);
        Assert.Equal(0, destination.Min());
        Assert.Equal(255, destination.Max());
        var order = Enumerable.Range(0, source.Length).OrderBy(i => source[i]).ToArray();
        for (var k = 1; k < order.Length; k++)
        {
            Assert.True(destination[order[k]] >= destination[order[k - 1]], "equalisation must not reverse two values");
        }
    }

    [Fact]
    public void Works_in_place()
    {
        var source = ContrastPattern.Create(37, 23);
        var expected = new byte[source.Length];
        HistogramEqualizer.Equalize(source, expected);
        HistogramEqualizer.Equalize(source, source);
        Assert.Equal(expected, source);
    }

    [Theory]
    // SHA-256 of OpenCV 4.6.0's cv2.equalizeHist for ContrastPattern.Create(w, h): equal byte for byte (these images
    // have no exact ties, where OpenCV's float arithmetic may round the other way).
    [InlineData(224, 224, "66cd13aecf8c0a854d7a2d74eb23b612b6b39bb5b48c121b53c52dab36f4413e")]
    [InlineData(60, 44, "df6f5f5712f2adb3b2044dc5e07fda6cfd65d92fd4f9a128114c0a6f4148d4c1")]
    public void Matches_opencv_equalizeHist(int width, int height, string opencvSha256)
    {
        var destination = new byte[width * height];
        HistogramEqualizer.Equalize(ContrastPattern.Create(width, height), destination);
        Assert.Equal(opencvSha256, Convert.ToHexStringLower(SHA256.HashData(destination)));
    }

    [Fact]
    public void Refuses_empty_or_mismatched_spans()
    {
        Assert.Throws<ArgumentException>(() => HistogramEqualizer.Equalize([], []));
        Assert.Throws<ArgumentException>(() => HistogramEqualizer.Equalize(new byte[4], new byte[3]));
    }
}
