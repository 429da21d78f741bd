using System.Diagnostics;

namespace Cxr.Testing.Dicom;

/// <summary>
/// DCMTK's command-line tools (Debian's <c>dcmtk</c> package; <c>scripts/setup.sh dicom</c> installs it), used as the
/// independent encoder and renderer the DICOM reader is compared with. <see cref="Run"/> throws with the tool's output
/// when it fails.
/// </summary>
public static class Dcmtk
{
    /// <summary>Where Debian puts the tools.</summary>
    public const string BinDirectory = "/usr/bin";

    /// <summary>Whether the tools the fixtures need are installed.</summary>
    public static bool IsInstalled { get; } =
        new[] { "img2dcm", "dcmdjpeg", "dcmconv", "dcmcrle", "dcmodify", "dump2dcm", "dcmj2pnm", "dcmcjpeg", "dcmcjpls", "dcml2pnm" }
            .All(tool => File.Exists(Path.Combine(BinDirectory, tool)));

    /// <summary>Why the tests cannot run, for the skip reason and the failure message.</summary>
    public const string MissingMessage = "DCMTK is not installed (/usr/bin/dcmj2pnm and friends): run scripts/setup.sh dicom " +
                                         "(apt-get install dcmtk).";

    /// <summary>Runs <paramref name="tool"/> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static void Run(string workingDirectory, string tool, params string[] arguments)
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException(MissingMessage);
        }

        RunTool(Path.Combine(BinDirectory, tool), workingDirectory, arguments);
    }

    /// <summary>Runs the executable at <paramref name="path"/>; throws with its output when it exits non-zero.</summary>
    public static void RunTool(string path, string workingDirectory, params string[] arguments)
    {
        var tool = Path.GetFileName(path);
        var start = new ProcessStartInfo(path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited {process.ExitCode}: {stderr}{stdout.Result}");
        }
    }
}
