using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using static Scrs.Matching.Tests.Host.Server.ServerClient;

namespace Scrs.Matching.Tests.Host.Server;

/// <summary>What an operator relies on: <c>/alive</c>, the submission limit, and traces and metrics over OTLP only when asked.</summary>
[Collection(WorkerHostCollection.Name)]
public sealed class OperatorTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IDisposable
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(300);

    private readonly string _folder = TempFolder();

    private string Store => Path.Combine(_folder, "jobs.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Alive_answers_without_the_key_and_without_the_store_while_health_reports_the_store_gone()
    {
        const string key = "operator-test-key";
        var keyFile = Path.Combine(_folder, "key.txt");
        await File.WriteAllTextAsync(keyFile, key);
        using var host = await HostProcess.StartAsync(["--postgres", database.ConnectionString, "--api-key-file", keyFile], apiKey: key);
        using var anonymous = new HttpClient { BaseAddress = host.Address };
        using (var alive = await anonymous.GetAsync("/alive")) Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        using (var other = await anonymous.GetAsync("/v1/rosters")) await AssertProblemAsync(other, HttpStatusCode.Unauthorized);

        // The database goes away under the host: /health says so, /alive still answers, as it asks nothing of the store.
        await DropAsync(database.ConnectionString);
        using (var health = await host.Client.GetAsync("/health")) await AssertProblemAsync(health, HttpStatusCode.ServiceUnavailable);
        using var answer = await anonymous.GetAsync("/alive");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using var document = System.Text.Json.JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        Assert.Equal("alive", document.RootElement.GetProperty("status").GetString());
        Assert.Equal(host.Name, document.RootElement.GetProperty("host").GetString());
    }

    [Fact]
    public async Task A_post_beyond_the_limit_of_its_client_address_answers_429_with_retry_after_and_gets_are_not_limited()
    {
        using var host = await HostProcess.StartAsync(["--store", Store, "--max-submissions-per-minute", "2"]);
        await SubmitAsync(host.Client, TinyProblem);
        using (var validate = await host.Client.PostAsync("/v1/validate", Json("{}"))) Assert.NotEqual(HttpStatusCode.TooManyRequests, validate.StatusCode);
        using (var third = await host.Client.PostAsync("/v1/rosters", Json(TinyProblem))) await AssertTooManyAsync(third, 2);
        using (var list = await host.Client.GetAsync("/v1/rosters")) Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        using (var health = await host.Client.GetAsync("/health")) Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        // Another client address has a limit of its own.
        using var other = FromAddress(host.Address, IPAddress.Parse("127.0.0.2"), null);
        await SubmitAsync(other, TinyProblem);
    }

    [Fact]
    public async Task With_an_api_key_the_limit_is_the_keys_whatever_the_address_and_a_request_without_the_key_does_not_count()
    {
        const string key = "limit-test-key";
        var keyFile = Path.Combine(_folder, "key.txt");
        await File.WriteAllTextAsync(keyFile, key);
        using var host = await HostProcess.StartAsync(["--store", Store, "--api-key-file", keyFile, "--max-submissions-per-minute", "1"], apiKey: key);
        using var anonymous = new HttpClient { BaseAddress = host.Address };
        using (var refused = await anonymous.PostAsync("/v1/rosters", Json(TinyProblem))) await AssertProblemAsync(refused, HttpStatusCode.Unauthorized);
        await SubmitAsync(host.Client, TinyProblem);
        using var elsewhere = FromAddress(host.Address, IPAddress.Parse("127.0.0.2"), key);
        using var second = await elsewhere.PostAsync("/v1/rosters", Json(TinyProblem));
        await AssertTooManyAsync(second, 1);
    }

    [Theory]
    [InlineData("-1", "option --max-submissions-per-minute must be at least 0, got '-1'")]
    [InlineData("many", "option --max-submissions-per-minute must be a whole number, got 'many'")]
    public async Task Serve_refuses_a_bad_submission_limit_naming_the_option(string value, string expected)
    {
        var (code, log) = await HostProcess.RunToEndAsync(["--store", Store, "--max-submissions-per-minute", value]);
        Assert.Equal(2, code);
        Assert.Contains(expected, log, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_OTEL_EXPORTER_OTLP_ENDPOINT_the_host_exports_the_solve_and_level_spans_and_the_counters()
    {
        await using var collector = await OtlpCollector.StartAsync();
        var received = await RunJobAsync(new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Address,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        }, collector);
        // OTLP is protobuf: the names of scopes, spans, attributes and metrics are there as UTF-8 strings.
        var traces = received.Where(r => r.Path == "/v1/traces").Select(r => r.Text).ToList();
        Assert.Contains(traces, t => t.Contains("Scrs.Matching", StringComparison.Ordinal) && t.Contains("solve", StringComparison.Ordinal));
        Assert.Contains(traces, t => t.Contains("scrs.level", StringComparison.Ordinal) && t.Contains("critical", StringComparison.Ordinal));
        Assert.Contains(traces, t => t.Contains("Microsoft.AspNetCore", StringComparison.Ordinal));
        var metrics = string.Concat(received.Where(r => r.Path == "/v1/metrics").Select(r => r.Text));
        Assert.Contains("scrs.matching.solves", metrics, StringComparison.Ordinal);
        Assert.Contains("scrs.matching.levels.proven", metrics, StringComparison.Ordinal);
        Assert.Contains("http.server.request.duration", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_OTEL_EXPORTER_OTLP_ENDPOINT_the_host_exports_nothing_even_where_signal_endpoints_are_set()
    {
        await using var collector = await OtlpCollector.StartAsync();
        // Were an exporter wired regardless, it would send to these; the variable that turns the export on is empty.
        var received = await RunJobAsync(new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = collector.Address + "/v1/traces",
            ["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"] = collector.Address + "/v1/metrics",
        }, collector);
        Assert.Empty(received);
    }

    /// <summary>
    /// Solves the tiny problem on a host with <paramref name="environment"/>, then stops the host with SIGTERM, which
    /// flushes whatever its exporters hold: what the collector received by then is all it will receive.
    /// </summary>
    private async Task<IReadOnlyList<(string Path, string Text)>> RunJobAsync(Dictionary<string, string> environment, OtlpCollector collector)
    {
        using var host = await HostProcess.StartAsync(["--store", Store], environment: environment);
        var id = await SubmitAsync(host.Client, TinyProblem);
        Assert.Equal("completed", Status(await FinishedAsync(host.Client, id, Long)));
        await host.TerminateAsync();
        Assert.Equal(0, host.ExitCode);
        return collector.Received;
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response, int limit)
    {
        var problem = await AssertProblemAsync(response, HttpStatusCode.TooManyRequests);
        var retry = response.Headers.RetryAfter?.Delta;
        Assert.True(retry is { } r && r > TimeSpan.Zero && r <= TimeSpan.FromMinutes(1), $"Retry-After: {response.Headers.RetryAfter}");
        Assert.Contains($"{limit} request(s) a minute (--max-submissions-per-minute)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A client whose connections come from <paramref name="local"/> (any 127.x address is this machine's).</summary>
    private static HttpClient FromAddress(Uri host, IPAddress local, string? apiKey)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = host };
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    private static async Task DropAsync(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE {target.Database} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>An OTLP/HTTP receiver on a free port of 127.0.0.1 that keeps every request's path and body.</summary>
    private sealed class OtlpCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly List<(string Path, string Text)> _received = [];

        private OtlpCollector(WebApplication app) => _app = app;

        /// <summary>The base address, as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> takes it.</summary>
        public string Address => _app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        public IReadOnlyList<(string Path, string Text)> Received
        {
            get
            {
                lock (_received) return [.. _received];
            }
        }

        public static async Task<OtlpCollector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var collector = new OtlpCollector(app);
            app.MapPost("/v1/{signal}", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                // Latin-1 keeps every byte as one character, so the strings in the protobuf can be searched.
                lock (collector._received) collector._received.Add((context.Request.Path, System.Text.Encoding.Latin1.GetString(body.ToArray())));
                return Results.Empty;
            });
            await app.StartAsync();
            return collector;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
