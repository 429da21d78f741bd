using System.Runtime.InteropServices;

namespace Cxr.Testing.Dicom;

/// <summary>
/// What the compressed-syntax tests need besides DCMTK: GDCM's <c>gdcmconv</c> (Debian's <c>libgdcm-tools</c>, the
/// JPEG 2000 encoder and the decompressor for its reference) and the native codec libraries the reader binds to,
/// <c>libcharls.so.2</c> and <c>libopenjp2.so.7</c> (<c>libcharls2</c>, <c>libopenjp2-7</c>); <c>scripts/setup.sh
/// dicom</c> installs all of them.
/// </summary>
public static class DicomCodecTools
{
    /// <summary>Where Debian puts <c>gdcmconv</c>.</summary>
    public const string Gdcmconv = "/usr/bin/gdcmconv";

    /// <summary>Whether DCMTK, gdcmconv and both libraries are there.</summary>
    public static bool IsInstalled { get; } =
        Dcmtk.IsInstalled && File.Exists(Gdcmconv) && Loads("libcharls.so.2") && Loads("libopenjp2.so.7");

    /// <summary>Why the tests cannot run.</summary>
    public const string MissingMessage = "DCMTK, GDCM's gdcmconv, libcharls.so.2 or libopenjp2.so.7 is missing: run scripts/setup.sh " +
                                         "dicom (apt-get install dcmtk libgdcm-tools libcharls2 libopenjp2-7).";

    /// <summary>Runs <c>gdcmconv</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static void RunGdcmconv(string workingDirectory, params string[] arguments)
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException(MissingMessage);
        }

        Dcmtk.RunTool(Gdcmconv, workingDirectory, arguments);
    }

    private static bool Loads(string library)
    {
        if (!NativeLibrary.TryLoad(library, out var handle))
        {
            return false;
        }

        NativeLibrary.Free(handle);
        return true;
    }
}
