using System.Buffers;
using System.Diagnostics;
using System.Security.Cryptography;
using Cxr.Core.Contracts;
using Cxr.Core.Imaging;
using Cxr.Core.Imaging.Dicom;
using Microsoft.ML.OnnxRuntime;

namespace Cxr.Inference;

/// <summary>
/// Serves a cxr ONNX model: encoded image in, <see cref="Prediction"/> out (label, calibrated probability, heatmap,
/// timings). ONNX Runtime only; preprocessing only through <see cref="ImagePipeline"/> with the spec stored in the model.
/// </summary>
/// <remarks>
/// <para>Thread-safe: one instance (one <see cref="InferenceSession"/>, graph optimisation on) serves any number of
/// concurrent callers, who share its <see cref="PredictorOptions.IntraOpThreads"/> threads. Load once, reuse, dispose at
/// shutdown. Batched and single predictions of the same image agree (the graph treats batch items independently).</para>
/// <para>The model's whole computation, including any per-image standardisation, runs inside the ONNX graph: this class
/// feeds it <c>pixel / 255</c> exactly as training did and does no arithmetic on the input of its own.</para>
/// </remarks>
public sealed class ChestXrayPredictor : IDisposable
{
    private readonly InferenceSession session;
    private readonly SessionOptions sessionOptions;
    private readonly ImagePipeline pipeline;
    private readonly string[] scoreOutputs;
    private readonly string[] scoreAndHeatmapOutputs;
    private int disposed;

    private ChestXrayPredictor(InferenceSession session, SessionOptions sessionOptions, ModelInfo model, PredictorOptions options)
    {
        this.session = session;
        this.sessionOptions = sessionOptions;
        Model = model;
        Options = options;
        pipeline = new ImagePipeline(model.Preprocess, options.Limits);
        string[] guard = model.Guard.HasDistances ? [OnnxModelContract.GuardDistancesOutput] : [];
        string[] spread = model.HasMemberSpread ? [OnnxModelContract.MemberSpreadOutput] : [];
        scoreOutputs = [OnnxModelContract.LogitOutput, OnnxModelContract.ProbabilityOutput, .. guard, .. spread];
        scoreAndHeatmapOutputs = [OnnxModelContract.LogitOutput, OnnxModelContract.ProbabilityOutput, OnnxModelContract.HeatmapOutput, .. guard, .. spread];
    }

    /// <summary>What the loaded model is (name, version, file hash, preprocessing, threshold, calibration).</summary>
    public ModelInfo Model { get; }

    /// <summary>The options this predictor was loaded with.</summary>
    public PredictorOptions Options { get; }

    /// <summary>The image pipeline built from the model's preprocessing spec and the input limits.</summary>
    public ImagePipeline Pipeline => pipeline;

    /// <summary>Loads the model file at <paramref name="modelPath"/>, checks that it is a cxr model, and warms it up.</summary>
    /// <exception cref="ModelLoadException">The file is missing or unreadable, not ONNX, truncated, or not a cxr model
    /// (the message names the missing key or the unsupported value).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="options"/> holds unsupported values.</exception>
    public static ChestXrayPredictor Load(string modelPath, PredictorOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        (options ?? new PredictorOptions()).Validate();
        byte[] bytes;
        try
        {
            if (Directory.Exists(modelPath))
            {
                throw new ModelLoadException($"{modelPath} is a folder; expected an .onnx model file");
            }

            bytes = File.ReadAllBytes(modelPath);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ModelLoadException($"{modelPath} does not exist (no model file there)", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException($"{modelPath} cannot be read: {ex.Message}", ex);
        }

        return Load(bytes, modelPath, options);
    }

    /// <summary>Loads a model from its bytes; <paramref name="sourceName"/> names it in messages and
    /// <see cref="ModelInfo.Source"/>.</summary>
    /// <inheritdoc cref="Load(string, PredictorOptions?)" path="/exception"/>
    public static ChestXrayPredictor Load(byte[] modelBytes, string sourceName, PredictorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(modelBytes);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        options ??= new PredictorOptions();
        options.Validate();
        if (OnnxFileCheck.Problem(modelBytes) is { } problem)
        {
            throw new ModelLoadException($"{sourceName} {problem}");
        }

        // Before ONNX Runtime parses it: a changed weight byte can otherwise surface as an arbitrary runtime error.
        var selfTestInputs = ModelSelfTestInputs.Prepare(sourceName, modelBytes);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(modelBytes));
        var sessionOptions = CreateSessionOptions(options);
        InferenceSession? session = null;
        try
        {
            try
            {
                session = new InferenceSession(modelBytes, sessionOptions);
            }
            catch (OnnxRuntimeException ex)
            {
                throw new ModelLoadException($"{sourceName} is not a model ONNX Runtime can load: {FirstLine(ex.Message)}", ex);
            }

            var info = ModelMetadataReader.Read(sourceName, session, sha256, modelBytes.LongLength);
            // Before anything else runs: a damaged file or a runtime that computes this graph wrongly never answers.
            info = info with { SelfTest = RunSelfTest(sourceName, session, info, modelBytes, selfTestInputs) };
            var predictor = new ChestXrayPredictor(session, sessionOptions, info, options);
            if (options.WarmUp)
            {
                predictor.WarmUp();
            }

            return predictor;
        }
        catch
        {
            session?.Dispose();
            sessionOptions.Dispose();
            throw;
        }
    }

