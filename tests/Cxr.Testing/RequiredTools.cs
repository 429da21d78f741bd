namespace Cxr.Testing;

/// <summary>What tests that need a Debian tool or the data set do when it is missing: fail when <see cref="InCi"/>
/// (CI must prove everything), may skip otherwise (see <c>Dicom.DcmtkFactAttribute</c>).</summary>
public static class RequiredTools
{
    /// <summary>Whether the environment variable <c>CI</c> is <c>true</c> (any case), as CI services set it.</summary>
    public static bool InCi { get; } = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
