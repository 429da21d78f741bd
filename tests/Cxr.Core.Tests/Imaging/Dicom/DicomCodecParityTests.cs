using Cxr.Core.Imaging;
using Cxr.Core.Imaging.Dicom;
using Cxr.Core.Imaging.Dicom.Native;
using Cxr.Testing.Dicom;
using JpegLibrary;
using Xunit.Abstractions;

namespace Cxr.Core.Tests.Imaging.Dicom;

/// <summary>
/// Compressed files from real encoders (<see cref="DicomCodecFixtures"/>) decode to what DCMTK renders with the same
/// window, within one gray level (the tolerance of <see cref="DcmtkParityTests"/>: DCMTK rounds the window's output
/// differently; two for the lossy DCT processes, see <see cref="DicomCodecFixtures"/>); lossless ones to exactly the pixels of their native source. Fails when a tool or library is missing
/// and <c>CI=true</c>; skips only outside CI.
/// </summary>
public sealed class DicomCodecParityTests : IClassFixture<DicomCodecFixtures>
{
    private readonly DicomCodecFixtures _files;
    private readonly ITestOutputHelper _output;

    public DicomCodecParityTests(DicomCodecFixtures files, ITestOutputHelper output)
    {
        _files = files;
        _output = output;
    }

    public static TheoryData<string> ReadableCases() => [.. DicomCodecFixtures.Cases.Select(c => c.Name)];

    private GrayImage Ours(string name)
    {
        var result = new ImagePipeline(new PreprocessSpec(224)).Process(File.ReadAllBytes(_files[name]));
        Assert.Equal(ImageFormat.Dicom, result.Format);
        return result.Original;
    }

    [DicomCodecTheory]
    [MemberData(nameof(ReadableCases))]
    public void Compressed_file_matches_the_dcmtk_rendering_within_one_level_and_lossless_ones_their_source_exactly(string name)
    {
        var c = DicomCodecFixtures.Cases.Single(x => x.Name == name);
        Assert.Equal(c.Uid, DicomDecoder.ReadInfo(File.ReadAllBytes(_files[name])).TransferSyntax.Uid);
        var ours = Ours(name);
        var reference = _files.Reference(c);
        Assert.Equal((reference.Width, reference.Height), (ours.Width, ours.Height));
        var max = 0;
        var differing = 0;
        for (var i = 0; i < ours.Pixels.Length; i++)
        {
            var d = Math.Abs(ours.Pixels[i] - reference.Pixels[i]);
            max = Math.Max(max, d);
            differing += d > 0 ? 1 : 0;
        }

        _output.WriteLine($"{name} ({c.Uid}) vs {c.Renderer}: max |Δ| = {max}, {differing} of {ours.Pixels.Length} pixels differ " +
                          $"({100.0 * differing / ours.Pixels.Length:F3} %)");
        Assert.InRange(max, 0, c.Tolerance);
        if (c.Lossless)
        {
            // A MONOCHROME1 copy is its (MONOCHROME2) source inverted.
            var source = Ours(c.Source).Pixels;
            var expected = c.Tool == "mono1" ? source.Select(p => (byte)(255 - p)).ToArray() : source;
            Assert.Equal(expected, ours.Pixels);
        }
    }

    [DicomCodecFact]
    public void Lossy_dct_samples_are_within_one_level_of_dcmdjpegs_before_any_window()
    {
        // The rendered comparison allows 2 gray levels for the DCT processes because the 8-bit fixtures' window (width
        // 180) stretches one sample level to 1.4 gray levels; the decoder itself is within one sample level of DCMTK's.
        foreach (var name in new[] { "c8-baseline.dcm", "c8-extended.dcm", "c12-extended.dcm" })
        {
            var folder = Path.GetDirectoryName(_files[name])!;
            var decompressed = Path.GetFileNameWithoutExtension(name) + "-dcmdjpeg.dcm";
            Dcmtk.Run(folder, "dcmdjpeg", name, decompressed);
            var ours = CodecSamples(_files[name]);
            var theirs = NativeSamples(Path.Combine(folder, decompressed));
            Assert.Equal(theirs.Length, ours.Length);
            var wide = name.StartsWith("c12", StringComparison.Ordinal);
            var max = 0;
            var differing = 0;
            for (var i = 0; i < ours.Length; i += wide ? 2 : 1)
            {
                var d = wide
                    ? Math.Abs(BitConverter.ToUInt16(ours, i) - BitConverter.ToUInt16(theirs, i))
                    : Math.Abs(ours[i] - theirs[i]);
                max = Math.Max(max, d);
                differing += d > 0 ? 1 : 0;
            }

            _output.WriteLine($"{name} vs dcmdjpeg: max |Δ| = {max} sample levels, {differing} samples differ");
            Assert.InRange(max, 0, 1);
        }
    }