    /// <summary>Predicts one encoded image (JPEG, PNG, BMP, GIF, WebP or DICOM).</summary>
    /// <exception cref="ImageInputException">The bytes are empty, too large, not a supported image, or corrupt (see its
    /// subclasses and <see cref="ImageInputException.Code"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The request's threshold is outside [0, 1].</exception>
    public Prediction Predict(ReadOnlySpan<byte> encodedImage, PredictionRequest? request = null) =>
        Predict(encodedImage, request, CancellationToken.None);

    /// <summary>As <see cref="Predict(ReadOnlySpan{byte}, PredictionRequest?)"/>, stopping soon after
    /// <paramref name="cancellationToken"/> is cancelled: decoding checks it along the way (see
    /// <see cref="ImagePipeline.Process(ReadOnlySpan{byte}, CancellationToken)"/>) and a model run in flight is
    /// terminated (ONNX Runtime's <see cref="RunOptions.Terminate"/>).</summary>
    /// <inheritdoc cref="Predict(ReadOnlySpan{byte}, PredictionRequest?)" path="/exception"/>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public Prediction Predict(ReadOnlySpan<byte> encodedImage, PredictionRequest? request, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var start = Stopwatch.GetTimestamp();
        var image = pipeline.Process(encodedImage, cancellationToken);
        return RunOne(image, start, request, cancellationToken);
    }

    /// <summary>Reads <paramref name="encodedImage"/> to its end (bounded by the input limits; not closed) and predicts it.</summary>
    /// <inheritdoc cref="Predict(ReadOnlySpan{byte}, PredictionRequest?)" path="/exception"/>
    public Prediction Predict(Stream encodedImage, PredictionRequest? request = null)
    {
        ArgumentNullException.ThrowIfNull(encodedImage);
        ThrowIfDisposed();
        var start = Stopwatch.GetTimestamp();
        var image = pipeline.Process(encodedImage);
        return RunOne(image, start, request);
    }

    /// <summary>Predicts the image file at <paramref name="path"/> (its size is checked before it is read).</summary>
    /// <inheritdoc cref="Predict(ReadOnlySpan{byte}, PredictionRequest?)" path="/exception"/>
    /// <exception cref="IOException">The file cannot be opened or read (e.g. <see cref="FileNotFoundException"/>).</exception>
    public Prediction PredictFile(string path, PredictionRequest? request = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ThrowIfDisposed();
        var start = Stopwatch.GetTimestamp();
        var image = pipeline.ProcessFile(path);
        return RunOne(image, start, request);
    }

    /// <summary>Predicts several encoded images, running ONNX Runtime on up to <see cref="PredictorOptions.MaxBatchSize"/>
    /// at a time. All or nothing: the first bad image throws (its index is in <c>Exception.Data["cxr.batchIndex"]</c>);
    /// callers who want per-image errors call <see cref="Predict(ReadOnlySpan{byte}, PredictionRequest?)"/> per image, or
    /// <see cref="Preprocess(ReadOnlySpan{byte})"/> each and then <see cref="PredictBatch(IReadOnlyList{PreprocessedImage}, PredictionRequest?)"/>.</summary>
    /// <returns>One prediction per image, in order.</returns>
    /// <inheritdoc cref="Predict(ReadOnlySpan{byte}, PredictionRequest?)" path="/exception"/>
    public IReadOnlyList<Prediction> PredictBatch(IReadOnlyList<byte[]> encodedImages, PredictionRequest? request = null) =>
        PredictBatch(encodedImages, request, CancellationToken.None);

    /// <summary>As <see cref="PredictBatch(IReadOnlyList{byte[]}, PredictionRequest?)"/>, stopping soon after
    /// <paramref name="cancellationToken"/> is cancelled (while decoding any image, or running the model).</summary>
    /// <inheritdoc cref="Predict(ReadOnlySpan{byte}, PredictionRequest?)" path="/exception"/>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public IReadOnlyList<Prediction> PredictBatch(IReadOnlyList<byte[]> encodedImages, PredictionRequest? request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(encodedImages);
        ThrowIfDisposed();
        var images = new PreprocessedImage[encodedImages.Count];
        var decodeMs = new double[encodedImages.Count];
        for (var i = 0; i < images.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                images[i] = pipeline.Process(encodedImages[i] ?? throw new ArgumentException($"Image {i} of the batch is null.", nameof(encodedImages)), cancellationToken);
            }
            catch (ImageInputException ex)
            {
                ex.Data["cxr.batchIndex"] = i;
                throw;
            }

            decodeMs[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return Run(images, decodeMs, request, cancellationToken);
    }

    /// <summary>The cheap check before any pixel is decoded: for a DICOM file, its header alone (transfer syntax, frame
    /// count, and the header gate, <see cref="DicomHeaderGate"/>); for any other format, nothing. Callers that refuse
    /// what the input check refuses (the API without <c>force</c>) call it first, so a lateral or FOR PROCESSING file is
    /// answered without decoding its image or running the model.</summary>
    /// <returns>The header gate's refusal as an <see cref="InputCheck"/> (reason, message, warnings; no score), or null
    /// when the file is not DICOM or its header refuses nothing (<see cref="Predict(ReadOnlySpan{byte}, PredictionRequest?)"/>
    /// then reports the header's warnings with the image's verdict).</returns>
    /// <exception cref="ImageInputException">The DICOM file is malformed or truncated (<see cref="CorruptImageException"/>),
    /// its transfer syntax is not read (<see cref="UnsupportedTransferSyntaxException"/>, e.g. Explicit VR Big Endian),
    /// or it has several frames (<see cref="UnsupportedDicomImageException"/>): the same errors decoding would give.</exception>
    public InputCheck? CheckHeader(ReadOnlySpan<byte> encodedImage)
    {
        ThrowIfDisposed();
        if (encodedImage.Length > pipeline.Limits.MaxEncodedBytes || ImageFormatSniffer.Detect(encodedImage) != ImageFormat.Dicom)
        {
            // Not DICOM, or too large to read: decoding reports it.
            return null;
        }

        var info = DicomDecoder.ReadInfo(encodedImage, pipeline.Limits);
        if (info.Pixels.NumberOfFrames > 1)
        {
            throw UnsupportedDicomImageException.MultiFrame(info.Pixels.NumberOfFrames);
        }

        return InputGuard.CheckHeader(Model.Guard, info.Header);
    }

    /// <summary>Decodes and preprocesses one image with the model's pipeline, without predicting (for callers that
    /// collect per-image errors and then predict the good ones in one batch).</summary>
    /// <inheritdoc cref="Predict(ReadOnlySpan{byte}, PredictionRequest?)" path="/exception"/>
    public PreprocessedImage Preprocess(ReadOnlySpan<byte> encodedImage) => pipeline.Process(encodedImage);

    /// <summary>As <see cref="Preprocess(ReadOnlySpan{byte})"/>, stopping soon after <paramref name="cancellationToken"/>
    /// is cancelled.</summary>
    /// <inheritdoc cref="Predict(ReadOnlySpan{byte}, PredictionRequest?)" path="/exception"/>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public PreprocessedImage Preprocess(ReadOnlySpan<byte> encodedImage, CancellationToken cancellationToken) =>
        pipeline.Process(encodedImage, cancellationToken);

    /// <summary>Predicts images already preprocessed with this model's spec (see <see cref="Preprocess(ReadOnlySpan{byte})"/>); their
    /// <see cref="PredictionTimings.DecodeMs"/> is 0.</summary>
    /// <exception cref="ArgumentException">An image was preprocessed with another spec.</exception>
    public IReadOnlyList<Prediction> PredictBatch(IReadOnlyList<PreprocessedImage> images, PredictionRequest? request = null) =>
        PredictBatch(images, request, CancellationToken.None);

    /// <summary>As <see cref="PredictBatch(IReadOnlyList{PreprocessedImage}, PredictionRequest?)"/>, terminating the model
    /// run in flight when <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <exception cref="ArgumentException">An image was preprocessed with another spec.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public IReadOnlyList<Prediction> PredictBatch(IReadOnlyList<PreprocessedImage> images, PredictionRequest? request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(images);
        ThrowIfDisposed();
        for (var i = 0; i < images.Count; i++)
        {
            if (images[i] is null || images[i].Spec != Model.Preprocess)
            {
                throw new ArgumentException(
                    $"Image {i} was not preprocessed with this model's spec ({Model.Preprocess.ToJson()}).", nameof(images));
            }
        }

        return Run(images, new double[images.Count], request, cancellationToken);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            session.Dispose();
            sessionOptions.Dispose();
        }
    }

    private static SessionOptions CreateSessionOptions(PredictorOptions options)
    {
        var result = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = 1,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        result.AddSessionConfigEntry("session.intra_op.allow_spinning", options.AllowSpinning ? "1" : "0");
        return result;
    }

    private static ModelSelfTestResult RunSelfTest(string sourceName, InferenceSession session, ModelInfo info, byte[] modelBytes, ModelSelfTestInputs inputs)
    {
        try
        {
            return ModelSelfTest.Run(sourceName, session, info, modelBytes, inputs);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelLoadException($"{sourceName} loads but fails on its probe images: {FirstLine(ex.Message)}", ex);
        }
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }

    private Prediction RunOne(PreprocessedImage image, long start, PredictionRequest? request, CancellationToken cancellationToken = default)
    {
        var decodeMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var prediction = Run([image], [decodeMs], request, cancellationToken)[0];
        // For one image the wall clock from the first byte is exact; prefer it over the sum of the parts.
        return prediction with { Timings = prediction.Timings with { TotalMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds } };
    }

    private Prediction[] Run(IReadOnlyList<PreprocessedImage> images, ReadOnlySpan<double> decodeMs, PredictionRequest? request, CancellationToken cancellationToken)
    {
        request ??= PredictionRequest.Default;
        var threshold = request.Threshold ?? Model.Threshold;
        if (!(threshold >= 0 && threshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(request), threshold, "The threshold must be a probability in [0, 1].");
        }

        var heatmap = request.Heatmap && Model.HasHeatmap;
        var results = new Prediction[images.Count];
        var spec = Model.Preprocess;
        var tensorLength = spec.TensorLength;
        for (var offset = 0; offset < images.Count; offset += Options.MaxBatchSize)
        {
            var count = Math.Min(Options.MaxBatchSize, images.Count - offset);
            var start = Stopwatch.GetTimestamp();
            var length = count * tensorLength;
            var buffer = ArrayPool<float>.Shared.Rent(length);
            try
            {
                for (var i = 0; i < count; i++)
                {
                    ImagePipeline.ToTensor(images[offset + i].Resized, buffer.AsSpan(i * tensorLength, tensorLength));
                }

                using var input = OrtValue.CreateTensorValueFromMemory(
                    OrtMemoryInfo.DefaultInstance, buffer.AsMemory(0, length), [count, spec.Channels, spec.Size, spec.Size]);
                var preprocessMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds / count;
                var inferenceStart = Stopwatch.GetTimestamp();
                using var outputs = RunSession(input, heatmap ? scoreAndHeatmapOutputs : scoreOutputs, cancellationToken);
                var inferenceMs = Stopwatch.GetElapsedTime(inferenceStart).TotalMilliseconds / count;

                var logits = outputs[OnnxModelContract.LogitOutput].GetTensorDataAsSpan<float>();
                var probabilities = outputs[OnnxModelContract.ProbabilityOutput].GetTensorDataAsSpan<float>();
                ReadOnlySpan<float> maps = default;
                int gridHeight = 0, gridWidth = 0;
                if (heatmap)
                {
                    var heatmapOutput = outputs[OnnxModelContract.HeatmapOutput];
                    var shape = heatmapOutput.GetTensorTypeAndShape().Shape;
                    (gridHeight, gridWidth) = ((int)shape[1], (int)shape[2]);
                    maps = heatmapOutput.GetTensorDataAsSpan<float>();
                }

                var guard = Model.Guard;
                var references = guard.HasDistances ? guard.References.Count : 0;
                var distances = guard.HasDistances ? outputs[OnnxModelContract.GuardDistancesOutput].GetTensorDataAsSpan<float>() : default;
                var spreads = Model.HasMemberSpread ? outputs[OnnxModelContract.MemberSpreadOutput].GetTensorDataAsSpan<float>() : default;
                for (var i = 0; i < count; i++)
                {
                    Heatmap? map = null;
                    var heatmapMs = 0.0;
                    if (heatmap)
                    {
                        var heatmapStart = Stopwatch.GetTimestamp();
                        var cells = gridHeight * gridWidth;
                        map = HeatmapUpsampler.Create(maps.Slice(i * cells, cells).ToArray(), gridWidth, gridHeight, spec.Size);
                        heatmapMs = Stopwatch.GetElapsedTime(heatmapStart).TotalMilliseconds;
                    }

                    var probability = (double)probabilities[i];
                    var index = offset + i;
                    var timings = new PredictionTimings(
                        decodeMs[index], preprocessMs, inferenceMs, decodeMs[index] + preprocessMs + inferenceMs + heatmapMs)
                    {
                        HeatmapMs = heatmapMs,
                    };
                    results[index] = new Prediction(
                        probability >= threshold ? ClassLabels.Pneumonia : ClassLabels.Normal,
                        probability,
                        threshold,
                        logits[i],
                        map,
                        timings,
                        images[index],
                        InputGuard.Check(guard, images[index], references == 0 ? default : distances.Slice(i * references, references)))
                    {
                        MemberSpread = Model.HasMemberSpread ? (double)spreads[i] : null,
                    };
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(buffer);
            }
        }

        return results;
    }

    /// <summary>Runs the session on <paramref name="input"/>. A cancelled <paramref name="cancellationToken"/> sets
    /// <see cref="RunOptions.Terminate"/> on this run, which ONNX Runtime checks between graph nodes, so the run ends
    /// within about one node's time (well under a millisecond for the cxr models) and is reported as
    /// <see cref="OperationCanceledException"/>.</summary>
    private NamedOutputs RunSession(OrtValue input, string[] outputNames, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var runOptions = new RunOptions();
        // Disposed before runOptions (declared after it): the callback never touches a disposed RunOptions.
        using var registration = cancellationToken.Register(static state => ((RunOptions)state!).Terminate = true, runOptions);
        try
        {
            return NamedOutputs.Run(session, runOptions, OnnxModelContract.ImageInput, input, outputNames);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The prediction was cancelled while the model was running.", cancellationToken);
        }
    }

    /// <summary>One blank image through the session: pays ONNX Runtime's lazy set-up now, and proves the graph runs.</summary>
    private void WarmUp()
    {
        var spec = Model.Preprocess;
        var blank = new GrayImage(spec.Size, spec.Size, new byte[spec.Size * spec.Size]);
        var tensor = new float[spec.TensorLength];
        ImagePipeline.ToTensor(blank, tensor);
        try
        {
            using var input = OrtValue.CreateTensorValueFromMemory(tensor, [1, spec.Channels, spec.Size, spec.Size]);
            using var runOptions = new RunOptions();
            using var outputs = NamedOutputs.Run(session, runOptions, OnnxModelContract.ImageInput, input, Model.HasHeatmap ? scoreAndHeatmapOutputs : scoreOutputs);
            var logits = outputs[OnnxModelContract.LogitOutput].GetTensorTypeAndShape().Shape;
            if (logits is not [1])
            {
                throw new ModelLoadException(
                    $"{Model.Source} returns '{OnnxModelContract.LogitOutput}' of shape [{string.Join(",", logits)}] for one image; expected [1]");
            }
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelLoadException($"{Model.Source} loads but fails on a blank image: {FirstLine(ex.Message)}", ex);
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
}
