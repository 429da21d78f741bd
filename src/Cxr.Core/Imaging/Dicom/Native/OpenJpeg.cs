using System.Runtime.InteropServices;

namespace Cxr.Core.Imaging.Dicom.Native;

/// <summary>
/// The part of OpenJPEG 2.x's C API (<c>openjpeg.h</c>, ABI of Debian's libopenjp2-7 2.5.0) the JPEG 2000 codec uses:
/// a decompressor for a raw codestream (<see cref="CodecJ2k"/>) or a JP2 file (<see cref="CodecJp2"/>), a stream fed
/// by read/skip/seek callbacks over memory, and the decoded <see cref="OpjImage"/> of <see cref="OpjImageComp"/>s.
/// <c>OPJ_BOOL</c> is an <see cref="int"/> (1 = true). Handles are freed with <see cref="DestroyCodec"/>,
/// <see cref="StreamDestroy"/> and <see cref="ImageDestroy"/>.
/// </summary>
internal static unsafe partial class OpenJpeg
{
    /// <summary>The library's soname.</summary>
    public const string Library = "libopenjp2.so.7";

    /// <summary>The Debian package that ships it.</summary>
    public const string Package = "libopenjp2-7";

    /// <summary><c>OPJ_CODEC_J2K</c>: a bare codestream (what DICOM fragments hold, PS3.5 A.4.4).</summary>
    public const int CodecJ2k = 0;

    /// <summary><c>OPJ_CODEC_JP2</c>: a JP2 file (some writers wrap the codestream in one).</summary>
    public const int CodecJp2 = 2;

    /// <summary>Bytes reserved for <c>opj_dparameters_t</c> (8 272 bytes in 2.5: two 4096-byte paths and 19 ints);
    /// reserved generously so that a later minor version with more fields still fits.</summary>
    public const int DecoderParametersBytes = 16384;

    [LibraryImport(Library, EntryPoint = "opj_create_decompress")]
    public static partial IntPtr CreateDecompress(int format);

    [LibraryImport(Library, EntryPoint = "opj_set_default_decoder_parameters")]
    public static partial void SetDefaultDecoderParameters(void* parameters);

    [LibraryImport(Library, EntryPoint = "opj_setup_decoder")]
    public static partial int SetupDecoder(IntPtr codec, void* parameters);

    [LibraryImport(Library, EntryPoint = "opj_set_error_handler")]
    public static partial int SetErrorHandler(IntPtr codec, delegate* unmanaged[Cdecl]<byte*, void*, void> handler, void* userData);

    [LibraryImport(Library, EntryPoint = "opj_stream_create")]
    public static partial IntPtr StreamCreate(nuint bufferSize, int isInput);

    [LibraryImport(Library, EntryPoint = "opj_stream_set_read_function")]
    public static partial void StreamSetReadFunction(IntPtr stream, delegate* unmanaged[Cdecl]<void*, nuint, void*, nuint> read);

    [LibraryImport(Library, EntryPoint = "opj_stream_set_skip_function")]
    public static partial void StreamSetSkipFunction(IntPtr stream, delegate* unmanaged[Cdecl]<long, void*, long> skip);

    [LibraryImport(Library, EntryPoint = "opj_stream_set_seek_function")]
    public static partial void StreamSetSeekFunction(IntPtr stream, delegate* unmanaged[Cdecl]<long, void*, int> seek);

    [LibraryImport(Library, EntryPoint = "opj_stream_set_user_data")]
    public static partial void StreamSetUserData(IntPtr stream, void* userData, IntPtr freeUserData);

    [LibraryImport(Library, EntryPoint = "opj_stream_set_user_data_length")]
    public static partial void StreamSetUserDataLength(IntPtr stream, ulong length);

    [LibraryImport(Library, EntryPoint = "opj_read_header")]
    public static partial int ReadHeader(IntPtr stream, IntPtr codec, out OpjImage* image);

    [LibraryImport(Library, EntryPoint = "opj_decode")]
    public static partial int Decode(IntPtr codec, IntPtr stream, OpjImage* image);

    [LibraryImport(Library, EntryPoint = "opj_end_decompress")]
    public static partial int EndDecompress(IntPtr codec, IntPtr stream);

    [LibraryImport(Library, EntryPoint = "opj_stream_destroy")]
    public static partial void StreamDestroy(IntPtr stream);

    [LibraryImport(Library, EntryPoint = "opj_destroy_codec")]
    public static partial void DestroyCodec(IntPtr codec);

    [LibraryImport(Library, EntryPoint = "opj_image_destroy")]
    public static partial void ImageDestroy(OpjImage* image);
}
