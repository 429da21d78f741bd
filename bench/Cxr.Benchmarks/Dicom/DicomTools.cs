using System.Diagnostics;

namespace Cxr.Benchmarks.Dicom;

/// <summary>DCMTK's and GDCM's command-line tools, run as their users run them: one process per file (the benchmark
/// writes their outputs to <c>/dev/shm</c>, memory, so the disk is not timed).</summary>
internal static class DicomTools
{
    /// <summary>DCMTK's renderer (Debian <c>dcmtk</c>).</summary>
    public const string Dcmj2pnm = "/usr/bin/dcmj2pnm";

    /// <summary>GDCM's converter (Debian <c>libgdcm-tools</c>).</summary>
    public const string Gdcmconv = "/usr/bin/gdcmconv";

    /// <summary>Runs <paramref name="tool"/> to its end and throws with its standard error when it fails (a benchmark
    /// row must not time an error).</summary>
    public static void MustRun(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        _ = output.Result;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(tool)} {string.Join(' ', arguments)} exited {process.ExitCode}: {error}");
        }
    }
}
