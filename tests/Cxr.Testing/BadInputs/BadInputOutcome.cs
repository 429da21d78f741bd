namespace Cxr.Testing.BadInputs;

/// <summary>What becomes of a corpus item.</summary>
public enum BadInputOutcome
{
    /// <summary>Refused with a typed image error: <c>cxr predict</c> prints an <c>error:</c> line and exits 2; the API
    /// answers with the error's problem document.</summary>
    Refused,

    /// <summary>Decoded, but the input guard judges it not to be a frontal chest X-ray: <c>cxr predict</c> prints a
    /// <c>refused:</c> line, reports no label and exits 3; the API answers 422 <c>not-a-chest-xray</c>. With
    /// <c>--force</c> / <c>force=true</c> the model's answer is given anyway, marked.</summary>
    NotChestXray,

    /// <summary>Decoded, accepted by the input guard and classified: <c>cxr predict</c> exits 0 with a NORMAL/PNEUMONIA
    /// row; the API answers 200.</summary>
    Predicted,
}
