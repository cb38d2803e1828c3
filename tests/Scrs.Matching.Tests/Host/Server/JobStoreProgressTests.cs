using Microsoft.Data.Sqlite;
using Scrs.Matching.Host.Server.Jobs;
using static Scrs.Matching.Tests.Host.Server.ServerClient;

namespace Scrs.Matching.Tests.Host.Server;

/// <summary>
/// A running job's progress messages go to its events, not to its row: SQLite writes a row whole, the job's input with
/// it, so a 48 MB input made every message a 48 MB write (27 s to finish a sub-second solve).
/// </summary>
public sealed class JobStoreProgressTests : IDisposable
{
    private readonly string _folder = TempFolder();

    private string Path => System.IO.Path.Combine(_folder, "jobs.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static JobProgress Message(int k) => new("critical", $"message {k}", k, null, null);

    /// <summary>Counts, in table <c>row_writes</c>, every update of a job's row.</summary>
    private void CountRowWrites()
    {
        using var connection = new SqliteConnection(JobStore.SqliteConnectionString(Path));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE row_writes (job_id TEXT NOT NULL);
            CREATE TRIGGER count_row_writes AFTER UPDATE ON scrs_jobs BEGIN INSERT INTO row_writes VALUES (NEW.id); END;
            """;
        command.ExecuteNonQuery();
    }

    private long RowWrites()
    {
        using var connection = new SqliteConnection(JobStore.SqliteConnectionString(Path));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM row_writes";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task Progress_messages_of_a_running_job_do_not_write_its_row_and_the_latest_is_its_progress()
    {
        var store = JobStore.Sqlite(Path);
        await store.InitializeAsync(CancellationToken.None);
        var job = await store.SubmitAsync(TinyProblem, new JobOptions(null, null, null, null), null, CancellationToken.None);
        await store.StartAsync(job.Id, "test-host", CancellationToken.None);
        CountRowWrites();
        for (var k = 1; k <= 10; k++) await store.ProgressAsync(job.Id, Message(k), CancellationToken.None);
        Assert.Equal(0, RowWrites());
        Assert.Equal(Message(10), (await store.GetAsync(job.Id, CancellationToken.None))!.Progress);
        Assert.Equal(10, (await store.EventsAsync(job.Id, 0, CancellationToken.None)).Count(e => e.Kind == "progress"));
    }

    [Fact]
    public async Task A_finished_job_keeps_its_last_progress_a_new_attempt_starts_without_and_a_finished_job_takes_no_more()
    {
        var store = JobStore.Sqlite(Path);
        await store.InitializeAsync(CancellationToken.None);
        var job = await store.SubmitAsync(TinyProblem, new JobOptions(null, null, null, null), null, CancellationToken.None);
        Assert.Null(job.Progress);
        await store.StartAsync(job.Id, "first", CancellationToken.None);
        await store.ProgressAsync(job.Id, Message(1), CancellationToken.None);
        // The host died: another starts the job again, from the start.
        var again = await store.StartAsync(job.Id, "second", CancellationToken.None);
        Assert.Null(again!.Progress);
        Assert.Null((await store.GetAsync(job.Id, CancellationToken.None))!.Progress);
        await store.ProgressAsync(job.Id, Message(2), CancellationToken.None);
        await store.FinishAsync(job.Id, JobStatus.Completed, "{}", null, CancellationToken.None);
        await store.ProgressAsync(job.Id, Message(3), CancellationToken.None);
        var finished = (await store.GetAsync(job.Id, CancellationToken.None))!;
        Assert.Equal(JobStatus.Completed, finished.Status);
        Assert.Equal(Message(2), finished.Progress);
        Assert.Equal(Message(2), Assert.Single(await store.ListAsync(JobKind.Roster, null, 10, null, CancellationToken.None)).Progress);
    }
}
