using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Cxr.Cli.Predictions;
using Cxr.Core.Contracts;
using Cxr.Inference;
using Cxr.Training.Export;
using Onnx;
using Spectre.Console;

namespace Cxr.Cli.Commands;

/// <summary><c>cxr model upgrade FILE --out FILE</c>: re-exports a model written by an older cxr with what this exporter
/// adds (the self-test, the weights checksum), keeping its graph and weights bit for bit; TorchSharp recomputes the
/// probe outputs from the file's own weights, and the result must pass its self-test in ONNX Runtime.</summary>
public static class ModelUpgradeCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The cxr ONNX model to upgrade." };
        var output = new Option<string>("--out", "-o") { Description = "Where to write the upgraded model (may be FILE itself).", Required = true };
        var command = new Command("upgrade", "Re-export an older cxr model with a self-test and a weights checksum (same graph, same weights).") { file, output };
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(output)!));
        return command;
    }

    private static int Run(string file, string output)
    {
        var source = DefaultModel.Resolve(file);
        var original = File.ReadAllBytes(source);
        ImportedModel imported;
        try
        {
            imported = OnnxModelImporter.Import(original);
        }
        catch (NotSupportedException e)
        {
            throw new CliUsageException($"{source} cannot be upgraded: {e.Message}");
        }

        byte[] upgraded;
        using (imported.Model)
        {
            // The exporter recomputes the graph's facts (self-test, weights checksum); the rest of the card is kept.
            var card = imported.Card with { UpgradedFrom = Convert.ToHexStringLower(SHA256.HashData(original)) };
            upgraded = OnnxExporter.ExportToBytes(imported.Model, card, imported.Guard);
        }

        // The point of an upgrade is that nothing the model computes changes: same nodes, same initializers.
        if (!ModelProto.Parser.ParseFrom(upgraded).Graph.Equals(ModelProto.Parser.ParseFrom(original).Graph))
        {
            throw new CliUsageException($"{source} cannot be upgraded: re-exporting it would change its graph (it was not written by this exporter's layout).");
        }

        var path = Path.GetFullPath(output);
        var partial = path + ".partial";
        File.WriteAllBytes(partial, upgraded);
        ModelSelfTestResult selfTest;
        try
        {
            using var predictor = ChestXrayPredictor.Load(partial, new PredictorOptions(IntraOpThreads: 1, WarmUp: false));
            selfTest = predictor.Model.SelfTest!;
        }
        catch
        {
            File.Delete(partial);
            throw;
        }

        File.Move(partial, path, overwrite: true);
        DataConsole.Get().MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"upgraded {source} → {path}: graph and weights unchanged (weights sha256 {selfTest.WeightsSha256}); " +
            $"self-test recorded and passed ({ModelInfoCommand.DescribeSelfTest(selfTest)})")));
        return 0;
    }
}
