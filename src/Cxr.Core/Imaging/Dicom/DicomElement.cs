namespace Cxr.Core.Imaging.Dicom;

/// <summary>An element header: the tag <c>(group &lt;&lt; 16) | element</c>, the VR as two ASCII letters (first in the
/// low byte; 0 in implicit VR and for item tags) and the declared length (0xFFFFFFFF = undefined).</summary>
internal readonly record struct DicomElement(uint Tag, ushort Vr, uint Length)
{
    public const uint UndefinedLength = 0xFFFF_FFFF;

    public bool HasUndefinedLength => Length == UndefinedLength;
}
