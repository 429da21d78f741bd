using System.Globalization;

namespace Cxr.Core.Imaging.Dicom.Writing;

/// <summary>DA, TM and DT values (PS3.5 6.2) of a moment, in its own offset (the builders pass UTC and write Timezone
/// Offset From UTC <c>+0000</c> with them).</summary>
internal static class DicomDateTime
{
    /// <summary><c>YYYYMMDD</c>.</summary>
    public static string Date(DateTimeOffset at) => at.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary><c>HHMMSS</c>.</summary>
    public static string Time(DateTimeOffset at) => at.ToString("HHmmss", CultureInfo.InvariantCulture);

    /// <summary><c>YYYYMMDDHHMMSS&amp;ZZXX</c>, e.g. <c>20261202140301+0000</c>.</summary>
    public static string DateTime(DateTimeOffset at) => at.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + Offset(at);

    /// <summary><c>&amp;ZZXX</c>, e.g. <c>+0000</c> or <c>-0500</c>.</summary>
    public static string Offset(DateTimeOffset at)
    {
        var offset = at.Offset;
        return (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hhmm", CultureInfo.InvariantCulture);
    }
}
