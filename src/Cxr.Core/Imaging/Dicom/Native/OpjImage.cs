using System.Runtime.InteropServices;

namespace Cxr.Core.Imaging.Dicom.Native;

/// <summary>OpenJPEG's <c>opj_image_t</c>: the image area on the reference grid (x0, y0, x1, y1), the component count,
/// the colour space (an enum, int), the component array, and the ICC profile. Read only; OpenJPEG owns it.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OpjImage
{
    public uint X0;
    public uint Y0;
    public uint X1;
    public uint Y1;
    public uint NumComps;
    public int ColorSpace;
    public OpjImageComp* Comps;
    public byte* IccProfileBuf;
    public uint IccProfileLen;
}
