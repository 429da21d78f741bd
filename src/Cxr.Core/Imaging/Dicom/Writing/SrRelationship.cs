namespace Cxr.Core.Imaging.Dicom.Writing;

/// <summary>Relationship Type (0040,A010) values this toolkit uses (PS3.3 C.17.3.2.4).</summary>
public static class SrRelationship
{
    /// <summary>The parent contains the child.</summary>
    public const string Contains = "CONTAINS";

    /// <summary>The child is context of the parent's observations (e.g. the algorithm that made them).</summary>
    public const string HasObservationContext = "HAS OBS CONTEXT";

    /// <summary>The child was a basis for inferring the parent (e.g. the input check behind a finding).</summary>
    public const string InferredFrom = "INFERRED FROM";

    /// <summary>The child qualifies or describes the parent.</summary>
    public const string HasProperties = "HAS PROPERTIES";
}
