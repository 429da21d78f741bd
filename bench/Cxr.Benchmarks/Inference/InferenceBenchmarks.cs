using BenchmarkDotNet.Attributes;
using Cxr.Core.Contracts;
using Cxr.Core.Imaging;
using Cxr.Inference;
using Cxr.Training.Models;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;
using static TorchSharp.torch;

namespace Cxr.Benchmarks.Inference;

/// <summary>
/// Serving speed of the default CxrNet (224 px) at 2 threads, times per image:
/// <list type="bullet">
/// <item>"1 image": <see cref="PredictJpeg"/> is <see cref="ChestXrayPredictor.Predict(ReadOnlySpan{byte}, PredictionRequest?)"/>
/// on a 224 × 224 JPEG including decode and heatmap; <see cref="OnnxRuntimeForward"/> is the ONNX Runtime session alone on
/// a ready tensor; <see cref="TorchSharpForward"/> (baseline) is the eval-mode TorchSharp forward of the same weights.</item>
/// <item>"32 images": the same three with a batch of 32.</item>
/// </list>
/// </summary>
[Config(typeof(InferenceBenchmarkConfig))]
[MemoryDiagnoser(false)]
public class InferenceBenchmarks
{
    private const int Batch = 32;
    private const int Threads = 2;
    private ChestXrayPredictor predictor = null!;
    private InferenceSession session = null!;
    private RunOptions runOptions = null!;
    private CxrNet model = null!;
    private byte[] jpeg = null!;
    private IReadOnlyList<byte[]> jpegs = null!;
    private float[] one = null!;
    private float[] many = null!;
    private Tensor torchOne = null!;
    private Tensor torchMany = null!;

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(Threads);
        byte[] onnx;
        (model, onnx) = BenchmarkInputs.CreateModel();
        predictor = ChestXrayPredictor.Load(onnx, "bench-cxrnet.onnx", new PredictorOptions(IntraOpThreads: Threads));
        // The session copies its options at creation, so they are released here, not with the session.
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = Threads, InterOpNumThreads = 1 };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        session = new InferenceSession(onnx, options);
        runOptions = new RunOptions();

        jpegs = BenchmarkInputs.Jpegs(Batch);
        jpeg = jpegs[0];
        var size = BenchmarkInputs.Options.InputSize;
        var tensors = jpegs.Select(j => predictor.Preprocess(j)).ToList();
        one = new float[size * size];
        ImagePipeline.ToTensor(tensors[0].Resized, one);
        many = new float[Batch * size * size];
        for (var i = 0; i < Batch; i++)
        {
            ImagePipeline.ToTensor(tensors[i].Resized, many.AsSpan(i * size * size, size * size));
        }

        torchOne = tensor(one, [1, 1, size, size]);
        torchMany = tensor(many, [Batch, 1, size, size]);
        Console.WriteLine($"// CxrNet default: {GflopsColumn.FlopsPerImage / 1e9:0.###} GFLOP per image; {jpegs.Count} JPEGs of {jpeg.Length:N0}+ bytes");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        predictor.Dispose();
        session.Dispose();
        runOptions.Dispose();
        torchOne.Dispose();
        torchMany.Dispose();
        model.Dispose();
    }

    [Benchmark(Description = "predict JPEG (decode+infer+heatmap)")]
    [BenchmarkCategory("1 image")]
    public double PredictJpeg() => predictor.Predict(jpeg).Probability;

    [Benchmark(Description = "ONNX Runtime forward")]
    [BenchmarkCategory("1 image")]
    public float OnnxRuntimeForward() => RunSession(one, 1);

    [Benchmark(Baseline = true, Description = "TorchSharp eval forward")]
    [BenchmarkCategory("1 image")]
    public float TorchSharpForward() => Forward(torchOne);

    [Benchmark(OperationsPerInvoke = Batch, Description = "predict batch of 32 JPEGs")]
    [BenchmarkCategory("32 images")]
    public double PredictBatch32() => predictor.PredictBatch(jpegs)[^1].Probability;

    [Benchmark(OperationsPerInvoke = Batch, Description = "ONNX Runtime forward, batch 32")]
    [BenchmarkCategory("32 images")]
    public float OnnxRuntimeForward32() => RunSession(many, Batch);

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "TorchSharp eval forward, batch 32")]
    [BenchmarkCategory("32 images")]
    public float TorchSharpForward32() => Forward(torchMany);

    private float RunSession(float[] input, int count)
    {
        var size = BenchmarkInputs.Options.InputSize;
        using var value = OrtValue.CreateTensorValueFromMemory(input, [count, 1, size, size]);
        using var outputs = session.Run(runOptions, [OnnxModelContract.ImageInput], [value],
            [OnnxModelContract.LogitOutput, OnnxModelContract.ProbabilityOutput, OnnxModelContract.HeatmapOutput]);
        return outputs[1].GetTensorDataAsSpan<float>()[0];
    }

    private float Forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return model.call(input).data<float>()[0];
    }
}
