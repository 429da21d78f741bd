using System.CommandLine;
using System.Reflection;

namespace Cxr.Cli;

/// <summary>Builds the <c>cxr</c> command tree. Each command lives in its own file under <c>Commands/</c>.</summary>
public static class CxrApp
{
    public static string Version { get; } =
        typeof(CxrApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "cxr: train, evaluate, explain and serve a pediatric chest X-ray classifier (NORMAL vs PNEUMONIA). " +
            "Research and education only: not a medical device.");
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var root = BuildRoot();
        var parse = root.Parse(args);
        return await parse.InvokeAsync().ConfigureAwait(false);
    }
}
