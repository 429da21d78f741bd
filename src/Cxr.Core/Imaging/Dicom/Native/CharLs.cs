using System.Runtime.InteropServices;

namespace Cxr.Core.Imaging.Dicom.Native;

/// <summary>
/// The part of CharLS 2.x's C API (<c>charls/charls_jpegls_decoder.h</c>, ABI of Debian's libcharls2 2.4.1) the JPEG-LS
/// codec uses. Every function but create, destroy and get_error_message returns a <c>charls_jpegls_errc</c> (0 = success).
/// The decoder handle is opaque and freed with <see cref="DecoderDestroy"/>.
/// </summary>
internal static partial class CharLs
{
    /// <summary>The library's soname.</summary>
    public const string Library = "libcharls.so.2";

    /// <summary>The Debian package that ships it.</summary>
    public const string Package = "libcharls2";

    [LibraryImport(Library, EntryPoint = "charls_jpegls_decoder_create")]
    public static partial IntPtr DecoderCreate();

    [LibraryImport(Library, EntryPoint = "charls_jpegls_decoder_destroy")]
    public static partial void DecoderDestroy(IntPtr decoder);

    [LibraryImport(Library, EntryPoint = "charls_jpegls_decoder_set_source_buffer")]
    public static unsafe partial int SetSourceBuffer(IntPtr decoder, byte* source, nuint sourceSize);

    [LibraryImport(Library, EntryPoint = "charls_jpegls_decoder_read_header")]
    public static partial int ReadHeader(IntPtr decoder);

    [LibraryImport(Library, EntryPoint = "charls_jpegls_decoder_get_frame_info")]
    public static partial int GetFrameInfo(IntPtr decoder, out CharLsFrameInfo frameInfo);

    [LibraryImport(Library, EntryPoint = "charls_jpegls_decoder_get_interleave_mode")]
    public static partial int GetInterleaveMode(IntPtr decoder, out int interleaveMode);

    [LibraryImport(Library, EntryPoint = "charls_jpegls_decoder_get_color_transformation")]
    public static partial int GetColorTransformation(IntPtr decoder, out int colorTransformation);

    [LibraryImport(Library, EntryPoint = "charls_jpegls_decoder_get_destination_size")]
    public static partial int GetDestinationSize(IntPtr decoder, uint stride, out nuint destinationSize);

    [LibraryImport(Library, EntryPoint = "charls_jpegls_decoder_decode_to_buffer")]
    public static unsafe partial int DecodeToBuffer(IntPtr decoder, byte* destination, nuint destinationSize, uint stride);

    /// <summary>A static message for an error code (not to be freed).</summary>
    [LibraryImport(Library, EntryPoint = "charls_get_error_message")]
    public static partial IntPtr GetErrorMessage(int error);

    /// <summary>The message for <paramref name="error"/>, e.g. "Invalid JPEG-LS stream, ...".</summary>
    public static string Message(int error) => Marshal.PtrToStringUTF8(GetErrorMessage(error)) ?? $"CharLS error {error}";
}