    [DicomCodecFact]
    public void JpegLibrary_itself_decodes_predictor_6_wrongly_which_is_why_lossless_has_its_own_decoder()
    {
        // If a JpegLibrary update makes this fail, JpegLosslessDecoder could give way to it.
        var file = File.ReadAllBytes(_files["c8-p6.dcm"]);
        var (offset, syntax) = DicomParser.ReadMeta(file);
        var parsed = DicomParser.ReadDataSet(file.AsSpan(offset), syntax);
        var fragment = Assert.Single(parsed.Fragments);
        var frame = file.AsMemory(offset + fragment.Offset, fragment.Length);
        var pixels = parsed.Pixels;
        var samples = new ushort[pixels.Rows * pixels.Columns];
        var decoder = new JpegDecoder();
        decoder.SetInput(frame);
        decoder.Identify();
        decoder.SetOutputWriter(new DicomJpegBlockWriter(samples, pixels.Columns, pixels.Rows, 1, 8, lossless: true, CancellationToken.None));
        decoder.Decode();
        var stored = NativeSamples(_files["c8.dcm"]);
        Assert.Equal(stored.Length, samples.Length);
        var wrong = samples.Where((s, i) => s != stored[i]).Count();
        _output.WriteLine($"JpegLibrary, predictor 6: {wrong} of {samples.Length} samples differ from the source");
        Assert.NotEqual(0, wrong);
    }

    [DicomCodecFact]
    public void The_prediction_input_of_a_dicom_made_from_the_jpeg_film_equals_the_films_own_within_one_level()
    {
        var pipeline = new ImagePipeline(new PreprocessSpec(224));
        var film = pipeline.Process(File.ReadAllBytes(_files.Film)).Tensor;
        foreach (var name in new[] { "film8-sv1.dcm", "film8-p6.dcm", "film8-ls.dcm", "film8-j2k.dcm" })
        {
            var dicom = pipeline.Process(File.ReadAllBytes(_files[name])).Tensor;
            Assert.Equal(film.Length, dicom.Length);
            var max = film.Zip(dicom, (a, b) => Math.Abs(a - b)).Max();
            _output.WriteLine($"{name}: tensor of {dicom.Length} values, max |Δ| = {max}");
            Assert.InRange(max, 0, 1 / 255f);
        }
    }

    [DicomCodecFact]
    public void A_point_transform_decodes_to_the_source_with_its_low_bits_cleared()
    {
        foreach (var (name, pt) in DicomCodecFixtures.PointTransformCases)
        {
            var c = DicomCodecFixtures.Cases.Single(x => x.Name == name);
            var decoded = CodecSamples(_files[name]);
            var source = NativeSamples(_files[c.Source]);
            Assert.Equal(source.Length, decoded.Length);
            var mask = (byte)~((1 << pt) - 1);
            // Little-endian 16-bit samples: the low bits are in the even bytes.
            var wide = name.StartsWith("c16", StringComparison.Ordinal);
            var expected = source.Select((b, i) => wide && i % 2 == 1 ? b : (byte)(b & mask)).ToArray();
            Assert.NotEqual(source, decoded);
            Assert.Equal(expected, decoded);
        }
    }

    [DicomCodecFact]
    public void Damaged_lossless_streams_are_corrupt_or_decode_never_another_exception()
    {
        // Byte changes anywhere after the headers (entropy-coded data, and the markers around it) must stay inside the
        // decoder's checks: CorruptImageException or some decoded image, never an index or overflow exception.
        var random = new Random(57);
        foreach (var name in new[] { "c8-p6.dcm", "c16-p7.dcm" })
        {
            var (syntax, pixels, frame) = Frame(_files[name]);
            var codec = DicomPixelCodecs.For(syntax)!;
            var corrupt = 0;
            for (var trial = 0; trial < 150; trial++)
            {
                var damaged = frame.ToArray();
                var start = damaged.Length / 2 > 400 ? 300 : 2;
                for (var k = 0; k < 1 + (trial % 4); k++)
                {
                    damaged[random.Next(start, damaged.Length)] = (byte)random.Next(256);
                }

                if (trial % 5 == 0)
                {
                    damaged = damaged[..random.Next(start, damaged.Length)];
                }

                try
                {
                    codec.Decode(damaged, pixels, new byte[pixels.Rows * pixels.Columns * (pixels.BitsAllocated / 8)], CancellationToken.None);
                }
                catch (CorruptImageException)
                {
                    corrupt++;
                }
            }

            _output.WriteLine($"{name}: {corrupt} of 150 damaged streams corrupt, the others decoded");
            Assert.InRange(corrupt, 1, 150);
        }
    }

