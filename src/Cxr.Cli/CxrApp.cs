using System.CommandLine;
using System.Reflection;
using Spectre.Console;

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
            "Research and education only: not a medical device.");
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
        try
        {
            return await parse.InvokeAsync(config).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine("[yellow]cancelled[/]");
            return 130;
        }
        catch (Exception ex) when (IsUserError(ex))
        {
            AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(ex.Message)}");
            return ExitUserError;
        }
        catch (Exception ex)
        {
            AnsiConsole.MarkupLine($"[red]internal error ({Markup.Escape(ex.GetType().Name)}):[/] {Markup.Escape(ex.Message)}");
            return ExitInternalError;
        }
    }

    // Errors caused by the user's input or environment: shown as one plain line, never as a stack trace.
    private static bool IsUserError(Exception ex) =>
        ex is IOException or UnauthorizedAccessException or ArgumentException or FormatException or InvalidDataException
           or CliUsageException
        || ex.GetType().Namespace?.StartsWith("Cxr.", StringComparison.Ordinal) == true;
}
