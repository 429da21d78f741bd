namespace Cxr.Tests.Fuzzing;

/// <summary>One valid encoded image that mutations start from.</summary>
/// <param name="Name">Kind and source file, e.g. <c>jpeg:IM-0115-0001</c> or <c>png-rgb:IM-0115-0001</c>.</param>
/// <param name="Data">The encoded bytes.</param>
/// <param name="IsPng">PNG (else JPEG): decides which header fields the structure-aware mutations edit.</param>
internal sealed record FuzzSeed(string Name, byte[] Data, bool IsPng);
