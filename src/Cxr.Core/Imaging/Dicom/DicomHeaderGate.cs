namespace Cxr.Core.Imaging.Dicom;

/// <summary>
/// The DICOM header gate: what a file's header says about whether it is a frontal chest radiograph for presentation,
/// decided from <see cref="DicomHeader"/> alone (no pixels are needed, so a refused file is never decoded). The rules,
/// in the order they are checked (the first broken one is the refusal):
/// <list type="number">
/// <item><see cref="DicomGateReasons.Modality"/>: Modality (0008,0060), when present, must be CR or DX. Without a
/// Modality the SOP Class UID (0008,0016), when present, must be CR, DX or Secondary Capture Image Storage.</item>
/// <item><see cref="DicomGateReasons.ForProcessing"/>: Presentation Intent Type (0008,0068) must not be FOR PROCESSING,
/// nor the SOP Class a For Processing class (DX, mammography, intra-oral).</item>
/// <item><see cref="DicomGateReasons.BodyPart"/>: Body Part Examined (0018,0015), when present, must name the chest
/// (a word CHEST, THORAX, LUNG or LUNGS).</item>
/// <item><see cref="DicomGateReasons.Lateral"/>: View Position (0018,5101) must not be lateral (LL, RL, LAT or LATERAL as a
/// word). Decubitus and oblique views are left to the image guard.</item>
/// </list>
/// Warning, never a refusal: <see cref="DicomGateReasons.Adult"/> when Patient's Age (0010,1010) is a well-formed Age String
/// (<c>nnnD</c>, <c>nnnW</c>, <c>nnnM</c> or <c>nnnY</c>, PS3.5 6.2) over 18 years. A malformed age is ignored.
/// </summary>
/// <remarks>Values are compared case-insensitively after trimming spaces (the parser already removed padding); an
/// absent or empty attribute never refuses on its own (many converted films carry none), except as the Modality rule
/// says. Messages name the attribute, never its value.</remarks>
public static class DicomHeaderGate
{
    /// <summary>Computed Radiography Image Storage.</summary>
    public const string CrStorage = "1.2.840.10008.5.1.4.1.1.1";

    /// <summary>Digital X-Ray Image Storage - For Presentation.</summary>
    public const string DxForPresentationStorage = "1.2.840.10008.5.1.4.1.1.1.1";

    /// <summary>Digital X-Ray Image Storage - For Processing.</summary>
    public const string DxForProcessingStorage = "1.2.840.10008.5.1.4.1.1.1.1.1";

    /// <summary>Secondary Capture Image Storage (a film scanned or converted, e.g. by <c>img2dcm</c>).</summary>
    public const string SecondaryCaptureStorage = "1.2.840.10008.5.1.4.1.1.7";

    /// <summary>The age above which <see cref="DicomGateReasons.Adult"/> is warned, in years.</summary>
    public const int AdultAgeYears = 18;

    private const double DaysPerYear = 365.25;

    // Mammography and intra-oral For Processing classes: also raw detector data (their modality is refused anyway).
    private static readonly string[] ForProcessingClasses =
        [DxForProcessingStorage, "1.2.840.10008.5.1.4.1.1.1.2.1", "1.2.840.10008.5.1.4.1.1.1.3.1"];

    private static readonly string[] RadiographClasses = [CrStorage, DxForPresentationStorage, DxForProcessingStorage, SecondaryCaptureStorage];

    private static readonly char[] WordSeparators = [' ', '_', '-', '^', '\\', '/', ','];

    /// <summary>Checks <paramref name="header"/> against the rules in the order listed above.</summary>
    public static DicomGateResult Check(DicomHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var refusal = Refusal(header);
        IReadOnlyList<DicomGateFinding> warnings = IsAdult(header.PatientAge)
            ? [new DicomGateFinding(DicomGateReasons.Adult,
                $"The DICOM header gives the patient's age (0010,1010) as over {AdultAgeYears} years; the model was trained on " +
                "children aged 1 to 5, so its answer for an adult is less reliable.")]
            : [];
        return refusal is null && warnings.Count == 0 ? DicomGateResult.Pass : new DicomGateResult(refusal, warnings);
    }

    /// <summary>The age an Age String (PS3.5 6.2: three digits and D, W, M or Y, e.g. <c>007Y</c>) stands for, in days
    /// (a month is 1/12 and a week 7/365.25 of a year); null for anything else, empty included.</summary>
    public static double? AgeInDays(string? ageString)
    {
        var text = ageString?.Trim();
        if (text is not { Length: 4 } || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[1]) || !char.IsAsciiDigit(text[2]))
        {
            return null;
        }

        var n = ((text[0] - '0') * 100) + ((text[1] - '0') * 10) + (text[2] - '0');
        return char.ToUpperInvariant(text[3]) switch
        {
            'D' => n,
            'W' => n * 7.0,
            'M' => n * DaysPerYear / 12,
            'Y' => n * DaysPerYear,
            _ => null,
        };
    }

    private static bool IsAdult(string? ageString) => AgeInDays(ageString) > AdultAgeYears * DaysPerYear;

    private static DicomGateFinding? Refusal(DicomHeader header)
    {
        var modality = Normal(header.Modality);
        var sopClass = header.SopClassUid?.Trim();
        if (modality is not null && modality is not ("CR" or "DX"))
        {
            return new DicomGateFinding(DicomGateReasons.Modality,
                "The DICOM header's Modality (0008,0060) is neither CR nor DX, so the file does not say it is a radiograph; " +
                "if it is a chest X-ray, set Modality to CR or DX (e.g. dcmodify -m \"(0008,0060)=DX\").");
        }

        if (modality is null && !string.IsNullOrEmpty(sopClass) && !RadiographClasses.Contains(sopClass, StringComparer.Ordinal))
        {
            return new DicomGateFinding(DicomGateReasons.Modality,
                "The DICOM header has no Modality (0008,0060) and its SOP Class UID (0008,0016) is not a radiograph " +
                "(computed or digital radiography) or secondary capture class.");
        }

        if (Normal(header.PresentationIntentType) == "FOR PROCESSING" || (sopClass is not null && ForProcessingClasses.Contains(sopClass, StringComparer.Ordinal)))
        {
            return new DicomGateFinding(DicomGateReasons.ForProcessing,
                "The DICOM image is FOR PROCESSING (Presentation Intent Type (0008,0068) or its SOP Class): raw detector " +
                "data, not processed for viewing; send the FOR PRESENTATION image instead.");
        }

        if (Normal(header.BodyPartExamined) is { } bodyPart && !HasWord(bodyPart, "CHEST", "THORAX", "LUNG", "LUNGS"))
        {
            return new DicomGateFinding(DicomGateReasons.BodyPart,
                "The DICOM header's Body Part Examined (0018,0015) is not the chest; the model reads chest X-rays only.");
        }

        if (Normal(header.ViewPosition) is { } view && HasWord(view, "LL", "RL", "LAT", "LATERAL"))
        {
            return new DicomGateFinding(DicomGateReasons.Lateral,
                "The DICOM header's View Position (0018,5101) is lateral; the model reads frontal (PA or AP) chest X-rays only.");
        }

        return null;
    }

    /// <summary>Trimmed and upper-case, or null when absent or blank.</summary>
    private static string? Normal(string? value)
    {
        var text = value?.Trim();
        return string.IsNullOrEmpty(text) ? null : text.ToUpperInvariant();
    }

    private static bool HasWord(string value, params string[] words)
    {
        foreach (var word in value.Split(WordSeparators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (words.Contains(word, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
