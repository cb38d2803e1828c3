using System.Text.Json;
using System.Text.Json.Nodes;
using static Scrs.Matching.Tests.Host.Server.ServerClient;

namespace Scrs.Matching.Tests.Host.Server;

/// <summary>
/// The HTTP contract is a reviewed diff: the OpenAPI document a running host serves (<c>/openapi/v1.json</c>) equals the
/// copy kept in the repository, <c>docs/openapi.json</c>. After an intended change to the API, rewrite the copy with
/// <c>SCRS_UPDATE_OPENAPI=1 dotnet test -c Release tests/Scrs.Matching.Tests --filter "FullyQualifiedName~OpenApiContract"</c>
/// and commit it with the change.
/// </summary>
[Collection(WorkerHostCollection.Name)]
public sealed class OpenApiContractTests : IDisposable
{
    private readonly string _folder = TempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_served_openapi_document_equals_docs_openapi_json()
    {
        using var host = await HostProcess.StartAsync(["--store", Path.Combine(_folder, "jobs.db")]);
        var served = Normalized(await host.Client.GetStringAsync("/openapi/v1.json"));
        var path = RepositoryFiles.PathOf("docs/openapi.json");
        if (Environment.GetEnvironmentVariable("SCRS_UPDATE_OPENAPI") == "1") await File.WriteAllTextAsync(path, served);
        var kept = File.Exists(path) ? await File.ReadAllTextAsync(path) : "";
        if (kept.ReplaceLineEndings("\n") == served) return;
        var keptLines = kept.ReplaceLineEndings("\n").Split('\n');
        var servedLines = served.Split('\n');
        var line = Enumerable.Range(0, Math.Max(keptLines.Length, servedLines.Length))
            .First(k => k >= keptLines.Length || k >= servedLines.Length || keptLines[k] != servedLines[k]);
        // A line alone is often only a brace: the three from it say where.
        static string From(string[] lines, int line) => line < lines.Length ? string.Join(" ", lines.Skip(line).Take(3).Select(l => l.Trim())) : "(ends)";
        Assert.Fail($"""
            The host's OpenAPI document differs from docs/openapi.json, first at line {line + 1}:
              docs/openapi.json: {From(keptLines, line)}
              served:            {From(servedLines, line)}
            If the change to the HTTP contract is intended, rewrite the copy and commit it with the change:
              SCRS_UPDATE_OPENAPI=1 dotnet test -c Release tests/Scrs.Matching.Tests --filter "FullyQualifiedName~OpenApiContract"
            """);
    }

    /// <summary>
    /// The document in one stable form: indented, LF line ends, a final newline, without <c>servers</c> (the address of
    /// the host that served it, a free port in the tests).
    /// </summary>
    private static string Normalized(string json)
    {
        var document = JsonNode.Parse(json)!.AsObject();
        document.Remove("servers");
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            .ReplaceLineEndings("\n") + "\n";
    }
}
