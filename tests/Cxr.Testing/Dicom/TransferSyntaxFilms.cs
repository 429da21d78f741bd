using Cxr.Core.Imaging;

namespace Cxr.Testing.Dicom;

/// <summary>
/// One JPEG film of the shared set as DICOM in every transfer syntax the reader takes, made at test time by the reference
/// encoders: the film's 8-bit gray (this pipeline's decode) in a DX frontal chest object with the identity window
/// (center 128, width 256: LINEAR maps stored value v to v), Explicit VR Little Endian, written by
/// <see cref="DicomBuilder"/>; then DCMTK <c>dcmconv</c> (implicit, deflated), <c>dcmcrle</c>, <c>dcmcjpeg</c> (baseline,
/// extended, lossless with predictor 6 and first-order), <c>dcmcjpls</c> (lossless, near-lossless) and GDCM
/// <c>gdcmconv --j2k</c> (reversible, and lossy at 4 : 1, <c>-r 4</c>; at 10 : 1 the film's probability moves
/// by up to 0.05, the encoder's loss, see docs/dicom.md). The acceptance: each of them gets the JPEG's answer
/// from <c>cxr predict</c>, the API and the predictor. Needs <see cref="DicomCodecTools"/>.
/// </summary>
public static class TransferSyntaxFilms
{
    /// <summary>Every syntax: file name, transfer syntax UID, whether the encoding is lossless, and how it is made from
    /// the Explicit VR Little Endian source (tool and its arguments before the input and output names).</summary>
    public static readonly IReadOnlyList<(string Name, string Uid, bool Lossless, string Tool, string[] Arguments)> Syntaxes =
    [
        ("explicit.dcm", "1.2.840.10008.1.2.1", true, "", []),
        ("implicit.dcm", "1.2.840.10008.1.2", true, "dcmconv", ["+ti"]),
        ("deflated.dcm", "1.2.840.10008.1.2.1.99", true, "dcmconv", ["+td"]),
        ("rle.dcm", "1.2.840.10008.1.2.5", true, "dcmcrle", []),
        ("jpeg-baseline.dcm", "1.2.840.10008.1.2.4.50", false, "dcmcjpeg", ["+eb"]),
        ("jpeg-extended.dcm", "1.2.840.10008.1.2.4.51", false, "dcmcjpeg", ["+ee"]),
        ("jpeg-lossless-p6.dcm", "1.2.840.10008.1.2.4.57", true, "dcmcjpeg", ["+el"]),
        ("jpeg-lossless-sv1.dcm", "1.2.840.10008.1.2.4.70", true, "dcmcjpeg", ["+e1"]),
        ("jpeg-ls.dcm", "1.2.840.10008.1.2.4.80", true, "dcmcjpls", ["+el"]),
        ("jpeg-ls-near.dcm", "1.2.840.10008.1.2.4.81", false, "dcmcjpls", ["+en"]),
        ("j2k.dcm", "1.2.840.10008.1.2.4.90", true, "gdcmconv", ["--j2k"]),
        ("j2k-lossy.dcm", "1.2.840.10008.1.2.4.91", false, "gdcmconv", ["--j2k", "--lossy", "-r", "4"]),
    ];

    /// <summary>Least distance of a source film's probability from the model's threshold (<see cref="SourceFilm"/>).</summary>
    public const double SourceMargin = 0.1;

    /// <summary>Largest distance of a source film's probability from 0 or 1 (<see cref="SourceFilm"/>).</summary>
    public const double SourceTail = 0.1;

