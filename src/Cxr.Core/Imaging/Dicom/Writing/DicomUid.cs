using System.Globalization;
using System.Numerics;

namespace Cxr.Core.Imaging.Dicom.Writing;

/// <summary>
/// UIDs for the objects this toolkit writes: <c>2.25.</c> followed by the decimal value of a random (version 4) UUID's
/// 128 bits, read as one unsigned big-endian integer (PS3.5 B.2, ITU-T X.667). Needs no registered root, and at most
/// 44 characters (5 + 39 digits), inside the 64 a UI value may have.
/// </summary>
public static class DicomUid
{
    /// <summary>The prefix of every UUID-derived UID.</summary>
    public const string UuidRoot = "2.25.";

    /// <summary>The UID that names this implementation in the file meta information (0002,0012): derived once from a
    /// fixed UUID, so every file the toolkit writes names the same writer.</summary>
    public const string ImplementationClassUid = "2.25.152004837574262896383864676350891752040";

    /// <summary>A new UID from a new random UUID.</summary>
    public static string Create() => FromGuid(Guid.NewGuid());

    /// <summary>The UID of <paramref name="uuid"/>: <c>2.25.</c> and the UUID's 128 bits in RFC 4122 byte order as an
    /// unsigned decimal without leading zeros (<see cref="Guid.Empty"/> gives <c>2.25.0</c>).</summary>
    public static string FromGuid(Guid uuid)
    {
        var value = new BigInteger(uuid.ToByteArray(bigEndian: true), isUnsigned: true, isBigEndian: true);
        return UuidRoot + value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Whether <paramref name="uid"/> is a well-formed UID (PS3.5 9.1): 1-64 characters, dot-separated
    /// components of digits, no empty component and no leading zero in a component of more than one digit.</summary>
    public static bool IsValid(string? uid)
    {
        if (string.IsNullOrEmpty(uid) || uid.Length > 64)
        {
            return false;
        }

        foreach (var component in uid.Split('.'))
        {
            if (component.Length == 0 || (component.Length > 1 && component[0] == '0') || !component.All(char.IsAsciiDigit))
            {
                return false;
            }
        }

        return true;
    }
}
