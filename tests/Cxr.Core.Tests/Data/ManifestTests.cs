using System.Text;
using Cxr.Core.Data;

namespace Cxr.Core.Tests.Data;

public sealed class ManifestTests
{
    private const string Hash = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    [Fact]
    public void Round_trips_records_including_commas_and_quotes_in_paths()
    {
        using var data = new TempDataset();
        var records = new[]
        {
            new ImageRecord(data.Add("NORMAL/IM-0001-0001.jpeg"), CxrLabel.Normal, "normal", "IM-0001", Hash, "train"),
            new ImageRecord(data.Add("PNEUMONIA/person1,virus_2.jpeg"), CxrLabel.Pneumonia, "virus", "person1", "", "val"),
            new ImageRecord(data.Add("PNEUMONIA/odd \"name\".jpeg"), CxrLabel.Pneumonia, "unknown", "odd \"name\"", Hash, "test"),
            new ImageRecord(data.Add("PNEUMONIA/x.jpeg"), CxrLabel.Pneumonia, "bacteria", "px", Hash, ""),
        };
        var csv = Path.Combine(data.Root, "manifests", "m.csv");

        Manifest.Write(csv, records);

        Assert.Equal(records, Manifest.Read(csv));
        var text = File.ReadAllText(csv);
        Assert.Equal(
            "path,label,subtype,patient,sha256,split\n" +
            $"../NORMAL/IM-0001-0001.jpeg,NORMAL,normal,IM-0001,{Hash},train\n" +
            "\"../PNEUMONIA/person1,virus_2.jpeg\",PNEUMONIA,virus,person1,,val\n" +
            $"\"../PNEUMONIA/odd \"\"name\"\".jpeg\",PNEUMONIA,unknown,\"odd \"\"name\"\"\",{Hash},test\n" +
            $"../PNEUMONIA/x.jpeg,PNEUMONIA,bacteria,px,{Hash},\n",
            text);
    }

    [Fact]
    public void Manifest_and_data_can_move_together()
    {
        using var first = new TempDataset();
        var image = first.Add("NORMAL/IM-0001-0001.jpeg");
        Manifest.Write(Path.Combine(first.Root, "manifest.csv"), [new ImageRecord(image, CxrLabel.Normal, "normal", "IM-0001", Hash, "train")]);

        using var second = new TempDataset();
        File.Copy(Path.Combine(first.Root, "manifest.csv"), Path.Combine(second.Root, "manifest.csv"));
        var moved = second.Add("NORMAL/IM-0001-0001.jpeg");

        Assert.Equal(moved, Assert.Single(Manifest.Read(Path.Combine(second.Root, "manifest.csv"))).Path);
    }

    [Fact]
    public void Same_seed_gives_a_byte_identical_manifest_and_another_seed_does_not()
    {
        using var output = new TempDataset();
        string Write(int seed, string name)
        {
            var path = Path.Combine(output.Root, name);
            Manifest.Write(path, new PatientGroupedSplitter(SplitRatios.Default, seed).Split(RealData.Train));
            return path;
        }

        var a = File.ReadAllBytes(Write(42, "a.csv"));
        var b = File.ReadAllBytes(Write(42, "b.csv"));
        var c = File.ReadAllBytes(Write(7, "c.csv"));

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.DoesNotContain((byte)'\r', a);
        Assert.NotEqual(0xEF, a[0]);
        var back = Manifest.Read(Path.Combine(output.Root, "a.csv"));
        Assert.Equal(5216, back.Count);
        Assert.Equal(RealData.Train.Select(r => r.Path), back.Select(r => r.Path));
    }

    [Fact]
    public void Accepts_crlf_bom_and_blank_lines()
    {
        using var data = new TempDataset();
        var csv = data.Add("m.csv", "\uFEFFpath,label,subtype,patient,sha256,split\r\nimg/a.jpeg,normal,NORMAL,IM-1,,TRAIN\r\n\r\n");
        var record = Assert.Single(Manifest.Read(csv));
        Assert.Equal(new ImageRecord(Path.Combine(data.Root, "img", "a.jpeg"), CxrLabel.Normal, "normal", "IM-1", "", "train"), record);
    }

