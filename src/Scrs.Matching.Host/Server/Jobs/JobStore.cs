using System.Data;
using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Scrs.Matching.Input;
using Scrs.Matching.Report;

namespace Scrs.Matching.Host.Server.Jobs;

/// <summary>
/// The roster jobs and their events, in SQLite or PostgreSQL: what was submitted, where each job is, its progress and
/// its result. Every change is one transaction, committed before the caller answers anyone.
/// </summary>
/// <remarks>
/// <para>The job engine (Quartz.NET, in the same database) decides which host runs a job and when; this store holds
/// what the API shows. Each change is guarded by the state it expects (a job is started only if it is queued or was
/// running on a host that died, finished only if it is running), so a job run twice, or a DELETE racing its end, leaves
/// one consistent result.</para>
/// <para>The SQL is the same for both databases (parameters as <c>@name</c>, times as Unix milliseconds); only the table
/// definitions differ.</para>
/// </remarks>
internal sealed class JobStore
{
    private readonly Func<DbConnection> _connect;
    private readonly bool _sqlite;

    private JobStore(Func<DbConnection> connect, bool sqlite)
    {
        _connect = connect;
        _sqlite = sqlite;
    }

    /// <summary>A store in the SQLite file <paramref name="path"/> (created if missing), in write-ahead-log mode.</summary>
    public static JobStore Sqlite(string path) =>
        new(() => new SqliteConnection(SqliteConnectionString(path)), sqlite: true);

