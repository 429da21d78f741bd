using Cxr.Core.Imaging.Dicom.Writing;

namespace Cxr.Core.Tests.Imaging.Dicom.Writing;

public sealed class DicomUidTests
{
    [Fact]
    public void A_uuid_becomes_2_25_and_its_128_bits_in_decimal_as_ps3_5_b_2_shows()
    {
        // The example of PS3.5 B.2 (and ITU-T X.667).
        Assert.Equal("2.25.329800735698586629295641978511506172918", DicomUid.FromGuid(Guid.Parse("f81d4fae-7dec-11d0-a765-00a0c91e6bf6")));
        Assert.Equal("2.25.0", DicomUid.FromGuid(Guid.Empty));
        Assert.Equal("2.25.340282366920938463463374607431768211455", DicomUid.FromGuid(Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff")));
    }

    [Fact]
    public void New_uids_are_valid_distinct_and_at_most_44_characters()
    {
        var uids = Enumerable.Range(0, 200).Select(_ => DicomUid.Create()).ToList();
        Assert.All(uids, u => Assert.True(DicomUid.IsValid(u) && u.StartsWith("2.25.", StringComparison.Ordinal) && u.Length <= 44, u));
        Assert.Equal(uids.Count, uids.Distinct(StringComparer.Ordinal).Count());
        Assert.True(DicomUid.IsValid(DicomUid.ImplementationClassUid));
    }

    [Theory]
    [InlineData("1.2.840.10008.1.2.1", true)]
    [InlineData("2.25.0", true)]
    [InlineData("", false)]
    [InlineData("1..2", false)]
    [InlineData("1.02", false)]
    [InlineData("1.2.", false)]
    [InlineData("1.2a", false)]
    public void Uid_syntax_is_checked(string uid, bool valid) => Assert.Equal(valid, DicomUid.IsValid(uid));

    [Fact]
    public void A_uid_longer_than_64_characters_is_invalid() => Assert.False(DicomUid.IsValid("1." + new string('2', 63)));
}
