using Cxr.Core.Data;

namespace Cxr.Core.Tests.Data;

public sealed class PatientIdParserTests
{
    [Theory]
    [InlineData("person12_virus_34.jpeg", CxrLabel.Pneumonia, "person12", "virus")]
    [InlineData("person1946_bacteria_4874.jpeg", CxrLabel.Pneumonia, "person1946", "bacteria")]
    [InlineData("person1_virus_6_1.jpeg", CxrLabel.Pneumonia, "person1", "virus")]
    [InlineData("PERSON7_BACTERIA_9.JPG", CxrLabel.Pneumonia, "PERSON7", "bacteria")]
    [InlineData("IM-0115-0001.jpeg", CxrLabel.Normal, "IM-0115", "normal")]
    [InlineData("IM-0117-0001-0002.jpeg", CxrLabel.Normal, "IM-0117", "normal")]
    [InlineData("NORMAL2-IM-0587-0001-0002.jpeg", CxrLabel.Normal, "NORMAL2-IM-0587", "normal")]
    [InlineData("NORMAL2-IM-1427-0001.jpeg", CxrLabel.Normal, "NORMAL2-IM-1427", "normal")]
    [InlineData("IM-0001-0001.jpeg", CxrLabel.Pneumonia, "IM-0001", "unknown")]
    [InlineData("scan_04.png", CxrLabel.Normal, "scan_04", "normal")]
    [InlineData("scan_04.png", CxrLabel.Pneumonia, "scan_04", "unknown")]
    [InlineData("/data/train/PNEUMONIA/person3_bacteria_10.jpeg", CxrLabel.Pneumonia, "person3", "bacteria")]
    public void Parses_patient_and_subtype(string fileName, CxrLabel label, string patient, string subtype)
    {
        Assert.Equal((patient, subtype), PatientIdParser.Parse(fileName, label));
    }

    [Fact]
    public void Empty_name_is_a_clear_argument_error()
    {
        var ex = Assert.Throws<ArgumentException>(() => PatientIdParser.Parse("", CxrLabel.Normal));
        Assert.Contains("empty file name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_real_file_name_parses_to_a_known_pattern()
    {
        foreach (var r in RealData.Scan.Records)
        {
            var name = Path.GetFileNameWithoutExtension(r.Path);
            Assert.NotEqual(name, r.Patient);
            Assert.Equal(r.Label == CxrLabel.Normal ? "normal" : r.Subtype, r.Subtype);
            Assert.NotEqual("unknown", r.Subtype);
        }
    }
}
