using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Scrs.Matching.Tests.Host.Server;

/// <summary>
/// A worker host started as its own process (<c>scrs-matching serve</c>, the binary built beside the tests) on a free
/// port of 127.0.0.1, with an <see cref="HttpClient"/> for it; killed with SIGKILL when disposed or on <see cref="Kill"/>.
/// </summary>
internal sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private HostProcess(Process process, Uri address, string? apiKey)
    {
        _process = process;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null) Client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
    }

    /// <summary>The host's name, as jobs it runs give it (<c>host</c>).</summary>
    public string Name { get; private set; } = "";

    /// <summary>Where the host listens.</summary>
    public Uri Address { get; }

    /// <summary>A client for the host (with the API key, if it was started with one).</summary>
    public HttpClient Client { get; }

    /// <summary>What the host wrote to its standard output and error so far.</summary>
    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once ended.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts <c>serve</c> with <paramref name="arguments"/> (and <c>--urls</c> on a free port unless given), with
    /// <paramref name="environment"/>'s variables added to this process's, and waits until <c>/health</c> answers.
    /// </summary>
    public static async Task<HostProcess> StartAsync(IEnumerable<string> arguments, string? apiKey = null, int? port = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var args = arguments.ToList();
        var address = new Uri($"http://127.0.0.1:{port ?? FreePort()}");
        if (!args.Contains("--urls")) args.AddRange(["--urls", address.ToString().TrimEnd('/')]);
        var host = Launch(args, address, apiKey, environment);
        var started = Stopwatch.StartNew();
        while (true)
        {
            if (host.HasExited) throw new InvalidOperationException($"the host exited with code {host.ExitCode}:{Environment.NewLine}{host.Log}");
            try
            {
                using var health = await host.Client.GetAsync("/health");
                if (health.IsSuccessStatusCode)
                {
                    using var document = System.Text.Json.JsonDocument.Parse(await health.Content.ReadAsStringAsync());
                    host.Name = document.RootElement.GetProperty("host").GetString()!;
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (started.Elapsed > TimeSpan.FromSeconds(60))
            {
                host.Dispose();
                throw new TimeoutException($"the host did not answer /health within 60 s:{Environment.NewLine}{host.Log}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Runs <c>serve</c> with <paramref name="arguments"/> to its end (for options it refuses): exit code and output.</summary>
    public static async Task<(int Code, string Output)> RunToEndAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var host = Launch([.. arguments], new Uri("http://127.0.0.1:1"), null, environment);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host._process.WaitForExitAsync(timeout.Token);
        return (host.ExitCode, host.Log);
    }

    /// <summary>Asks the host to stop, as Ctrl+C or a service manager does (SIGTERM), and waits for it to end.</summary>
    public async Task TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>Ends the host at once, as <c>kill -9</c> does: no shutdown, no flush.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Kill();
        Client.Dispose();
        _process.Dispose();
    }

    private bool _disposed;

    private static HostProcess Launch(List<string> args, Uri address, string? apiKey, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "scrs-matching.dll"));
        start.ArgumentList.Add("serve");
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var process = new Process { StartInfo = start };
        var host = new HostProcess(process, address, apiKey);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
