using System.Text.RegularExpressions;

namespace Cxr.Cli.Tests.Infrastructure;

/// <summary>The console's output as running text: the console wraps a message longer than its width (200 columns in
/// <see cref="CliRun"/>) at a space, so a long message is compared with every run of white space made one space.</summary>
internal static partial class ConsoleText
{
    /// <summary><paramref name="text"/> with each run of white space (line breaks included) replaced by one space.</summary>
    public static string Unwrapped(string text) => WhiteSpace().Replace(text, " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
