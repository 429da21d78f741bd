using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace Cxr.Cli.Tests.Commands;

/// <summary>
/// The real <c>cxr serve</c> process pointed at a missing or damaged model: it must stop before listening with exactly
/// one line on standard error that names the file and the reason, exit code 1, and no stack trace anywhere.
/// </summary>
public sealed class ServeModelFaultTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData("missing", "does not exist")]
    [InlineData("empty", "is empty (0 bytes)")]
    [InlineData("truncated to half", "is truncated or damaged")]
    [InlineData("truncated by 100 bytes", "is truncated or damaged")]
    [InlineData("random bytes", "is not an ONNX model")]
    [InlineData("damaged graph", "is not a model ONNX Runtime can load")]
    [InlineData("one weight bit flipped", "is damaged: its weights hash to sha256")]
    [InlineData("probe outputs edited", "fails its self-test: ONNX Runtime computes 'logit'")]
    public async Task A_missing_or_damaged_model_stops_start_up_with_one_error_line_and_exit_code_1(string fault, string reason)
    {
        var model = MakeModel(fault);
        var clock = Stopwatch.StartNew();
        await using var server = ServeProcess.Launch(_folder.Root, model);
        var exitCode = await server.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var errors = server.ErrorLines.Where(l => l.Length > 0).ToList();
        output.WriteLine($"{fault}: exit {exitCode} after {clock.Elapsed.TotalSeconds:F1} s; stderr:");
        errors.ForEach(output.WriteLine);
        output.WriteLine($"stdout: {server.OutputLines.Count} lines");

        Assert.Equal(CxrApp.ExitUserError, exitCode);
        var line = Assert.Single(errors);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(model, line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
        var everything = string.Join('\n', server.OutputLines.Concat(server.ErrorLines));
        Assert.DoesNotContain("   at ", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(server.OutputLines, l => l.Contains("Now listening", StringComparison.Ordinal));
    }

    public void Dispose() => _folder.Dispose();

    private string MakeModel(string fault)
    {
        var path = _folder.Path(fault.Replace(' ', '-') + ".onnx");
        var good = File.ReadAllBytes(ServeProcess.DefaultModel);
        switch (fault)
        {
            case "missing":
                break;
            case "empty":
                File.WriteAllBytes(path, []);
                break;
            case "truncated to half":
                File.WriteAllBytes(path, good[..(good.Length / 2)]);
                break;
            case "truncated by 100 bytes":
                File.WriteAllBytes(path, good[..^100]);
                break;
            case "random bytes":
                var noise = new byte[64 * 1024];
                new Random(6).NextBytes(noise);
                File.WriteAllBytes(path, noise);
                break;
            case "damaged graph":
                // One letter of an operator name changed: still valid protobuf, but ONNX Runtime has no such operator.
                var text = Encoding.Latin1.GetString(good);
                Assert.Contains("ReduceMean", text, StringComparison.Ordinal);
                File.WriteAllBytes(path, Encoding.Latin1.GetBytes(text.Replace("ReduceMean", "ReduceMeaN", StringComparison.Ordinal)));
                break;
            case "one weight bit flipped":
                File.WriteAllBytes(path, ModelSelfTestCommandTests.Damaged("weight"));
                break;
            case "probe outputs edited":
                File.WriteAllBytes(path, ModelSelfTestCommandTests.Damaged("probe"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, null);
        }

        return path;
    }
}
