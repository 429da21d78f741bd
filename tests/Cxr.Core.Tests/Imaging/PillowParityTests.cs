using System.Security.Cryptography;
using Cxr.Core.Imaging;
using Cxr.Testing;

namespace Cxr.Core.Tests.Imaging;

/// <summary>
/// End-to-end parity with the Python reference: the pipeline's 150 × 150 preview equals
/// <c>Image.open(f).convert("L").resize((150, 150), Image.BILINEAR)</c> (Pillow 9.4.0, Debian libjpeg-turbo) byte for
/// byte. Locked by SHA-256 of Pillow's output for the 16 validation images, so a decoder change in a SkiaSharp update
/// shows up here. (Checked once for all 5,232 train + val images: 0 differing pixels.)
/// </summary>
public class PillowParityTests
{
    private static readonly ImagePipeline Pipeline = new(new PreprocessSpec(150));

    [Theory]
    [InlineData("val/NORMAL/NORMAL2-IM-1427-0001.jpeg", "fb755dc3e5c4057533203db978ebc74c51faaa0c83d65ea844228eae8b3db028")]
    [InlineData("val/NORMAL/NORMAL2-IM-1430-0001.jpeg", "1d4f027afe082ad27e5e4ea5944c8d6a0e9e5cbdf753b9b66e466973c4bc1e3a")]
    [InlineData("val/NORMAL/NORMAL2-IM-1431-0001.jpeg", "08ee4deed0d1457ed2711a2112f1652c66f44edc9fa6ef63ed666a19baa42afa")]
    [InlineData("val/NORMAL/NORMAL2-IM-1436-0001.jpeg", "439a3a412991d6b459f11a7d42e62e87e1eafb74d6445a4ec255751bf34072d6")]
    [InlineData("val/NORMAL/NORMAL2-IM-1437-0001.jpeg", "d6c6c015186e5d7a91798748093f54b36ab379eb06246a6ea7526678fe4753e4")]
    [InlineData("val/NORMAL/NORMAL2-IM-1438-0001.jpeg", "971597ecfabd636c480e6bcaae8e979094bd10eece1e6a91fbec7de8c4c22f9e")]
    [InlineData("val/NORMAL/NORMAL2-IM-1440-0001.jpeg", "5266ce3a3fe84d4b36f604ff01b45ef4c0e53358671b2d0904da92e7fd0ee9a6")]
    [InlineData("val/NORMAL/NORMAL2-IM-1442-0001.jpeg", "258af3dfc2bb50068afe2e0d021c4c8682cfa746d31eb8f8bacea5963f6f90c3")]
    [InlineData("val/PNEUMONIA/person1946_bacteria_4874.jpeg", "66c27221d952a72a150fac4bfa2fa83a72984e906560c43447a4afc8c47aa3f6")]
    [InlineData("val/PNEUMONIA/person1946_bacteria_4875.jpeg", "bb3edbdcd58af563ac33279572000bdedebfa82ef6314186ca826c00d15de96a")]
    [InlineData("val/PNEUMONIA/person1947_bacteria_4876.jpeg", "e4174c374d252588e6128954af2267045b545f893e3c0eebfcc7e9664bb777f3")]
    [InlineData("val/PNEUMONIA/person1949_bacteria_4880.jpeg", "d8716ccea99a0811eda97e3f170e72b7694cefdc43037bb47f44083a4c1ab622")]
    [InlineData("val/PNEUMONIA/person1950_bacteria_4881.jpeg", "58dfc5f0a73d4391cb5fe2ad659263d3f50cd80d4b782ea8f0ba1767a63fc76a")]
    [InlineData("val/PNEUMONIA/person1951_bacteria_4882.jpeg", "77c0cbea56777b124128e113cae4ef16b0633fca892870becf42e3cbf77d4c5c")]
    [InlineData("val/PNEUMONIA/person1952_bacteria_4883.jpeg", "3c4294c26e739215716237e68cf348e0ec014795d6789a4c77436e58c8c07496")]
    [InlineData("val/PNEUMONIA/person1954_bacteria_4886.jpeg", "b88c32ef9eac7d2534b3b46a50d487fe6ce22339546004f55b85257c77f338ae")]
    public void Preview_matches_pillow_convert_L_resize_bilinear(string relativePath, string pillowSha256)
    {
        var result = Pipeline.ProcessFile(Path.Combine(TestData.DataRoot, relativePath));
        Assert.Equal(pillowSha256, Convert.ToHexStringLower(SHA256.HashData(result.Resized.Pixels)));
    }
}
