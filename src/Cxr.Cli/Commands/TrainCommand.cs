using System.CommandLine;
using Cxr.Cli.Training;

namespace Cxr.Cli.Commands;

/// <summary><c>cxr train</c>. Only <see cref="TrainCommandHandler"/> touches TorchSharp, so building the command tree
/// (for <c>predict</c> or <c>serve</c>) never loads it.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Data root: a Kaggle layout (its train folder is used) or NORMAL/ + PNEUMONIA/ folders. A patient-grouped validation split is carved from it." };
        var manifest = new Option<string?>("--manifest") { Description = "Manifest CSV from `cxr data split`: its train and val rows are used." };
        var preset = new Option<string>("--preset") { Description = "Recipe to start from: default (cxrnet), robust (default plus framing, occlusion and acquisition augmentation and label smoothing) or notebook (the original Keras CNN and recipe).", DefaultValueFactory = _ => "default" };
        preset.AcceptOnlyFromAmong("default", "robust", "notebook");
        var arch = new Option<string?>("--arch") { Description = "Architecture: cxrnet or seed-cnn (default: the preset's)." };
        var size = new Option<int?>("--size") { Description = "Square input size in pixels (default: the preset's; 224 for cxrnet, 150 for seed-cnn)." };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs (default: the preset's)." };
        var steps = new Option<int?>("--steps-per-epoch") { Description = "Batches per epoch (default: the preset's)." };
        var batch = new Option<int?>("--batch") { Description = "Batch size (default: the preset's, 32)." };
        var lr = new Option<double?>("--lr") { Description = "Peak learning rate (default: the preset's)." };
        var seed = new Option<int?>("--seed") { Description = "Random seed for split, init, sampling and augmentation (default 42)." };
        var threads = new Option<int?>("--threads") { Description = "libtorch threads (default: all cores)." };
        var threshold = new Option<string?>("--threshold-policy") { Description = "Operating point chosen on validation: youden (default) or sensitivity:0.95." };
        var valFraction = new Option<double?>("--val-fraction") { Description = "Share of patients held out for validation with --data (default 0.12; not with --ensemble)." };
        var name = new Option<string?>("--name") { Description = "Model name stored in the model (default: the output folder's name)." };
        var output = new Option<string>("--out") { Description = "Output folder for model.onnx, checkpoint.bin, log.csv, curves.png, validation.json.", Required = true };
        var cache = new Option<string?>("--cache") { Description = "Folder for the decoded-image cache (default ~/.cache/cxr; 'none' disables it)." };
        var resume = new Option<bool>("--resume") { Description = "Continue from the checkpoint in --out." };
        var ema = new Option<double?>("--ema") { Description = "Keep an exponential moving average of the weights with this decay, in (0, 1) (e.g. 0.999), and validate, calibrate and export it; 0 = off (default: the preset's, off)." };
        var mixup = new Option<double?>("--mixup") { Description = "Mixup: blend each training image and its label with another of the batch by λ ~ Beta(α, α); this is α (e.g. 0.2), 0 = off (default: the preset's, off)." };
        var mixupProbability = new Option<double?>("--mixup-probability") { Description = "Share of batches mixed when --mixup is on, in (0, 1] (default 1)." };
        var contrast = new Option<string?>("--contrast") { Description = "Contrast step on every resized image, in training and in the exported model's preprocessing: none (default), histeq (global histogram equalisation) or clahe (contrast-limited adaptive, OpenCV's recipe)." };
        var claheClip = new Option<double?>("--clahe-clip") { Description = $"With --contrast clahe: clip limit, in OpenCV's convention (a multiple of a flat histogram's bin; default {Cxr.Core.Imaging.ContrastStep.DefaultClipLimit})." };
        var trimBorders = new Option<bool>("--trim-borders") { Description = $"Cut almost-black rows and columns off each film's edges before the resize (at most {Cxr.Core.Imaging.BorderTrim.DefaultMaxSideShare:P0} a side), in training and in the exported model's preprocessing (default: the preset's, off)." };
        var cropMinArea = new Option<double?>("--crop-min-area") { Description = "Random resized crop: the smallest share of the film's area a training crop keeps, in (0, 1]; 1 = no crops (default: the preset's; robust 0.6)." };
        var zoomOutProbability = new Option<double?>("--zoom-out-probability") { Description = "Share of training images framed by a zoom-out rather than a crop when the preset has both, in [0, 1] (default: the preset's; robust 0.5)." };
        var pneumoniaZoomOutProbability = new Option<double?>("--pneumonia-zoom-out-probability")
        {
            Description = "Framing by class: the zoom-out share for PNEUMONIA films, in [0, 1], while --zoom-out-probability (or the preset's) becomes the share for NORMAL films, " +
                "so tighter crops can fall more often on NORMAL films and looser fields on PNEUMONIA films (default: one share for both).",
        };
        var frameProbability = new Option<double?>("--frame-probability")
        {
            Description = "Share of training images that get a black frame (collimator shutters; each side up to 12 % of the side, one width for all sides or one per side), in [0, 1] " +
                "(default: the preset's; robust 0.3, default off).",
        };
        var standardizeIgnoresBlack = new Option<bool>("--standardize-ignore-black")
        {
            Description = "cxrnet's per-image standardisation takes its mean and variance over the non-black pixels only (above 16 of 255), so black added at the edges " +
                "(a margin, a frame) does not rescale the rest of the film by its own darkness; part of the exported model (default: over all pixels).",
        };
        var consistency = new Option<double?>("--consistency")
        {
            Description = "Consistency loss weight λ: each training film is also shown with less of it in view (a crop keeping 0.7–0.95 of each side, or a black frame of 3–12 %), " +
                "and λ × the mean squared difference of the two logits is added to the loss; about twice the training time; 0 = off (default: the preset's, off).",
        };
        var claheGrid = new Option<int?>("--clahe-grid") { Description = $"With --contrast clahe: tiles per side (default {Cxr.Core.Imaging.ContrastStep.DefaultGrid}, i.e. 8 × 8)." };
        var ensemble = new Option<int?>("--ensemble")
        {
            Description = "Train an ensemble of K ≥ 2 cxrnet members on K patient-grouped folds of all the training films: member k trains on the other folds " +
                "and is validated on fold k; the out-of-fold predictions calibrate the ensemble, exported as one model (folders member-1 … member-K in --out).",
        };

        var command = new Command("train", "Train a model (TorchSharp, CPU) and export it to ONNX with its calibration and threshold.")
        {
            data, manifest, preset, arch, size, epochs, steps, batch, lr, seed, threads, threshold, valFraction, name, output, cache, resume, ensemble,
            ema, mixup, mixupProbability, consistency,
            contrast, claheClip, claheGrid, trimBorders, cropMinArea, zoomOutProbability, pneumoniaZoomOutProbability, frameProbability, standardizeIgnoresBlack,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(TrainCommandHandler.Run(
            new TrainArguments(
                parse.GetValue(data),
                parse.GetValue(manifest),
                parse.GetValue(preset)!,
                parse.GetValue(arch),
                parse.GetValue(size),
                parse.GetValue(epochs),
                parse.GetValue(steps),
                parse.GetValue(batch),
                parse.GetValue(lr),
                parse.GetValue(seed),
                parse.GetValue(threads),
                parse.GetValue(threshold),
                parse.GetValue(valFraction),
                parse.GetValue(name),
                parse.GetValue(output)!,
                parse.GetValue(cache),
                parse.GetValue(resume),
                parse.GetValue(ema),
                parse.GetValue(mixup),
                parse.GetValue(mixupProbability),
                parse.GetValue(contrast),
                parse.GetValue(claheClip),
                parse.GetValue(claheGrid),
                parse.GetValue(ensemble),
                parse.GetValue(trimBorders),
                parse.GetValue(cropMinArea),
                parse.GetValue(zoomOutProbability),
                parse.GetValue(consistency),
                parse.GetValue(pneumoniaZoomOutProbability),
                parse.GetValue(frameProbability),
                parse.GetValue(standardizeIgnoresBlack)),
            cancellationToken)));
        return command;
    }
}
