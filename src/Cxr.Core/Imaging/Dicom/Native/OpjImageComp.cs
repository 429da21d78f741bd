using System.Runtime.InteropServices;

namespace Cxr.Core.Imaging.Dicom.Native;

/// <summary>OpenJPEG's <c>opj_image_comp_t</c> (2.5): subsampling dx, dy; size w × h; offset x0, y0; precision in bits;
/// the deprecated bpp; signedness; decoded resolutions; the reduction factor; then <see cref="Data"/>, w × h
/// <see cref="int"/> samples row-major (null until decoded), and the alpha flag.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OpjImageComp
{
    public uint Dx;
    public uint Dy;
    public uint W;
    public uint H;
    public uint X0;
    public uint Y0;
    public uint Prec;
    public uint Bpp;
    public uint Sgnd;
    public uint ResnoDecoded;
    public uint Factor;
    public int* Data;
    public ushort Alpha;
}