    /// <summary>The validation film of <paramref name="label"/> ("NORMAL" or "PNEUMONIA") the transfer-syntax tests make
    /// their DICOM files from: the first one (by name) that the committed model scores confidently, within
    /// <see cref="SourceTail"/> of 0 or 1, and so at least <see cref="SourceMargin"/> from its threshold:
    /// NORMAL2-IM-1430-0001 (p 0.023, threshold 0.619) and person1946_bacteria_4874 (p 0.990). Why confident: the
    /// acceptance bound for lossy encodings (0.01) is on the probability, and a lossy encoding moves the logit, which
    /// shows in the probability p(1 − p)-fold, nine times more at p 0.28 than at p 0.02; the first NORMAL film,
    /// NORMAL2-IM-1427-0001, scores 0.282 and moves by 0.028 under JPEG-LS near-lossless (with the model before, it
    /// scored 0.530, on the threshold 0.534). The val films' lossy |Δp| reaches 0.028 (docs/dicom.md). Each test checks
    /// both, so a later model that scores the film otherwise fails with that reason rather than with a changed label or
    /// a larger move.</summary>
    public static string SourceFilm(string label) => Path.Combine(
        TestData.DataRoot,
        "val",
        label,
        label switch
        {
            "NORMAL" => "NORMAL2-IM-1430-0001.jpeg",
            "PNEUMONIA" => "person1946_bacteria_4874.jpeg",
            _ => throw new ArgumentOutOfRangeException(nameof(label), label, "NORMAL or PNEUMONIA."),
        });

    /// <summary>Asserts that <paramref name="jpeg"/>'s <paramref name="probability"/> lies within <see cref="SourceTail"/>
    /// of 0 or 1 and at least <see cref="SourceMargin"/> from the model's <paramref name="threshold"/> (see
    /// <see cref="SourceFilm"/>).</summary>
    public static void AssertSuitableSource(string jpeg, double probability, double threshold)
    {
        Assert.True(Math.Abs(probability - threshold) >= SourceMargin, $"{jpeg} scores {probability:F3}, on the threshold {threshold:F3}: pick another source film.");
        Assert.True(Math.Min(probability, 1 - probability) <= SourceTail, $"{jpeg} scores {probability:F3}, not within {SourceTail} of 0 or 1: pick another source film.");
    }

    /// <summary>Writes <paramref name="jpeg"/> and its DICOM files (<see cref="Syntaxes"/>' names, prefixed with
    /// <paramref name="prefix"/>) into <paramref name="folder"/>; returns the files in <see cref="Syntaxes"/>' order.</summary>
    /// <exception cref="InvalidOperationException">A tool is missing (<see cref="DicomCodecTools.MissingMessage"/>) or
    /// failed.</exception>
    public static IReadOnlyList<string> Make(string folder, string jpeg, string prefix = "")
    {
        if (!DicomCodecTools.IsInstalled)
        {
            throw new InvalidOperationException(DicomCodecTools.MissingMessage);
        }

        var source = Path.Combine(folder, prefix + Syntaxes[0].Name);
        File.WriteAllBytes(source, Native(new ImagePipeline(new PreprocessSpec(224)).DecodeGray(File.ReadAllBytes(jpeg))));
        var files = new List<string> { source };
        foreach (var (name, _, _, tool, arguments) in Syntaxes.Skip(1))
        {
            var target = prefix + name;
            if (tool == "gdcmconv")
            {
                DicomCodecTools.RunGdcmconv(folder, [.. arguments, source, target]);
            }
            else
            {
                Dcmtk.Run(folder, tool, [.. arguments, source, target]);
            }

            files.Add(Path.Combine(folder, target));
        }

        return files;
    }

    /// <summary>The one instance every file encodes (the same image in another transfer syntax is the same instance).</summary>
    public const string SopInstanceUid = "2.25.190812345678901234567890123456789";

    private static byte[] Native(GrayImage gray)
    {
        var b = new DicomBuilder(DicomBuilder.ExplicitLittle)
            .Text(0x0008, 0x0016, "UI", "1.2.840.10008.5.1.4.1.1.1.1")
            .Text(0x0008, 0x0018, "UI", SopInstanceUid)
            .Text(0x0008, 0x0060, "CS", "DX")
            .Text(0x0008, 0x0068, "CS", "FOR PRESENTATION")
            .Text(0x0010, 0x0010, "PN", DicomFilms.PatientName)
            .Text(0x0010, 0x1010, "AS", DicomFilms.ChildAge)
            .Text(0x0018, 0x0015, "CS", "CHEST")
            .Text(0x0018, 0x5101, "CS", "PA")
            .PixelModule(gray.Height, gray.Width)
            .Text(0x0028, 0x1050, "DS", "128")
            .Text(0x0028, 0x1051, "DS", "256");
        return b.PixelData(gray.Pixels).Build();
    }
}
