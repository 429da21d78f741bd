namespace Cxr.Core.Imaging.Dicom.Writing;

/// <summary>What the writer needs to know about the value representations it writes (PS3.5 6.2, 7.1.2): which use the
/// long (4-byte) length form in explicit VR, how odd values are padded, and each text VR's maximum value length.</summary>
internal static class DicomVr
{
    /// <summary>Whether <paramref name="vr"/> is one of the two-letter VRs the writer accepts.</summary>
    public static bool IsKnown(string vr) => vr is "AE" or "AS" or "CS" or "DA" or "DS" or "DT" or "IS" or "LO" or "LT" or
        "PN" or "SH" or "ST" or "TM" or "UC" or "UI" or "UR" or "UT" or "OB" or "OW" or "SQ" or "US" or "UL";

    /// <summary>Explicit VR: these have two reserved bytes and a 32-bit length; the rest a 16-bit length.</summary>
    public static bool HasLongLength(string vr) => vr is "OB" or "OD" or "OF" or "OL" or "OV" or "OW" or "SQ" or "SV" or
        "UC" or "UN" or "UR" or "UT" or "UV";

    /// <summary>Whether values are character strings (padded with a space; UI, though a string, pads with NUL).</summary>
    public static bool IsText(string vr) => vr is "AE" or "AS" or "CS" or "DA" or "DS" or "DT" or "IS" or "LO" or "LT" or
        "PN" or "SH" or "ST" or "TM" or "UC" or "UI" or "UR" or "UT";

    /// <summary>Whether the VR may hold several values separated by a backslash (LT, ST, UT and UR may not: a backslash
    /// there is text).</summary>
    public static bool IsMultiValued(string vr) => IsText(vr) && vr is not ("LT" or "ST" or "UT" or "UR");

    /// <summary>The byte that pads an odd-length value to even length: NUL for UI and binary VRs, else a space.</summary>
    public static byte PadByte(string vr) => vr == "UI" || !IsText(vr) ? (byte)0 : (byte)' ';

    /// <summary>The most characters one value may have (for PN: one component group), or
    /// <see cref="int.MaxValue"/> when only the 32-bit length limits it.</summary>
    public static int MaxValueLength(string vr) => vr switch
    {
        "AE" => 16,
        "AS" => 4,
        "CS" => 16,
        "DA" => 8,
        "DS" => 16,
        "DT" => 26,
        "IS" => 12,
        "LO" => 64,
        "LT" => 10240,
        "PN" => 64,
        "SH" => 16,
        "ST" => 1024,
        "TM" => 14,
        "UI" => 64,
        _ => int.MaxValue,
    };
}
