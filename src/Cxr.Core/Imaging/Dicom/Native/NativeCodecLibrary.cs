using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Cxr.Core.Imaging.Dicom.Native;

/// <summary>
/// Whether a native codec library (Debian's <c>libcharls.so.2</c>, <c>libopenjp2.so.7</c>) can be loaded, asked once per
/// name, so that a missing one is a clear <see cref="UnsupportedTransferSyntaxException"/> naming the library and its
/// package instead of a <see cref="DllNotFoundException"/> from the first call.
/// </summary>
internal static class NativeCodecLibrary
{
    private static readonly ConcurrentDictionary<string, bool> Loadable = new(StringComparer.Ordinal);

    /// <summary>Throws <see cref="UnsupportedTransferSyntaxException"/> for <paramref name="transferSyntax"/> unless
    /// <paramref name="library"/> loads.</summary>
    public static void Require(string library, string debianPackage, DicomTransferSyntax transferSyntax)
    {
        if (!Loadable.GetOrAdd(library, static name => NativeLibrary.TryLoad(name, typeof(NativeCodecLibrary).Assembly, null, out _)))
        {
            throw new UnsupportedTransferSyntaxException(transferSyntax,
                $"Its codec library {library} is not installed (Debian package {debianPackage}; scripts/setup.sh dicom installs it)");
        }
    }
}
