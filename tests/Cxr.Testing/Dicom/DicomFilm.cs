namespace Cxr.Testing.Dicom;

/// <summary>
/// A DICOM chest film for the output tests, made by DCMTK from the first NORMAL validation film of the shared set:
/// <c>img2dcm</c> wraps the JPEG with the identification below (and an institution name that must not be copied), then
/// <c>dcmdjpeg</c> decompresses it to 8-bit RGB, Explicit VR Little Endian.
/// </summary>
public static class DicomFilm
{
    public const string PatientName = "Doe^Jane";
    public const string PatientId = "CXR-0001";
    public const string PatientBirthDate = "19800101";
    public const string PatientSex = "F";
    public const string StudyInstanceUid = "1.2.826.0.1.3680043.10.1234.1";
    public const string StudyId = "S42";
    public const string StudyDate = "20260102";
    public const string StudyTime = "093000";
    public const string AccessionNumber = "ACC-77";
    public const string ReferringPhysicianName = "Who^Doctor";

    /// <summary>An attribute of the input no output may copy (Institution Name).</summary>
    public const string InstitutionName = "Nowhere General Hospital";

    /// <summary>Writes the film to <paramref name="folder"/> as <paramref name="name"/> and returns its path.</summary>
    public static string Make(string folder, string name = "film.dcm")
    {
        var jpeg = TestData.FirstValidationFilm("NORMAL");
        var wrapped = Path.Combine(folder, "wrapped-" + name);
        Dcmtk.Run(folder, "img2dcm",
            "-k", "PatientName=" + PatientName, "-k", "PatientID=" + PatientId, "-k", "PatientBirthDate=" + PatientBirthDate,
            "-k", "PatientSex=" + PatientSex, "-k", "StudyInstanceUID=" + StudyInstanceUid, "-k", "StudyID=" + StudyId,
            "-k", "StudyDate=" + StudyDate, "-k", "StudyTime=" + StudyTime, "-k", "AccessionNumber=" + AccessionNumber,
            "-k", "ReferringPhysicianName=" + ReferringPhysicianName, "-k", "InstitutionName=" + InstitutionName,
            "-k", "Modality=DX", "-k", "BodyPartExamined=CHEST", "-k", "ViewPosition=PA",
            jpeg, wrapped);
        var target = Path.Combine(folder, name);
        Dcmtk.Run(folder, "dcmdjpeg", wrapped, target);
        File.Delete(wrapped);
        return target;
    }
}
