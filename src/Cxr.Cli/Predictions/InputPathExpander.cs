using System.Text;
using System.Text.RegularExpressions;
using Cxr.Core.Data;

namespace Cxr.Cli.Predictions;

/// <summary>
/// Turns the PATH arguments of <c>cxr predict</c> into files. A file is taken as given (whatever its extension, so a
/// mistaken file is reported rather than silently skipped). A folder is searched recursively for images
/// (<see cref="DatasetScanner.ImageExtensions"/>; hidden entries skipped). A glob (<c>*</c>, <c>?</c>, <c>[abc]</c>,
/// <c>**</c> for any depth), quoted so the shell leaves it alone, matches images the same way. Order: arguments in
/// order, each one's matches sorted; duplicates dropped.
/// </summary>
internal static class InputPathExpander
{
    /// <summary>In argument order: every file found, and for an argument that matched nothing, one entry with the
    /// problem.</summary>
    public static IReadOnlyList<(string Path, string? Problem)> Expand(IEnumerable<string> inputs)
    {
        var entries = new List<(string, string?)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            List<string> matches;
            if (File.Exists(input))
            {
                matches = [input];
            }
            else if (Directory.Exists(input))
            {
                matches = ImagesUnder(input);
                if (matches.Count == 0)
                {
                    entries.Add((input, "folder holds no images (" + string.Join(" ", DatasetScanner.ImageExtensions) + ")"));
                }
            }
            else if (IsGlob(input))
            {
                matches = Glob(input);
                if (matches.Count == 0)
                {
                    entries.Add((input, "pattern matches no images"));
                }
            }
            else
            {
                entries.Add((input, "no such file or folder"));
                continue;
            }

            foreach (var match in matches)
            {
                if (seen.Add(Path.GetFullPath(match)))
                {
                    entries.Add((match, null));
                }
            }
        }

        return entries;
    }

    public static bool IsGlob(string input) => input.AsSpan().IndexOfAny("*?[") >= 0;

    private static List<string> ImagesUnder(string folder) =>
        Enumerate(folder).Order(StringComparer.Ordinal).ToList();

    private static List<string> Glob(string pattern)
    {
        var normalized = pattern.Replace('\\', '/');
        var segments = normalized.Split('/');
        var firstWild = Array.FindIndex(segments, IsGlob);
        var baseDir = string.Join('/', segments[..firstWild]);
        if (baseDir.Length == 0)
        {
            baseDir = normalized.StartsWith('/') ? "/" : ".";
        }

        if (!Directory.Exists(baseDir))
        {
            return [];
        }

        var regex = ToRegex(string.Join('/', segments[firstWild..]));
        var baseFull = Path.GetFullPath(baseDir);
        return Enumerate(baseDir)
            .Where(f => regex.IsMatch(Path.GetRelativePath(baseFull, Path.GetFullPath(f)).Replace('\\', '/')))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static IEnumerable<string> Enumerate(string folder)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden };
        return Directory.EnumerateFiles(folder, "*", options)
            .Where(f => DatasetScanner.ImageExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()));
    }

    // "**/" = any number of folders, "**" = anything, "*" = within one name, "?" = one character, "[...]" = a class.
    private static Regex ToRegex(string glob)
    {
        var text = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                var slash = i + 2 < glob.Length && glob[i + 2] == '/';
                text.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*')
            {
                text.Append("[^/]*");
            }
            else if (c == '?')
            {
                text.Append("[^/]");
            }
            else if (c == '[')
            {
                var end = glob.IndexOf(']', i + 1);
                if (end < 0)
                {
                    text.Append(@"\[");
                }
                else
                {
                    var inner = glob[(i + 1)..end];
                    text.Append('[').Append(inner.StartsWith('!') ? "^" + Regex.Escape(inner[1..]) : Regex.Escape(inner)).Append(']');
                    i = end;
                }
            }
            else
            {
                text.Append(Regex.Escape(c.ToString()));
            }
        }

        return new Regex(text.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
