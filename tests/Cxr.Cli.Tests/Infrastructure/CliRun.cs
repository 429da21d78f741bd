using Spectre.Console;

namespace Cxr.Cli.Tests.Infrastructure;

/// <summary>The outcome of one in-process <c>cxr</c> run: exit code, everything written to stdout, and stderr.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>Runs <see cref="CxrApp.RunAsync"/> with a plain 200-column recording console (no colours, not interactive).</summary>
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;

        var (previousConsole, previousOut, previousError) = (AnsiConsole.Console, Console.Out, Console.Error);
        AnsiConsole.Console = console;
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exit = await CxrApp.RunAsync(args);
            return new CliRun(exit, output.ToString(), error.ToString());
        }
        finally
        {
            AnsiConsole.Console = previousConsole;
            Console.SetOut(previousOut);
            Console.SetError(previousError);
        }
    }
}
