namespace Cxr.Tests.BadInputs;

/// <summary>What becomes of a corpus item.</summary>
internal enum BadInputOutcome
{
    /// <summary>Refused with a typed image error: <c>cxr predict</c> prints one error line and exits 2; the API answers
    /// with a problem document.</summary>
    Refused,

    /// <summary>Decoded and classified: <c>cxr predict</c> exits 0 with a NORMAL/PNEUMONIA row; the API answers 200.</summary>
    Predicted,
}
