using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Scrs.Matching.Host.Server;
using static Scrs.Matching.Tests.Host.Server.ServerClient;
using BadHttpRequestException = Microsoft.AspNetCore.Http.BadHttpRequestException;

namespace Scrs.Matching.Tests.Host.Server;

/// <summary>
/// The requests Kestrel rejects before the API sees them (issue 23: they had empty bodies) answer problem details, and
/// every other answer goes through the connection's wrapper unchanged: over raw connections to a host running as its own
/// process, so that the bytes on the wire are what is checked.
/// </summary>
[Collection(WorkerHostCollection.Name)]
public sealed class KestrelRejectionTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private static readonly TimeSpan Solve = TimeSpan.FromSeconds(120);

    private HttpClient Client => fixture.Host.Client;

    private static string Repeat(char c, int count) => new(c, count);

    public static TheoryData<string, int, string> Rejected => new()
    {
        { $"GET /v1/rosters/{Repeat('a', 20_000)} HTTP/1.1\r\nHost: h\r\n\r\n", 414, "at most 8,192 bytes" },
        { "GET /v1/rosters/%00 HTTP/1.1\r\nHost: h\r\n\r\n", 400, "Invalid request target" },
        { $"GET /health HTTP/1.1\r\nHost: h\r\nX-Big: {Repeat('b', 40_000)}\r\n\r\n", 431, "at most 32,768 bytes" },
        { $"GET /health HTTP/1.1\r\nHost: h\r\n{string.Concat(Enumerable.Range(0, 101).Select(i => $"X-N{i}: 1\r\n"))}\r\n", 431, "at most 100 headers" },
        { "GET /health HTTP/1.1\r\nHost: h\r\nBad Header: 1\r\n\r\n", 400, "Invalid request header" },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public async Task A_request_kestrel_rejects_answers_problem_details_and_closes(string request, int status, string detail)
    {
        var answer = Assert.Single(await RawResponse.ExchangeAsync(fixture.Host.Address, request));
        Assert.Equal(status, answer.Status);
        Assert.Equal("close", answer.Header("Connection"));
        Assert.Equal("application/problem+json", answer.Header("Content-Type"));
        using var problem = JsonDocument.Parse(answer.Body);
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("title").GetString()));
        Assert.StartsWith("https://tools.ietf.org/html/", problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Contains(detail, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rejection_of_a_head_request_keeps_its_empty_body()
    {
        var answer = Assert.Single(await RawResponse.ExchangeAsync(fixture.Host.Address,
            $"HEAD /health HTTP/1.1\r\nHost: h\r\nX-Big: {Repeat('b', 40_000)}\r\n\r\n", head: true));
        Assert.Equal(431, answer.Status);
        Assert.Equal("0", answer.Header("Content-Length"));
        Assert.Null(answer.Header("Content-Type"));
        Assert.Empty(answer.Body);
    }

    [Fact]
    public async Task A_keep_alive_connection_carries_events_and_answers_unchanged_before_a_rejection_on_it()
    {
        var id = await SubmitAsync(Client, TinyProblem);
        await FinishedAsync(Client, id, Solve);
        var expected = await Client.GetStringAsync($"/v1/rosters/{id}/events");
        var answers = await RawResponse.ExchangeAsync(fixture.Host.Address,
            $"GET /v1/rosters/{id}/events HTTP/1.1\r\nHost: h\r\n\r\n"
            + "GET /health HTTP/1.1\r\nHost: h\r\n\r\n"
            + "GET /v1/rosters/none HTTP/1.1\r\nHost: h\r\n\r\n"
            + "GET /v1/rosters/%00 HTTP/1.1\r\nHost: h\r\n\r\n");
        Assert.Equal(new[] { 200, 200, 404, 400 }, answers.Select(a => a.Status));
        Assert.Equal("text/event-stream", answers[0].Header("Content-Type"));
        Assert.Equal(expected, Encoding.UTF8.GetString(answers[0].Body));
        Assert.Equal("healthy", JsonDocument.Parse(answers[1].Body).RootElement.GetProperty("status").GetString());
        Assert.Equal("Unknown job", JsonDocument.Parse(answers[2].Body).RootElement.GetProperty("title").GetString());
        Assert.All(answers.Take(3), a => Assert.Null(a.Header("Connection")));
        Assert.Equal("application/problem+json", answers[3].Header("Content-Type"));
        Assert.Equal(400, JsonDocument.Parse(answers[3].Body).RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Events_of_a_running_job_arrive_while_it_runs()
    {
        // A host of its own: the demo corps, long enough to watch, is over the shared host's 1 MB body limit.
        var folder = TempFolder();
        try
        {
            using var host = await HostProcess.StartAsync(["--store", Path.Combine(folder, "jobs.db"), "--workers", "1"]);
            var id = await SubmitAsync(host.Client, Corps);
            using var response = await host.Client.GetAsync($"/v1/rosters/{id}/events", HttpCompletionOption.ResponseHeadersRead);
            using var events = new StreamReader(await response.Content.ReadAsStreamAsync());
            // A wrapper that held the stream back would give the first progress message only at the end of the job.
            while (await events.ReadLineAsync() is { } line && line != "event: progress")
            {
            }
            Assert.Equal("running", Status(await GetAsync(host.Client, id)));
            using var cancel = await host.Client.DeleteAsync($"/v1/rosters/{id}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Bytes_other_than_kestrels_empty_answer_to_the_rejection_are_left_as_they_are()
    {
        var rejection = new BadHttpRequestException("Request line too long.", StatusCodes.Status414UriTooLong);
        var limits = new KestrelServerLimits();
        const string Empty = "HTTP/1.1 414 URI Too Long\r\nContent-Length: 0\r\nConnection: close\r\nServer: Kestrel\r\n\r\n";
        Assert.NotNull(KestrelRejections.Answer(Encoding.ASCII.GetBytes(Empty), rejection, limits));
        foreach (var other in new[]
        {
            Empty.Replace("414", "400", StringComparison.Ordinal),
            Empty.Replace("Content-Length: 0", "Content-Length: 2", StringComparison.Ordinal) + "{}",
            Empty + "x",
            Empty[..^2],
            Empty.Replace("Server", "Content-Type: text/plain\r\nServer", StringComparison.Ordinal),
            "data: HTTP/1.1 414 URI Too Long\r\n\r\n",
        })
            Assert.Null(KestrelRejections.Answer(Encoding.ASCII.GetBytes(other), rejection, limits));
    }
}

/// <summary>A response read off a raw connection: the status, the headers and the body as its framing delimits it.</summary>
internal sealed record RawResponse(int Status, IReadOnlyList<(string Name, string Value)> Headers, byte[] Body)
{
    /// <summary>The one value of header <paramref name="name"/>, or null.</summary>
    public string? Header(string name) => Headers.SingleOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>
    /// Sends <paramref name="requests"/> on one connection to <paramref name="address"/>, reads until the host closes it
    /// (the last request must make it do so), and splits what came into responses; answers to HEAD have no body.
    /// </summary>
    public static async Task<List<RawResponse>> ExchangeAsync(Uri address, string requests, bool head = false)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        using var stream = client.GetStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await stream.WriteAsync(Encoding.ASCII.GetBytes(requests), timeout.Token);
        using var all = new MemoryStream();
        await stream.CopyToAsync(all, timeout.Token);
        var bytes = all.ToArray();
        var responses = new List<RawResponse>();
        for (var at = 0; at < bytes.Length;)
        {
            var end = bytes.AsSpan(at).IndexOf("\r\n\r\n"u8);
            Assert.True(end >= 0, $"a response head does not end: {Encoding.Latin1.GetString(bytes, at, bytes.Length - at)}");
            var lines = Encoding.Latin1.GetString(bytes, at, end).Split("\r\n");
            at += end + 4;
            var headers = lines.Skip(1).Select(l => (l[..l.IndexOf(':', StringComparison.Ordinal)], l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())).ToList();
            var response = new RawResponse(int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), headers, []);
            byte[] body;
            if (head) body = [];
            else if (response.Header("Transfer-Encoding") == "chunked") (body, at) = Dechunk(bytes, at);
            else
            {
                var length = int.Parse(response.Header("Content-Length") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(at + length <= bytes.Length, $"the body is shorter than its Content-Length {length}");
                body = bytes[at..(at + length)];
                at += length;
            }
            responses.Add(response with { Body = body });
        }
        return responses;
    }

    /// <summary>The body of chunked encoding starting at <paramref name="at"/>, and where the next response starts.</summary>
    private static (byte[] Body, int Next) Dechunk(byte[] bytes, int at)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var line = bytes.AsSpan(at).IndexOf("\r\n"u8);
            var size = Convert.ToInt32(Encoding.ASCII.GetString(bytes, at, line), 16);
            at += line + 2;
            if (size == 0) return (body.ToArray(), at + 2);
            body.Write(bytes, at, size);
            at += size + 2;
        }
    }
}
