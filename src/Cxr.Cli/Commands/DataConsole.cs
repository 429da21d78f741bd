using Spectre.Console;

namespace Cxr.Cli.Commands;

/// <summary>The console the data commands write to.</summary>
internal static class DataConsole
{
    private const int RedirectedWidth = 120;

    /// <summary>
    /// <see cref="AnsiConsole.Console"/>, widened to 120 columns when it is not a terminal: Spectre assumes 80 there,
    /// which squeezes the tables of a redirected run (a log, a README) for no reader's benefit.
    /// </summary>
    public static IAnsiConsole Get()
    {
        var console = AnsiConsole.Console;
        if (!console.Profile.Out.IsTerminal && console.Profile.Width < RedirectedWidth)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
