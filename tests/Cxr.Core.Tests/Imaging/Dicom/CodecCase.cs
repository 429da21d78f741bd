namespace Cxr.Core.Tests.Imaging.Dicom;

/// <summary>One compressed fixture of <see cref="DicomCodecFixtures"/>: <paramref name="Name"/> made from
/// <paramref name="Source"/> by <paramref name="Tool"/> (<c>dcmcjpeg</c>, <c>dcmcjpls</c>, <c>gdcmconv</c>, or
/// <c>mono1</c>: a copy relabelled MONOCHROME1 by <c>dcmodify</c>) with <paramref name="Arguments"/>; it must declare
/// <paramref name="Uid"/>; <paramref name="Lossless"/> files must decode to the source's pixels exactly;
/// <paramref name="Renderer"/> is the reference: <c>dcmj2pnm</c>, <c>dcml2pnm</c> (JPEG-LS) or <c>gdcm</c>
/// (<c>gdcmconv --raw</c>, then <c>dcmj2pnm</c>: DCMTK has no JPEG 2000 decoder); <paramref name="Tolerance"/> is the
/// largest gray-level difference allowed against it.</summary>
public sealed record CodecCase(string Name, string Source, string Tool, string[] Arguments, string Uid, bool Lossless, string Renderer, int Tolerance = 1)
{
    public override string ToString() => Name;
}