    [Theory]
    [InlineData("path,label,subtype,patient,sha256\n", 1, "the header must be 'path,label,subtype,patient,sha256,split' (got 'path,label,subtype,patient,sha256')")]
    [InlineData("H\na.jpeg,NORMAL,normal,IM-1,\n", 2, "expected 6 fields (path,label,subtype,patient,sha256,split), got 5")]
    [InlineData("H\na.jpeg,NORMAL,normal,IM-1,,train\nb.jpeg,COVID,normal,IM-2,,train\n", 3, "label must be NORMAL or PNEUMONIA (got 'COVID')")]
    [InlineData("H\na.jpeg,NORMAL,fungal,IM-1,,train\n", 2, "subtype must be one of normal, bacteria, virus, unknown (got 'fungal')")]
    [InlineData("H\na.jpeg,NORMAL,normal, ,,train\n", 2, "patient is empty")]
    [InlineData("H\na.jpeg,NORMAL,normal,IM-1,abc,train\n", 2, "sha256 must be 64 hex digits or empty (got 'abc')")]
    [InlineData("H\na.jpeg,NORMAL,normal,IM-1,,holdout\n", 2, "split must be train, val, test or empty (got 'holdout')")]
    [InlineData("H\n,NORMAL,normal,IM-1,,train\n", 2, "path is empty")]
    [InlineData("H\n\"a.jpeg,NORMAL,normal,IM-1,,train\n", 2, "a quoted field is not closed")]
    [InlineData("H\na\"b.jpeg,NORMAL,normal,IM-1,,train\n", 2, "a quote inside an unquoted field (quote the whole field and double the quote)")]
    [InlineData("H\na.jpeg,NORMAL,normal,IM-1,,train\n\"multi\nline.jpeg\",NORMAL,normal,IM-2,,train\nmulti\nline\n", 5, "expected 6 fields (path,label,subtype,patient,sha256,split), got 1")]
    [InlineData("H\na.jpeg,NORMAL,normal,IM-1,,train\nx/../a.jpeg,NORMAL,normal,IM-1,,train\n", 3, "path 'x/../a.jpeg' is listed twice (first on line 2)")]
    public void Bad_lines_name_file_line_and_reason(string content, int line, string why)
    {
        using var data = new TempDataset();
        var csv = data.Add("m.csv", content.Replace("H\n", Manifest.Header + "\n", StringComparison.Ordinal));
        var ex = Assert.Throws<DatasetException>(() => Manifest.Read(csv));
        Assert.Equal($"{csv}:{line}: {why}", ex.Message);
    }

    [Fact]
    public void Empty_and_missing_manifests_are_named()
    {
        using var data = new TempDataset();
        var empty = data.Add("empty.csv", "");
        Assert.Equal(
            $"{empty}: the manifest is empty; expected the header 'path,label,subtype,patient,sha256,split'",
            Assert.Throws<DatasetException>(() => Manifest.Read(empty)).Message);
        var missing = Path.Combine(data.Root, "nope.csv");
        Assert.Equal($"Manifest not found: {missing}", Assert.Throws<DatasetException>(() => Manifest.Read(missing)).Message);
    }

    [Fact]
    public void Unreadable_image_is_a_dataset_error()
    {
        var ex = Assert.Throws<DatasetException>(() => Manifest.Sha256OfFile("/no/such/file.jpeg"));
        Assert.StartsWith("Cannot read /no/such/file.jpeg", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Written_text_is_utf8_without_bom()
    {
        using var data = new TempDataset();
        var csv = Path.Combine(data.Root, "m.csv");
        Manifest.Write(csv, [new ImageRecord(Path.Combine(data.Root, "NORMAL", "IM-ü-1.jpeg"), CxrLabel.Normal, "normal", "IM-ü", "", "")]);
        var bytes = File.ReadAllBytes(csv);
        Assert.Equal("path,", Encoding.ASCII.GetString(bytes, 0, 5));
        Assert.Contains("NORMAL/IM-ü-1.jpeg", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }
}
