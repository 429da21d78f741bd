using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Cxr.Cli.Tests.Infrastructure;

/// <summary>Reads the inference gate's state from <c>/health/ready</c>, whose model check describes it as
/// "<c>…; N running, M queued</c>".</summary>
internal static partial class ServerLoad
{
    /// <summary>Running and queued requests now.</summary>
    public static async Task<(int Running, int Queued, string Description)> ReadAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/ready");
        var description = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement
            .GetProperty("checks").GetProperty("model").GetProperty("description").GetString() ?? "";
        var match = Load().Match(description);
        return match.Success
            ? (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), description)
            : throw new InvalidOperationException($"/health/ready does not report the load: {description}");
    }

    /// <summary>Polls until nothing runs or waits (or <paramref name="timeout"/> passes); the last description.</summary>
    public static async Task<string> WaitForIdleAsync(HttpClient client, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var (running, queued, description) = await ReadAsync(client);
            if ((running == 0 && queued == 0) || Stopwatch.GetElapsedTime(started) > timeout)
            {
                return description;
            }

            await Task.Delay(50);
        }
    }

    [GeneratedRegex("(\\d+) running, (\\d+) queued")]
    private static partial Regex Load();
}
