namespace Cxr.Cli.Predictions;

/// <summary>Finds the model a command uses when no <c>--model</c> is given: <c>models/cxr-default.onnx</c> in the
/// current folder, else in the cxr checkout the program runs from.</summary>
internal static class DefaultModel
{
    public const string RelativePath = "models/cxr-default.onnx";

    /// <summary>The given path, or the default model's.</summary>
    /// <exception cref="CliUsageException">No model was given and the default one is not there.</exception>
    public static string Resolve(string? given)
    {
        if (!string.IsNullOrWhiteSpace(given))
        {
            return given;
        }

        var looked = new List<string>();
        var here = Path.GetFullPath(RelativePath);
        looked.Add(here);
        if (File.Exists(here))
        {
            return RelativePath;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cxr.slnx")))
            {
                var candidate = Path.Combine(dir.FullName, RelativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }

                looked.Add(candidate);
                break;
            }
        }

        throw new CliUsageException(
            $"No --model given, and the default model {RelativePath} is not there (looked for {string.Join(" and ", looked.Distinct())}). " +
            "Pass --model FILE, or train one with `cxr train`.");
    }
}