    [DicomCodecFact]
    public void Cancellation_stops_the_lossless_decoder()
    {
        var (syntax, pixels, frame) = Frame(_files["c16-p6.dcm"]);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() =>
            DicomPixelCodecs.For(syntax)!.Decode(frame, pixels, new byte[pixels.Rows * pixels.Columns * 2], cancelled.Token));
    }

    [DicomCodecFact]
    public void A_stream_whose_size_disagrees_with_the_header_is_corrupt_before_decoding()
    {
        foreach (var name in new[] { "c8-sv1.dcm", "c8-ls.dcm", "c8-j2k.dcm" })
        {
            var copy = _files[name] + ".rows.dcm";
            File.Copy(_files[name], copy, overwrite: true);
            Dcmtk.Run(Path.GetDirectoryName(copy)!, "dcmodify", "-nb", "-m", "(0028,0010)=100", copy);
            Assert.Throws<CorruptImageException>(() => new ImagePipeline(new PreprocessSpec(224)).Process(File.ReadAllBytes(copy)));
        }
    }

    [DicomCodecFact]
    public void A_truncated_stream_is_corrupt_in_every_codec()
    {
        foreach (var name in new[] { "c8-sv1.dcm", "c8-baseline.dcm", "c8-ls.dcm", "c8-j2k.dcm" })
        {
            var file = File.ReadAllBytes(_files[name]);
            var (offset, syntax) = DicomParser.ReadMeta(file);
            var parsed = DicomParser.ReadDataSet(file.AsSpan(offset), syntax);
            var frame = file.AsSpan(offset + parsed.Fragments[0].Offset, parsed.Fragments[0].Length).ToArray();
            var p = parsed.Pixels;
            var cut = new DicomBuilder(syntax.Uid)
                .PixelModule(p.Rows, p.Columns)
                .EncapsulatedPixelData([frame[..(frame.Length / 3)]])
                .Build();
            var e = Assert.ThrowsAny<ImageInputException>(() => new ImagePipeline(new PreprocessSpec(224)).Process(cut));
            _output.WriteLine($"{name} cut to a third: {e.GetType().Name}: {e.Message}");
            Assert.IsType<CorruptImageException>(e);
        }
    }

    /// <summary>A compressed file's transfer syntax, pixel module and single-fragment frame.</summary>
    private static (string Syntax, DicomPixelModule Pixels, byte[] Frame) Frame(string path)
    {
        var file = File.ReadAllBytes(path);
        var (offset, syntax) = DicomParser.ReadMeta(file);
        var parsed = DicomParser.ReadDataSet(file.AsSpan(offset), syntax);
        var fragment = Assert.Single(parsed.Fragments);
        return (syntax.Uid, parsed.Pixels, file.AsSpan(offset + fragment.Offset, fragment.Length).ToArray());
    }

    /// <summary>What the codec of a single-fragment compressed file decodes it to (native layout).</summary>
    private static byte[] CodecSamples(string path)
    {
        var (syntax, pixels, frame) = Frame(path);
        var decoded = new byte[pixels.Rows * pixels.Columns * pixels.SamplesPerPixel * (pixels.BitsAllocated / 8)];
        DicomPixelCodecs.For(syntax)!.Decode(frame, pixels, decoded, CancellationToken.None);
        return decoded;
    }

    /// <summary>The stored samples of a native file (its pixel data as they are).</summary>
    private static byte[] NativeSamples(string path)
    {
        var file = File.ReadAllBytes(path);
        var (offset, syntax) = DicomParser.ReadMeta(file);
        var parsed = DicomParser.ReadDataSet(file.AsSpan(offset), syntax);
        var native = parsed.NativePixelData!.Value;
        return file.AsSpan(offset + native.Offset, native.Length).ToArray();
    }
}
