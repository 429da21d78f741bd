using System.CommandLine;
using System.Reflection;
using Cxr.Core.Text;

namespace Cxr.Cli;

/// <summary>Builds the <c>cxr</c> command tree. Each command lives in its own file under <c>Commands/</c>.</summary>
public static class CxrApp
{
    /// <summary>Exit code for bad input or a failed operation the user can fix.</summary>
    public const int ExitUserError = 1;

    /// <summary>Exit code for a fault in cxr itself.</summary>
    public const int ExitInternalError = 70;

    public static string Version { get; } =
        typeof(CxrApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "cxr: train, evaluate, explain and serve a pediatric chest X-ray classifier (NORMAL vs PNEUMONIA). " +
            Disclaimer.Statement);
        root.Subcommands.Add(Commands.DataCommand.Create());
        root.Subcommands.Add(Commands.TrainCommand.Create());
        root.Subcommands.Add(Commands.PredictCommand.Create());
        root.Subcommands.Add(Commands.EvaluateCommand.Create());
        root.Subcommands.Add(Commands.ModelCommand.Create());
        root.Subcommands.Add(Commands.ServeCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var root = BuildRoot();
        var parse = root.Parse(args);
        var config = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
        if (parse.CommandResult.Command.Name == Commands.ServeCommand.Name)
        {
            // The web host owns SIGTERM/Ctrl+C: it stops listening, lets in-flight requests finish (bounded by its own
            // shutdown timeout) and returns 0. System.CommandLine's handler would end the process 2 s after the signal,
            // cutting those requests off.
            config.ProcessTerminationTimeout = null;
        }

        try
        {
            return await parse.InvokeAsync(config).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            WriteError("cancelled");
            return 130;
        }
        catch (Exception ex) when (IsUserError(ex))
        {
            WriteError($"error: {ex.Message}");
            return ExitUserError;
        }
        catch (Exception ex)
        {
            WriteError($"internal error ({ex.GetType().Name}): {ex.Message}");
            return ExitInternalError;
        }
    }

    // One line on standard error, never wrapped (a console-width wrap would split it when stderr is a file or a pipe),
    // so logs and scripts see exactly one line per failure and standard output keeps only results.
    private static void WriteError(string message) =>
        Console.Error.WriteLine(string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));

    // Errors caused by the user's input or environment: shown as one plain line, never as a stack trace.
    private static bool IsUserError(Exception ex) =>
        ex is IOException or UnauthorizedAccessException or ArgumentException or FormatException or InvalidDataException
           or CliUsageException
        || ex.GetType().Namespace?.StartsWith("Cxr.", StringComparison.Ordinal) == true;
}
