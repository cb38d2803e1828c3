using System.Net;

namespace Scrs.Matching.Host.Server;

/// <summary>The options of <c>scrs-matching serve</c>, checked.</summary>
/// <param name="Urls">The addresses to listen on.</param>
/// <param name="StorePath">The SQLite file of the jobs (when not on PostgreSQL).</param>
/// <param name="Postgres">The PostgreSQL connection string shared by several hosts, or null.</param>
/// <param name="Workers">Solves at once on this host.</param>
/// <param name="ApiKey">The key every request but <c>/health</c> and <c>/alive</c> must carry, or null for none.</param>
/// <param name="MaxBodyBytes">The largest request body accepted.</param>
internal sealed record ServeOptions(IReadOnlyList<Uri> Urls, string StorePath, string? Postgres, int Workers, string? ApiKey, long MaxBodyBytes)
{
    /// <summary>
    /// POSTs a minute per API key (or per client address without one) before 429; 0 for no limit
    /// (<c>--max-submissions-per-minute</c>, see <see cref="RateLimits"/>).
    /// </summary>
    public int MaxSubmissionsPerMinute { get; init; } = DefaultMaxSubmissionsPerMinute;

    /// <summary>The submission limit unless told otherwise: one a second on average, bursts included.</summary>
    public const int DefaultMaxSubmissionsPerMinute = 60;

    /// <summary>Where the host listens unless told otherwise: this machine only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>The SQLite file in the working folder unless told otherwise.</summary>
    public const string DefaultStore = "scrs-jobs.db";

    /// <summary>The largest body unless told otherwise, in MB.</summary>
    public const int DefaultMaxBodyMb = 64;

    /// <summary>
    /// Solves at once unless told otherwise: one per core. Each solve runs the solvers on one thread (the planner's
    /// default). HiGHS and CP-SAT keep their state per model; CBC keeps process-wide state, so the library runs one CBC
    /// search at a time (<c>CbcSolver</c>'s lock), and two solves overlap in everything but those searches.
    /// </summary>
    public static int DefaultWorkers => Math.Max(1, Environment.ProcessorCount);

    /// <summary>Whether <paramref name="url"/> can be reached from this machine only.</summary>
    public static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
