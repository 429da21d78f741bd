using Cxr.Core.Data;
using Spectre.Console;

namespace Cxr.Cli.Commands;

/// <summary>Runs a data set scan, with a hashing progress bar when the output is an interactive terminal.</summary>
internal static class DataScanRunner
{
    public static DatasetScan Scan(string root, bool showProgress)
    {
        var console = AnsiConsole.Console;
        if (!showProgress || !console.Profile.Capabilities.Interactive || !console.Profile.Out.IsTerminal)
        {
            return DatasetScanner.Scan(root);
        }

        DatasetScan? scan = null;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("hashing images");
                scan = DatasetScanner.Scan(root, new InlineProgress<ScanProgress>(p =>
                {
                    task.MaxValue = p.Total;
                    task.Value = p.Done;
                }));
                task.StopTask();
            });
        return scan!;
    }
}
