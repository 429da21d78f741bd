using Cxr.Core.Imaging;
using Cxr.Core.Imaging.Perturbations;

namespace Cxr.Core.Tests.Imaging.Perturbations;

/// <summary>The fixed set: small, uniquely named, every member a real and repeatable change that leaves its input alone.</summary>
public class PerturbationCatalogueTests
{
    private static readonly PreprocessSpec Model224 = new(224);

    public static TheoryData<string> Names() => [.. PerturbationCatalogue.Standard.Select(p => p.Name)];

    [Fact]
    public void The_set_is_small_uniquely_named_and_covers_the_documented_changes()
    {
        var names = PerturbationCatalogue.Standard.Select(p => p.Name).ToList();
        Assert.InRange(names.Count, 15, 21);
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, n => Assert.Matches("^[a-z0-9.+-]+$", n));
        Assert.All(PerturbationCatalogue.Standard, p => Assert.False(string.IsNullOrWhiteSpace(p.Description), p.Name));
        string[] kinds = ["rotate", "zoom-in", "zoom-out", "shift", "blur", "unsharp", "gamma", "noise", "jpeg", "fov-wide", "fov-narrow", "border", "marker", "patch"];
        Assert.All(kinds, k => Assert.Contains(names, n => n.StartsWith(k, StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_member_changes_a_radiograph_the_same_way_twice_and_leaves_it_intact(string name)
    {
        var perturbation = PerturbationCatalogue.Find(name)!;
        var film = FilmImages.Radiograph();
        var original = (byte[])film.Pixels.Clone();
        var once = perturbation.Apply(film, Model224);
        var twice = perturbation.Apply(film, Model224);
        Assert.Equal(original, film.Pixels);
        Assert.Equal((once.Width, once.Height), (twice.Width, twice.Height));
        Assert.Equal(once.Pixels, twice.Pixels);
        var same = once.Width == film.Width && once.Height == film.Height && once.Pixels.AsSpan().SequenceEqual(film.Pixels);
        Assert.False(same, $"{name} did not change the film");
    }

    [Fact]
    public void Find_ignores_case_and_returns_null_for_an_unknown_name()
    {
        Assert.Same(PerturbationCatalogue.Standard[2], PerturbationCatalogue.Find(PerturbationCatalogue.Standard[2].Name.ToUpperInvariant()));
        Assert.Null(PerturbationCatalogue.Find("rotate+45"));
    }

    [Fact]
    public void A_perturbed_film_goes_through_the_same_resize_as_a_decoded_file()
    {
        var film = FilmImages.Radiograph(300, 260);
        var pipeline = new ImagePipeline(new PreprocessSpec(64));
        var fromFile = pipeline.Process(PngBuilder.Build(300, 260, 8, PngBuilder.Gray, film.Pixels));
        var fromGray = pipeline.Process(film, ImageFormat.Png);
        Assert.Equal(fromFile.Resized.Pixels, fromGray.Resized.Pixels);
        Assert.Equal(fromFile.Tensor, fromGray.Tensor);
        Assert.Same(film, fromGray.Original);
    }
}
