namespace Cxr.Web.Tests.Infrastructure;

/// <summary>One app with default settings shared by a test class.</summary>
public sealed class DefaultApp : IDisposable
{
    public CxrWebFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}
