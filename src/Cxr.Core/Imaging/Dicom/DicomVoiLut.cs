namespace Cxr.Core.Imaging.Dicom;

/// <summary>
/// The first item of the VOI LUT Sequence (0028,3010): a table from modality values to display values (PS3.3 C.11.2).
/// </summary>
/// <param name="FirstMapped">The modality value mapped to entry 0 (LUT Descriptor value 2, read as signed when the pixels
/// are signed); values below map to entry 0, values above the last entry to the last entry.</param>
/// <param name="BitsPerEntry">LUT Descriptor value 3, 8 to 16: entries range over 0 … 2^BitsPerEntry − 1.</param>
/// <param name="Entries">The table, length LUT Descriptor value 1 (0 there means 65,536), 1 to 65,536 entries, each
/// already masked to <paramref name="BitsPerEntry"/> bits.</param>
public sealed record DicomVoiLut(int FirstMapped, int BitsPerEntry, IReadOnlyList<ushort> Entries);
