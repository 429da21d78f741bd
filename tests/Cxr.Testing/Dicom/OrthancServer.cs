using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Cxr.Testing.Dicom;

/// <summary>
/// A private Orthanc (Debian's <c>orthanc</c> package, <c>/usr/sbin/Orthanc</c>) for one test: a temporary folder for its
/// configuration and storage, HTTP on a free loopback port, the DICOM listener, remote access and authentication off.
/// <see cref="Dispose"/> stops it and deletes the folder.
/// </summary>
public sealed class OrthancServer : IDisposable
{
    /// <summary>Where Debian puts it.</summary>
    public const string ToolPath = "/usr/sbin/Orthanc";

    /// <summary>Why the tests cannot run.</summary>
    public const string MissingMessage = "Orthanc is not installed (/usr/sbin/Orthanc): apt-get install orthanc.";

    private readonly Process _process;
    private readonly string _folder;

    private OrthancServer(Process process, string folder, Uri baseAddress)
    {
        _process = process;
        _folder = folder;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Whether Orthanc is installed.</summary>
    public static bool IsInstalled => File.Exists(ToolPath);

    /// <summary>A client for its REST API (base address <c>http://127.0.0.1:PORT/</c>).</summary>
    public HttpClient Client { get; }

    /// <summary>Starts Orthanc and waits (up to 30 s) until <c>GET /system</c> answers.</summary>
    public static async Task<OrthancServer> StartAsync()
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException(MissingMessage);
        }

        var folder = Directory.CreateTempSubdirectory("cxr-orthanc-").FullName;
        var port = FreePort();
        var config = new Dictionary<string, object>
        {
            ["Name"] = "cxr-test",
            ["StorageDirectory"] = Path.Combine(folder, "storage"),
            ["IndexDirectory"] = Path.Combine(folder, "storage"),
            ["HttpServerEnabled"] = true,
            ["HttpPort"] = port,
            ["DicomServerEnabled"] = false,
            ["RemoteAccessAllowed"] = false,
            ["AuthenticationEnabled"] = false,
            ["Plugins"] = Array.Empty<string>(),
        };
        var configPath = Path.Combine(folder, "orthanc.json");
        await File.WriteAllTextAsync(configPath, JsonSerializer.Serialize(config));
        var start = new ProcessStartInfo(ToolPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(configPath);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Orthanc did not start");
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new OrthancServer(process, folder, new Uri($"http://127.0.0.1:{port}/"));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var response = await server.Client.GetAsync(new Uri("system", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        server.Dispose();
        string text;
        lock (log)
        {
            text = log.ToString();
        }

        throw new InvalidOperationException("Orthanc did not answer GET /system within 30 s: " + text);
    }

    public void Dispose()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
