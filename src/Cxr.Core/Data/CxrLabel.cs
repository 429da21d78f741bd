namespace Cxr.Core.Data;

/// <summary>The two classes of the chest X-ray set. <see cref="Pneumonia"/> is the positive class (value 1).</summary>
public enum CxrLabel
{
    /// <summary>No pneumonia (folder <c>NORMAL</c>).</summary>
    Normal = 0,

    /// <summary>Bacterial or viral pneumonia (folder <c>PNEUMONIA</c>); the positive class.</summary>
    Pneumonia = 1,
}
