namespace Cxr.Web.Contracts;

/// <summary>How an upload becomes the model's input.</summary>
/// <param name="Size">Side of the square input in pixels.</param>
/// <param name="Mode"><c>stretch</c> (aspect ratio not kept) or <c>letterbox</c> (padded with black).</param>
/// <param name="Channels">1 (grayscale) or 3.</param>
/// <param name="Contrast">The contrast step after the resize, as in the model's <c>cxr.preprocess</c>:
/// <c>{"method":"none"}</c>, <c>{"method":"histeq"}</c> or e.g. <c>{"method":"clahe","clip":2,"grid":8}</c>.</param>
public sealed record PreprocessSummary(int Size, string Mode, int Channels, Cxr.Core.Imaging.ContrastStep Contrast);
