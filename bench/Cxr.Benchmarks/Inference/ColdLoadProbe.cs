using System.Diagnostics;
using System.Globalization;
using Cxr.Core.Contracts;
using Cxr.Inference;
using Microsoft.ML.OnnxRuntime;

namespace Cxr.Benchmarks.Inference;

/// <summary>
/// Console mode <c>load-cold [N] [--model FILE]</c>: what a model's load costs in a fresh process, as <c>cxr predict</c>
/// and <c>cxr serve</c> pay it, N times each (default 9), alternating: the baseline is bare ONNX Runtime (a session with
/// the predictor's settings plus one one-image run); the other is <see cref="ChestXrayPredictor.Load(string, PredictorOptions?)"/>
/// (file hash, metadata and guard checks, weights checksum, self-test, warm-up). Prints the medians, their difference
/// (everything the predictor adds over bare ONNX Runtime) and the self-test's own clock.
/// </summary>
public static class ColdLoadProbe
{
    public const string Mode = "load-cold";
    private const string Child = "load-cold-child";

    public static int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == Child)
        {
            return RunChild(args[1], args[2]);
        }

        var count = 9;
        var model = CommittedModelFile.Path;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--model" && i + 1 < args.Length)
            {
                model = Path.GetFullPath(args[++i]);
            }
            else
            {
                count = int.Parse(args[i], CultureInfo.InvariantCulture);
            }
        }

        var times = new Dictionary<string, List<double>> { ["baseline"] = [], ["predictor"] = [], ["self-test"] = [] };
        for (var i = 0; i < count; i++)
        {
            times["baseline"].Add(Spawn("baseline", model)[0]);
            var predictorRun = Spawn("predictor", model);
            times["predictor"].Add(predictorRun[0]);
            times["self-test"].Add(predictorRun[1]);
        }

        var baseline = Median(times["baseline"]);
        var predictor = Median(times["predictor"]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model {model}, {count} fresh processes each"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  bare ONNX Runtime (session + one 1-image run): median {baseline,6:F1} ms  ({List(times["baseline"])})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ChestXrayPredictor.Load:                       median {predictor,6:F1} ms  ({List(times["predictor"])})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  of which the self-test's own clock:            median {Median(times["self-test"]),6:F1} ms  ({List(times["self-test"])})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  predictor over bare ONNX Runtime:              {predictor - baseline,6:F1} ms; ratio {predictor / baseline:F2}"));
        return 0;
    }

    private static int RunChild(string kind, string model)
    {
        var start = Stopwatch.GetTimestamp();
        if (kind == "baseline")
        {
            var bytes = File.ReadAllBytes(model);
            using var options = CommittedModelFile.SessionOptions();
            using var session = new InferenceSession(bytes, options);
            _ = session.ModelMetadata.CustomMetadataMap.Count;
            using var input = OrtValue.CreateTensorValueFromMemory(new float[224 * 224], [1, 1, 224, 224]);
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, [OnnxModelContract.ImageInput], [input], session.OutputNames);
        }
        else
        {
            using var predictor = ChestXrayPredictor.Load(model);
            var total = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{total:R} {predictor.Model.SelfTest!.ElapsedMs:R}"));
            return 0;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Stopwatch.GetElapsedTime(start).TotalMilliseconds:R} 0"));
        return 0;
    }

    private static string List(IEnumerable<double> values) => string.Join(", ", values.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)));

    /// <returns>The child's total and self-test milliseconds.</returns>
    private static double[] Spawn(string kind, string model)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ColdLoadProbe).Assembly.Location);
        }

        foreach (var argument in (string[])[Mode, Child, kind, model])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return [.. output.Trim().Split('\n')[^1].Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
