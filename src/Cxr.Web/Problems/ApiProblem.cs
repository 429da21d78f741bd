namespace Cxr.Web.Problems;

/// <summary>One kind of API error: its HTTP status, its stable RFC 9457 (ex-7807) <c>type</c> URI and its short title.</summary>
/// <param name="Status">HTTP status code sent with it.</param>
/// <param name="Slug">Last segment of the type URI, e.g. <c>undecodable-image</c>.</param>
/// <param name="Title">Short, fixed summary of the problem kind (the specific explanation goes in <c>detail</c>).</param>
public sealed record ApiProblem(int Status, string Slug, string Title)
{
    /// <summary>Where every cxr problem type URI starts.</summary>
    public const string TypeBase = "https://cxr.dev/problems/";

    /// <summary>The problem type URI, e.g. <c>https://cxr.dev/problems/undecodable-image</c>.</summary>
    public string Type => TypeBase + Slug;
}
