using System.Text;
using System.Text.Json;

namespace Scrs.Matching.Host.Server.Jobs;

/// <summary>A job as the API shows it: the fields of <c>GET /v1/rosters/{id}</c> (a contract), written by hand so that the
/// roster goes out byte for byte as <c>solve --out</c> writes it.</summary>
internal static class JobJson
{
    /// <summary>The options for the records written as they are (progress): camel case, nulls written.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>The whole job, with its roster (a simulation's: its <c>results</c>) when <paramref name="withRoster"/>.</summary>
    public static string Full(Job job, bool withRoster = true) => Write(w => WriteJob(w, job, withRoster));

    /// <summary>The data of a status event: the job without its progress and roster.</summary>
    public static string Status(Job job) => Write(w =>
    {
        w.WriteStartObject();
        WriteHead(w, job);
        w.WriteEndObject();
    });

    /// <summary>A page of jobs, newest first, without their rosters; <c>next</c> is the <c>after</c> of the next page.</summary>
    public static string Page(IReadOnlyList<Job> jobs, string? next) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("jobs");
        foreach (var job in jobs) WriteJob(w, job, withRoster: false);
        w.WriteEndArray();
        w.WriteString("next", next);
        w.WriteEndObject();
    });

    private static void WriteJob(Utf8JsonWriter w, Job job, bool withRoster)
    {
        w.WriteStartObject();
        WriteHead(w, job);
        w.WritePropertyName("progress");
        JsonSerializer.Serialize(w, job.Progress, Options);
        w.WritePropertyName("options");
        JsonSerializer.Serialize(w, job.Options, Options);
        if (job.Kind == JobKind.Roster) w.WriteString("replans", job.Replans);
        if (withRoster)
        {
            w.WritePropertyName(job.Kind == JobKind.Simulation ? "results" : "roster");
            if (job.Roster is { } roster) w.WriteRawValue(roster, skipInputValidation: true);
            else w.WriteNullValue();
        }
        w.WriteEndObject();
    }

    private static void WriteHead(Utf8JsonWriter w, Job job)
    {
        w.WriteString("id", job.Id);
        w.WriteString("status", JobStore.Name(job.Status));
        WriteTime(w, "submitted", job.Submitted);
        WriteTime(w, "started", job.Started);
        WriteTime(w, "finished", job.Finished);
        w.WriteString("error", job.Error);
        w.WriteNumber("attempts", job.Attempts);
        w.WriteString("host", job.Host);
    }

    private static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset? time)
    {
        if (time is { } t) w.WriteString(name, t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
        else w.WriteNull(name);
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) write(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
