using Cxr.Core.Imaging;
using Cxr.Core.Imaging.Dicom;
using Cxr.Testing.Dicom;

namespace Cxr.Core.Tests.Imaging.Dicom;

/// <summary>The header gate on files DCMTK wrote and <c>dcmodify</c> edited (a realistic writer, not our builder): a
/// lateral, a FOR PROCESSING and a multi-frame object are refused with their reasons, a big-endian one is an unsupported
/// format.</summary>
public sealed class DcmtkHeaderGateTests(DcmtkFixtures files) : IClassFixture<DcmtkFixtures>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cxr-dicom-gate-").FullName;

    private static readonly ImagePipeline Pipeline = new(new PreprocessSpec(64));

    [DcmtkFact]
    public void An_edited_lateral_and_for_processing_file_are_refused_by_the_gate()
    {
        var lateral = Modified("lateral.dcm", "(0008,0060)=DX", "(0018,5101)=LL", "(0018,0015)=CHEST");
        var raw = Modified("raw.dcm", "(0008,0060)=CR", "(0008,0068)=FOR PROCESSING");
        var frontal = Modified("frontal.dcm", "(0008,0060)=CR", "(0018,5101)=AP", "(0010,1010)=002Y");

        Assert.Equal(DicomGateReasons.Lateral, Gate(lateral).Refusal?.Code);
        Assert.Equal(DicomGateReasons.ForProcessing, Gate(raw).Refusal?.Code);
        Assert.Same(DicomGateResult.Pass, Gate(frontal));
    }

    [DcmtkFact]
    public void An_edited_multi_frame_object_is_refused_before_its_pixels_are_read()
    {
        var cine = Modified("cine.dcm", "(0028,0008)=4");
        var e = Assert.Throws<UnsupportedDicomImageException>(() => Pipeline.Process(File.ReadAllBytes(cine)));
        Assert.Equal("The DICOM image is not supported: it has 4 frames (multi-frame object); only single-frame images are read.", e.Message);
    }

    [DcmtkFact]
    public void Dump2dcm_big_endian_is_an_unsupported_format()
    {
        var e = Assert.Throws<UnsupportedTransferSyntaxException>(() => Pipeline.Process(File.ReadAllBytes(files["gray8-big.dcm"])));
        Assert.Equal(DicomTransferSyntax.ExplicitVrBigEndianUid, e.TransferSyntaxUid);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static DicomGateResult Gate(string path) => DicomHeaderGate.Check(Pipeline.Process(File.ReadAllBytes(path)).DicomHeader!);

    /// <summary>A copy of the fixtures' 8-bit film with <c>dcmodify -i</c> applied for each assignment.</summary>
    private string Modified(string name, params string[] assignments)
    {
        var path = Path.Combine(_folder, name);
        File.Copy(files["gray8.dcm"], path);
        var arguments = new List<string> { "-nb" };
        foreach (var assignment in assignments)
        {
            arguments.Add("-i");
            arguments.Add(assignment);
        }

        arguments.Add(name);
        Dcmtk.Run(_folder, "dcmodify", [.. arguments]);
        return path;
    }
}
