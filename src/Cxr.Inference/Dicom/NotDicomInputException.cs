using Cxr.Core.Imaging;

namespace Cxr.Inference.Dicom;

/// <summary>DICOM answers were asked for an input that is not DICOM: there is no study to add them to.</summary>
public sealed class NotDicomInputException : Exception
{
    public NotDicomInputException(ImageFormat format)
        : base($"DICOM output needs a DICOM input (the answer joins the input's study); this input is {format}.")
    {
        Format = format;
    }

    public NotDicomInputException()
        : base("DICOM output needs a DICOM input.")
    {
    }

    public NotDicomInputException(string message)
        : base(message)
    {
    }

    public NotDicomInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The input's format.</summary>
    public ImageFormat Format { get; }
}
