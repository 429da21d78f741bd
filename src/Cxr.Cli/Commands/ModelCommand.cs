using System.CommandLine;

namespace Cxr.Cli.Commands;

/// <summary><c>cxr model</c>: look at model files and upgrade older ones.</summary>
public static class ModelCommand
{
    public static Command Create()
    {
        var command = new Command("model", "Look at cxr ONNX model files.");
        command.Subcommands.Add(ModelInfoCommand.Create());
        command.Subcommands.Add(ModelUpgradeCommand.Create());
        return command;
    }
}
