using System.CommandLine;

namespace Cxr.Cli.Commands;

/// <summary><c>cxr data</c>: look at a data set and make leakage-free split manifests.</summary>
public static class DataCommand
{
    public static Command Create()
    {
        var command = new Command(
            "data",
            "Inspect a chest X-ray data set and write patient-grouped, leakage-checked split manifests.");
        command.Subcommands.Add(DataInspectCommand.Create());
        command.Subcommands.Add(DataSplitCommand.Create());
        return command;
    }
}
