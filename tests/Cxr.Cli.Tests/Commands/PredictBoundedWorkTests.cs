using System.Diagnostics;
using Cxr.Testing;
using Cxr.Testing.Images;
using Xunit.Abstractions;

namespace Cxr.Cli.Tests.Commands;

/// <summary>
/// The report behind issue 10, item 3: <c>cxr predict</c> on a PNG whose single text chunk is 15 MB (tEXt or zTXt,
/// valid CRC or not) took 107-116 s. Now each gets its prediction line, exit 0, in well under 1 s of CPU for the whole
/// command (model loading included).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class PredictBoundedWorkTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string DefaultModel = Path.Combine(TestData.RepoRoot, "models", "cxr-default.onnx");

    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData("png tEXt")]
    [InlineData("png tEXt bad-crc")]
    [InlineData("png zTXt")]
    [InlineData("png zTXt bad-crc")]
    public async Task A_15_MB_text_chunk_png_is_predicted_in_under_a_second_of_cpu(string name)
    {
        var file = Path.Combine(_folder.Root, name.Replace(' ', '-') + ".png");
        await File.WriteAllBytesAsync(file, BigAncillaryImages.Create(name, 15_000_000));
        await CliRun.RunAsync("predict", file, "--model", DefaultModel, "--threads", "1", "--force"); // JIT, first model load

        // This collection runs alone, so the process's CPU time is this command's (plus a little runtime housekeeping).
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        var run = await CliRun.RunAsync("predict", file, "--model", DefaultModel, "--threads", "1", "--force");
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - before;

        output.WriteLine($"cxr predict {name} ({new FileInfo(file).Length / 1e6:F1} MB): exit {run.ExitCode}, {cpu.TotalMilliseconds:F0} ms of CPU (model load included)");
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"1 file: 1 predicted", run.Out);
        Assert.Empty(run.Error);
        // The issue's bound: 1 s of CPU; measured 23-55 ms for the whole command on the 2-core machine.
        Assert.True(cpu < TimeSpan.FromSeconds(1), $"cxr predict used {cpu.TotalMilliseconds:F0} ms of CPU");
    }

    public void Dispose() => _folder.Dispose();
}
