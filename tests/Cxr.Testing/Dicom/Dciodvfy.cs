using System.Diagnostics;

namespace Cxr.Testing.Dicom;

/// <summary>
/// <c>dciodvfy</c> from Debian's <c>dicom3tools</c> (<c>apt-get install dicom3tools</c>): David Clunie's IOD verifier,
/// the independent check that a written object has every attribute its IOD's modules require, with valid values.
/// </summary>
public static class Dciodvfy
{
    /// <summary>Where Debian puts it.</summary>
    public const string ToolPath = "/usr/bin/dciodvfy";

    /// <summary>Whether it is installed.</summary>
    public static bool IsInstalled => File.Exists(ToolPath);

    /// <summary>Why the tests cannot run.</summary>
    public const string MissingMessage = "dciodvfy is not installed (/usr/bin/dciodvfy): apt-get install dicom3tools.";

    /// <summary>Verifies <paramref name="file"/>; returns every line the tool printed (it reports on stderr), e.g.
    /// <c>Error - Missing attribute Type 1 Required Element=&lt;Modality&gt; Module=&lt;GeneralSeries&gt;</c> or
    /// <c>Warning - ...</c>.</summary>
    public static IReadOnlyList<string> Verify(string file)
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException(MissingMessage);
        }

        var start = new ProcessStartInfo(ToolPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(file);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dciodvfy did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (stderr + "\n" + stdout.Result).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>The lines of <paramref name="report"/> that are errors.</summary>
    public static IReadOnlyList<string> Errors(IReadOnlyList<string> report) =>
        report.Where(l => l.StartsWith("Error", StringComparison.Ordinal)).ToList();
}
