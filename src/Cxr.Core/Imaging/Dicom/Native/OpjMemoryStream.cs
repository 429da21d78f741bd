using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Cxr.Core.Imaging.Dicom.Native;

/// <summary>
/// The user data of an OpenJPEG input stream over a pinned buffer, and its read, skip and seek callbacks (plain C
/// functions: they must not throw, so they only move <see cref="Position"/> within 0 … <see cref="Length"/>).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OpjMemoryStream
{
    public byte* Data;
    public long Length;
    public long Position;

    /// <summary><c>opj_stream_read_fn</c>: copies up to <paramref name="count"/> bytes; (size_t)−1 at the end.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static nuint Read(void* buffer, nuint count, void* user)
    {
        var s = (OpjMemoryStream*)user;
        var left = s->Length - s->Position;
        if (left <= 0)
        {
            return unchecked((nuint)(-1));
        }

        var n = (long)Math.Min((ulong)left, count);
        Buffer.MemoryCopy(s->Data + s->Position, buffer, (long)count, n);
        s->Position += n;
        return (nuint)n;
    }

    /// <summary><c>opj_stream_skip_fn</c>: moves by <paramref name="count"/> (clamped to the buffer) and returns how far
    /// it moved.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static long Skip(long count, void* user)
    {
        var s = (OpjMemoryStream*)user;
        var target = Math.Clamp(s->Position + count, 0, s->Length);
        var moved = target - s->Position;
        s->Position = target;
        return moved;
    }

    /// <summary><c>opj_stream_seek_fn</c>: moves to <paramref name="position"/>; false (0) outside the buffer.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static int Seek(long position, void* user)
    {
        var s = (OpjMemoryStream*)user;
        if (position < 0 || position > s->Length)
        {
            return 0;
        }

        s->Position = position;
        return 1;
    }
}