    /// <summary>The connection string of the SQLite file <paramref name="path"/>, for the store and the job engine alike.</summary>
    public static string SqliteConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 60 }.ToString();

    /// <summary>A store in the PostgreSQL database of <paramref name="connectionString"/>.</summary>
    public static JobStore Postgres(string connectionString)
    {
        var source = NpgsqlDataSource.Create(connectionString);
        return new JobStore(source.CreateConnection, sqlite: false);
    }

    /// <summary>
    /// The PostgreSQL advisory lock held while the schema is checked and created (the bytes of "scrsjobs"): hosts that
    /// start together on a new database would otherwise all create the tables at once, and all but one fail on
    /// PostgreSQL's catalog (<c>23505 ... pg_type_typname_nsp_index</c>), as <c>IF NOT EXISTS</c> does not guard that race.
    /// </summary>
    private const long SchemaLockKey = 0x7363_7273_6A6F_6273;

    /// <summary>Creates the tables if they are missing, in one transaction, one host at a time.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        if (_sqlite)
        {
            // WAL lets the API read while a worker writes; it is a property of the file, so once is enough.
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken);
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Released with the transaction: the next host to take it finds the tables and creates nothing.
        if (!_sqlite) await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({SchemaLockKey})", cancellationToken);
        var key = _sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
        var real = _sqlite ? "REAL" : "DOUBLE PRECISION";
        await ExecuteAsync(connection, transaction, $"""
            CREATE TABLE IF NOT EXISTS scrs_jobs (
              number {key},
              id TEXT NOT NULL UNIQUE,
              kind TEXT NOT NULL DEFAULT 'roster',
              status TEXT NOT NULL,
              submitted BIGINT NOT NULL,
              started BIGINT NULL,
              finished BIGINT NULL,
              time_limit_seconds {real} NULL,
              gap {real} NULL,
              seed INTEGER NULL,
              engine TEXT NULL,
              replications INTEGER NULL,
              precision {real} NULL,
              problem TEXT NOT NULL,
              progress TEXT NULL,
              roster TEXT NULL,
              error TEXT NULL,
              cancel_requested INTEGER NOT NULL DEFAULT 0,
              attempts INTEGER NOT NULL DEFAULT 0,
              host TEXT NULL,
              replans TEXT NULL);
            CREATE INDEX IF NOT EXISTS scrs_jobs_status ON scrs_jobs (status, number);
            CREATE TABLE IF NOT EXISTS scrs_job_events (
              number {key},
              job_id TEXT NOT NULL,
              kind TEXT NOT NULL,
              data TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS scrs_job_events_job ON scrs_job_events (job_id, number);
            CREATE TABLE IF NOT EXISTS scrs_simulation_batches (
              job_id TEXT NOT NULL,
              batch INTEGER NOT NULL,
              first_replication INTEGER NOT NULL,
              replications INTEGER NOT NULL,
              status TEXT NOT NULL,
              outcomes TEXT NULL,
              attempts INTEGER NOT NULL DEFAULT 0,
              host TEXT NULL,
              PRIMARY KEY (job_id, batch));
            """, cancellationToken);
        // A store made before re-plan jobs gains their column; hosts of that version name their columns, so they keep
        // working on it.
        if (_sqlite)
        {
            await using var has = Command(connection, transaction, "SELECT COUNT(*) FROM pragma_table_info('scrs_jobs') WHERE name = 'replans'");
            if (Convert.ToInt64(await has.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
                await ExecuteAsync(connection, transaction, "ALTER TABLE scrs_jobs ADD COLUMN replans TEXT NULL", cancellationToken);
        }
        else
        {
            await ExecuteAsync(connection, transaction, "ALTER TABLE scrs_jobs ADD COLUMN IF NOT EXISTS replans TEXT NULL", cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Whether the database answers.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = Command(connection, null, "SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (DbException)
        {
            return false;
        }
    }

    /// <summary>
    /// Stores a new queued roster job (<paramref name="input"/>: see <see cref="JobInput"/>) and returns it; committed
    /// when the call returns. <paramref name="replans"/> is the job it re-plans, if any.
    /// </summary>
    public Task<Job> SubmitAsync(string input, JobOptions options, string? replans, CancellationToken cancellationToken) =>
        SubmitAsync(JobKind.Roster, input, options, [], replans, cancellationToken);

    /// <summary>
    /// Stores a new queued job of <paramref name="kind"/> with its input, and for a simulation its batches (first
    /// replication and count of each), and the job it re-plans if any, in one transaction; returns it.
    /// </summary>
    public async Task<Job> SubmitAsync(JobKind kind, string input, JobOptions options, IReadOnlyList<(int First, int Count)> batches,
        string? replans, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7().ToString("N");
        var now = Now();
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, """
            INSERT INTO scrs_jobs (id, kind, status, submitted, time_limit_seconds, gap, seed, engine, replications, precision, problem, replans)
            VALUES (@id, @kind, 'queued', @now, CAST(@limit AS DOUBLE PRECISION), CAST(@gap AS DOUBLE PRECISION), CAST(@seed AS INTEGER),
                    @engine, CAST(@replications AS INTEGER), CAST(@precision AS DOUBLE PRECISION), @problem, @replans)
            """, cancellationToken,
            ("id", id), ("kind", Name(kind)), ("now", now), ("limit", options.TimeLimitSeconds), ("gap", options.Gap), ("seed", options.Seed),
            ("engine", options.Engine), ("replications", options.Replications), ("precision", options.Precision), ("problem", input),
            ("replans", replans));
        for (var k = 0; k < batches.Count; k++)
        {
            await ExecuteAsync(connection, transaction, """
                INSERT INTO scrs_simulation_batches (job_id, batch, first_replication, replications, status) VALUES (@id, @batch, @first, @count, 'queued')
                """, cancellationToken, ("id", id), ("batch", k), ("first", batches[k].First), ("count", batches[k].Count));
        }
        var job = (await ReadAsync(connection, transaction, id, cancellationToken))!;
        await AddEventAsync(connection, transaction, job.Id, "status", JobJson.Status(job), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return job;
    }

    /// <summary>A simulation's batches: number, first replication, count, and the stored outcomes of those done.</summary>
    public async Task<IReadOnlyList<SimulationBatch>> BatchesAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await BatchesAsync(connection, null, id, cancellationToken);
    }

    /// <summary>
    /// Marks batch <paramref name="batch"/> of simulation <paramref name="id"/> running on <paramref name="host"/>, and
    /// the simulation running if it was queued; null when it must not run (the simulation finished, the batch done).
    /// </summary>
    public async Task<Job?> StartBatchAsync(string id, int batch, string host, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var job = await ReadAsync(connection, transaction, id, cancellationToken);
        if (job is null || job.IsFinished || job.CancelRequested) return null;
        var started = await ExecuteAsync(connection, transaction, """
            UPDATE scrs_simulation_batches SET status = 'running', attempts = attempts + 1, host = @host
            WHERE job_id = @id AND batch = @batch AND status <> 'done'
            """, cancellationToken, ("host", host), ("id", id), ("batch", batch));
        if (started == 0) return null;
        if (job.Status == JobStatus.Queued)
        {
            await ExecuteAsync(connection, transaction, """
                UPDATE scrs_jobs SET status = 'running', started = @now, attempts = 1, host = @host WHERE id = @id
                """, cancellationToken, ("now", Now()), ("host", host), ("id", id));
            job = (await ReadAsync(connection, transaction, id, cancellationToken))!;
            await AddEventAsync(connection, transaction, id, "status", JobJson.Status(job), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return job;
    }

    /// <summary>Stores a finished batch's outcomes (a second run of the same batch changes nothing).</summary>
    public async Task FinishBatchAsync(string id, int batch, string outcomes, string host, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, """
            UPDATE scrs_simulation_batches SET status = 'done', outcomes = @outcomes, host = @host WHERE job_id = @id AND batch = @batch AND status <> 'done'
            """, cancellationToken, ("outcomes", outcomes), ("host", host), ("id", id), ("batch", batch));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Ends a running simulation with <paramref name="status"/> and its results, unless it has ended already; returns
    /// whether this call ended it.
    /// </summary>
    public async Task<bool> FinishSimulationAsync(string id, JobStatus status, string? results, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var job = await ReadAsync(connection, transaction, id, cancellationToken);
        if (job is null || job.IsFinished) return false;
        await FinishAsync(connection, transaction, job, status, results, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task<IReadOnlyList<SimulationBatch>> BatchesAsync(DbConnection connection, DbTransaction? transaction, string id,
        CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, """
            SELECT batch, first_replication, replications, status, outcomes FROM scrs_simulation_batches WHERE job_id = @id ORDER BY batch
            """, ("id", id));
        var batches = new List<SimulationBatch>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            batches.Add(new SimulationBatch(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetString(3) == "done",
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        return batches;
    }

    /// <summary>The job <paramref name="id"/>, or null when there is none.</summary>
    public async Task<Job?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, id, cancellationToken);
    }

    /// <summary>The input JSON job <paramref name="id"/> was submitted with: a problem, a re-plan (<see cref="JobInput"/>) or a scenario.</summary>
    public async Task<string?> ProblemAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT problem FROM scrs_jobs WHERE id = @id", ("id", id));
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>
    /// The input and the roster of roster job <paramref name="job"/>, read back as this host wrote them; null when it has
    /// no roster yet, or when either does not read (a store written by a host of another version).
    /// </summary>
    public async Task<(JobInput Input, Roster Roster)?> SolvedAsync(Job job, CancellationToken cancellationToken)
    {
        if (job.Roster is null || await ProblemAsync(job.Id, cancellationToken) is not { } document) return null;
        return (JobInput.Read(document), RosterJson.Read(job.Roster)) is ({ Ok: true, Value: { } input }, { Ok: true, Value: { } roster })
            ? (input, roster)
            : null;
    }

    /// <summary>Up to <paramref name="limit"/> jobs, newest first, submitted before job <paramref name="after"/> if given.</summary>
    public async Task<IReadOnlyList<Job>> ListAsync(JobKind kind, JobStatus? status, int limit, string? after, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, $"""
            SELECT {Columns} FROM scrs_jobs
            WHERE kind = @kind AND (@status IS NULL OR status = @status)
              AND (@after IS NULL OR number < (SELECT number FROM scrs_jobs WHERE id = @after))
            ORDER BY number DESC LIMIT @limit
            """, ("kind", Name(kind)), ("status", status is { } s ? Name(s) : null), ("after", after), ("limit", limit));
        var jobs = new List<Job>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) jobs.Add(Read(reader));
        return jobs;
    }

    /// <summary>Whether job <paramref name="id"/> exists.</summary>
    public async Task<bool> ExistsAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT COUNT(*) FROM scrs_jobs WHERE id = @id", ("id", id));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>The jobs not finished, in submission order.</summary>
    public async Task<IReadOnlyList<Job>> UnfinishedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"SELECT {Columns} FROM scrs_jobs WHERE status IN ('queued', 'running') ORDER BY number");
        var jobs = new List<Job>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) jobs.Add(Read(reader));
        return jobs;
    }

    /// <summary>
    /// Marks the job running on <paramref name="host"/> (a new attempt, from the start) and returns it; null when it
    /// must not run: finished already, or cancelled while it waited (then it is marked cancelled).
    /// </summary>
    public async Task<Job?> StartAsync(string id, string host, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var job = await ReadAsync(connection, transaction, id, cancellationToken);
        if (job is null || job.IsFinished) return null;
        if (job.CancelRequested)
        {
            await FinishAsync(connection, transaction, job, JobStatus.Cancelled, null, null, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return null;
        }
        await ExecuteAsync(connection, transaction, """
            UPDATE scrs_jobs SET status = 'running', started = @now, attempts = attempts + 1, host = @host, progress = NULL
            WHERE id = @id
            """, cancellationToken, ("now", Now()), ("host", host), ("id", id));
        job = (await ReadAsync(connection, transaction, id, cancellationToken))!;
        await AddEventAsync(connection, transaction, id, "status", JobJson.Status(job), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // The attempt's status event is what ends the last attempt's progress (RunProgress).
        return job with { Progress = null };
    }

    /// <summary>Records a progress message of a running job: an event only, the job's row is left as it is.</summary>
    /// <remarks>
    /// <para>SQLite writes a row whole when any of its columns changes, the input with it: a job of a 48 MB input took
    /// 27 s to finish a sub-second solve when each message updated the row. A running job's progress is read from its
    /// events instead (<see cref="Columns"/>), and copied to the row once, when the job ends.</para>
    /// <para>For a simulation, called by each batch as it ends; the messages say how many replications are done.</para>
    /// </remarks>
    public async Task ProgressAsync(string id, JobProgress progress, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(progress, JobJson.Options);
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, """
            INSERT INTO scrs_job_events (job_id, kind, data)
            SELECT @id, 'progress', @data WHERE EXISTS (SELECT 1 FROM scrs_jobs WHERE id = @id AND status = 'running')
            """, cancellationToken, ("id", id), ("data", json));
    }

    /// <summary>Whether a DELETE asked job <paramref name="id"/> to stop.</summary>
    public async Task<bool> CancelRequestedAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT cancel_requested FROM scrs_jobs WHERE id = @id", ("id", id));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken) ?? 0L, System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    /// <summary>
    /// Ends a running job with <paramref name="status"/>. A job a DELETE has marked cancelled meanwhile stays cancelled,
    /// and gets the roster if it has none; a finished job is left as it is (a second run of it changes nothing).
    /// </summary>
    public async Task FinishAsync(string id, JobStatus status, string? roster, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var job = await ReadAsync(connection, transaction, id, cancellationToken);
        if (job is null) return;
        if (job.Status == JobStatus.Running)
        {
            await FinishAsync(connection, transaction, job, job.CancelRequested && status == JobStatus.Completed ? JobStatus.Cancelled : status,
                roster, error, cancellationToken);
        }
        else if (job.Status == JobStatus.Cancelled && job.Roster is null && roster is not null)
        {
            await ExecuteAsync(connection, transaction, "UPDATE scrs_jobs SET roster = @roster WHERE id = @id", cancellationToken,
                ("roster", roster), ("id", id));
            await AddEventAsync(connection, transaction, id, "status", JobJson.Status((await ReadAsync(connection, transaction, id, cancellationToken))!), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Asks job <paramref name="id"/> to stop: a queued job is cancelled at once, a running one is marked for its worker
    /// to stop. Returns the job (null when unknown) and whether it had finished already.
    /// </summary>
    public async Task<(Job? Job, bool Finished)> CancelAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var job = await ReadAsync(connection, transaction, id, cancellationToken);
        if (job is null || job.IsFinished) return (job, job is not null);
        if (job.Status == JobStatus.Queued)
            await FinishAsync(connection, transaction, job, JobStatus.Cancelled, null, null, cancellationToken);
        else
            await ExecuteAsync(connection, transaction, "UPDATE scrs_jobs SET cancel_requested = 1 WHERE id = @id", cancellationToken, ("id", id));
        job = await ReadAsync(connection, transaction, id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (job, false);
    }

    /// <summary>
    /// Cancels a running job whose worker did not stop in time: it is shown cancelled from now on, and its worker adds the
    /// best roster when it gets there (see <see cref="FinishAsync(string, JobStatus, string?, string?, CancellationToken)"/>).
    /// </summary>
    public async Task<Job?> ForceCancelledAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var job = await ReadAsync(connection, transaction, id, cancellationToken);
        if (job is { Status: JobStatus.Running })
        {
            await FinishAsync(connection, transaction, job, JobStatus.Cancelled, null, null, cancellationToken);
            job = await ReadAsync(connection, transaction, id, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return job;
    }

    /// <summary>The events of job <paramref name="id"/> after event <paramref name="after"/>, in order.</summary>
    public async Task<IReadOnlyList<JobEvent>> EventsAsync(string id, long after, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT number, kind, data FROM scrs_job_events WHERE job_id = @id AND number > @after ORDER BY number", ("id", id), ("after", after));
        var events = new List<JobEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) events.Add(new JobEvent(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        return events;
    }

    private async Task FinishAsync(DbConnection connection, DbTransaction transaction, Job job, JobStatus status, string? roster,
        string? error, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, $"""
            UPDATE scrs_jobs SET status = @status, finished = @now, roster = @roster, error = @error, progress = {RunProgress} WHERE id = @id
            """, cancellationToken, ("status", Name(status)), ("now", Now()), ("roster", roster), ("error", error), ("id", job.Id));
        var finished = (await ReadAsync(connection, transaction, job.Id, cancellationToken))!;
        await AddEventAsync(connection, transaction, job.Id, "status", JobJson.Status(finished), cancellationToken);
    }

    /// <summary>
    /// The latest progress event of this run of the job: one after its latest status event, which for a running job is
    /// the one its start added (a new attempt starts with no progress). Null for a job that has not reported any.
    /// </summary>
    private const string RunProgress = """
        (SELECT e.data FROM scrs_job_events e WHERE e.job_id = scrs_jobs.id AND e.kind = 'progress'
           AND e.number > (SELECT MAX(s.number) FROM scrs_job_events s WHERE s.job_id = scrs_jobs.id AND s.kind = 'status')
         ORDER BY e.number DESC LIMIT 1)
        """;

    /// <summary>The columns <see cref="Read(DbDataReader)"/> reads: a finished job's progress is its row's, a running one's its events'.</summary>
    private const string Columns = "id, number, status, submitted, started, finished, time_limit_seconds, gap, seed, engine, COALESCE(progress, "
        + RunProgress + "), roster, error, cancel_requested, attempts, host, kind, replications, precision, replans";

    private static async Task<Job?> ReadAsync(DbConnection connection, DbTransaction? transaction, string id, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, $"SELECT {Columns} FROM scrs_jobs WHERE id = @id", ("id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static Job Read(DbDataReader r)
    {
        DateTimeOffset? Time(int i) => r.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i));
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        double? Number(int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
        var progress = Text(10) is { } p ? JsonSerializer.Deserialize<JobProgress>(p, JobJson.Options) : null;
        var options = new JobOptions(Number(6), Number(7), r.IsDBNull(8) ? null : r.GetInt32(8), Text(9))
        {
            Replications = r.IsDBNull(17) ? null : r.GetInt32(17),
            Precision = Number(18),
        };
        return new Job(r.GetString(0), r.GetInt64(1), Enum.Parse<JobKind>(r.GetString(16), ignoreCase: true), Parse(r.GetString(2)),
            Time(3)!.Value, Time(4), Time(5), options, progress, Text(11), Text(12), r.GetInt64(13) != 0, r.GetInt32(14), Text(15))
        {
            Replans = Text(19),
        };
    }

    private static async Task AddEventAsync(DbConnection connection, DbTransaction transaction, string id, string kind, string data,
        CancellationToken cancellationToken) =>
        await ExecuteAsync(connection, transaction, "INSERT INTO scrs_job_events (job_id, kind, data) VALUES (@id, @kind, @data)",
            cancellationToken, ("id", id), ("kind", kind), ("data", data));

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = _connect();
        await connection.OpenAsync(cancellationToken);
        // An answer is sent only after its change is on disk, not only in the operating system's cache.
        if (_sqlite) await ExecuteAsync(connection, null, "PRAGMA synchronous=FULL;", cancellationToken);
        return connection;
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            // PostgreSQL must know a parameter's type even when it is null ("@status IS NULL"); a null is text, so a
            // number that may be null is cast in the SQL.
            parameter.DbType = value switch
            {
                null or string => DbType.String,
                int => DbType.Int32,
                long => DbType.Int64,
                double => DbType.Double,
                _ => throw new ArgumentException($"unsupported parameter type {value.GetType()}", nameof(parameters)),
            };
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>The status as the API and the store write it.</summary>
    public static string Name(JobStatus status) => status.ToString().ToLowerInvariant();

    private static string Name(JobKind kind) => kind.ToString().ToLowerInvariant();

    private static JobStatus Parse(string name) => Enum.Parse<JobStatus>(name, ignoreCase: true);
}
