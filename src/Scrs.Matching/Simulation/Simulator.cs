using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Collections.Immutable;
using System.Text.Json;
using Scrs.Matching.Planning;
using Scrs.Matching.Telemetry;
using Scrs.Matching.Sessions;
using Scrs.Matching.Report;

namespace Scrs.Matching.Simulation;

/// <summary>Progress of a simulation, reported after each batch of replications.</summary>
/// <param name="Done">Replications measured so far.</param>
/// <param name="Total">Replications asked for.</param>
/// <param name="Elapsed">Time since the start.</param>
/// <param name="Remaining">Estimate of the time left at the pace so far, or null before the first batch.</param>
/// <param name="WidestInterval">The widest 95 % interval of a priority's mean fill rate so far, or null.</param>
public sealed record SimulationProgress(int Done, int Total, TimeSpan Elapsed, TimeSpan? Remaining, double? WidestInterval);

/// <summary>Options of <see cref="Simulator.Run"/>; every property has a documented default.</summary>
public sealed record SimulationOptions
{
    /// <summary>Replications solved at once. Default: 1. The results do not depend on it.</summary>
    public int Parallel { get; init; } = 1;

    /// <summary>
    /// When set, the run stops once every priority's 95 % interval of the mean fill rate is at most this wide (checked
    /// after each batch of <see cref="BatchSize"/>, so the stop does not depend on <see cref="Parallel"/>). Default: null.
    /// </summary>
    public double? Precision { get; init; }

    /// <summary>Replications between two progress reports and precision checks. Default: 10.</summary>
    public int BatchSize { get; init; } = 10;

    /// <summary>Wall-time limit of each replication's plan. Default: 120 seconds.</summary>
    /// <remarks>A replication stopped by it is measured all the same, and counted in <c>UnprovenReplications</c>.</remarks>
    public TimeSpan TimeLimitPerReplication { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The solver engine of the replications' plans. Default: <see cref="SolverEngine.Highs"/>.</summary>
    /// <remarks>
    /// Measured side by side (benchmarks' <c>simulation</c> command, 2 at once): on the shipped demo-corps scenario,
    /// HiGHS 3.95 s a replication, CBC 2.89 s, CP-SAT 14.5 s; on a small-family scenario, HiGHS 1.4 s for 20 replications,
    /// CP-SAT 1.8 s, CBC 31.5 s (one replication's normal level took CBC 30 s, where HiGHS needs 0.1 s). HiGHS is the
    /// default for that robustness: a replication stuck in a search costs up to <see cref="TimeLimitPerReplication"/>.
    /// </remarks>
    public SolverEngine Engine { get; init; } = SolverEngine.Highs;

    /// <summary>Receives progress after each batch; null (the default) for none.</summary>
    public IProgress<SimulationProgress>? Progress { get; init; }

    /// <summary>The defaults.</summary>
    public static SimulationOptions Default { get; } = new();
}

/// <summary>
/// Consecutive replications of a scenario and what each covered: a part of a run that can be computed anywhere (another
/// host's worker, say), stored as JSON, and combined with the others (<see cref="Simulator.Combine"/>).
/// </summary>
public sealed class ReplicationBatch
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal ReplicationBatch(int first, ImmutableArray<ReplicationOutcome> outcomes)
    {
        First = first;
        Outcomes = outcomes;
    }

    /// <summary>The first replication of the batch.</summary>
    public int First { get; }

    /// <summary>How many replications it holds (fewer than asked when it was cancelled).</summary>
    public int Count => Outcomes.Length;

    internal ImmutableArray<ReplicationOutcome> Outcomes { get; }

    /// <summary>The batch as JSON, for a store.</summary>
    public string ToJson() => JsonSerializer.Serialize(new Stored(First, [.. Outcomes]), Json);

    /// <summary>A batch written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The text is not such a batch.</exception>
    public static ReplicationBatch FromJson(string json)
    {
        var stored = JsonSerializer.Deserialize<Stored>(json, Json) ?? throw new JsonException("not a replication batch");
        return new ReplicationBatch(stored.First, [.. stored.Outcomes]);
    }

    private sealed record Stored(int First, ReplicationOutcome[] Outcomes);
}

/// <summary>Runs a scenario's replications through the planner and gathers the statistics of what they covered.</summary>
/// <remarks>
/// <para>Each replication draws its future (<see cref="ReplicationSampler"/>), plans it with <see cref="RosterPlanner"/>
/// (the four coverage levels only: the metrics are fill rates; one solver thread, so the roster does not depend on
/// timing), and measures the roster. Replication i depends only on the scenario and (seed, i); the statistics are
/// taken over the replications in their order, so the results are the same whatever the number of parallel solves.</para>
/// <para>Only <see cref="SimulationMode.Static"/> is built yet.</para>
/// </remarks>
public static class Simulator
{
    /// <summary>Runs <paramref name="scenario"/>.</summary>
    /// <param name="scenario">The scenario; its problem must be valid.</param>
    /// <param name="options">Options; null for <see cref="SimulationOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops after the replications under way; the results then cover those finished, marked partial.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static SimulationResults Run(Scenario scenario, SimulationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= SimulationOptions.Default;
        if (options.Parallel < 1) throw new ArgumentException("Parallel must be at least 1.", nameof(options));
        if (options.BatchSize < 1) throw new ArgumentException("BatchSize must be at least 1.", nameof(options));
        if (options.Precision is { } precision && !(precision > 0)) throw new ArgumentException("Precision must be above 0.", nameof(options));
        if (!Enum.IsDefined(options.Engine)) throw new ArgumentException($"Engine {(int)options.Engine} is not a solver engine.", nameof(options));
        var clock = Stopwatch.StartNew();
        var batches = new List<ReplicationBatch>();
        var done = 0;
        string? stoppedBy = null;
        var partial = false;
        while (done < scenario.Replications)
        {
            var batch = RunBatch(scenario, done, Math.Min(options.BatchSize, scenario.Replications - done), options, cancellationToken);
            batches.Add(batch);
            done += batch.Count;
            if (cancellationToken.IsCancellationRequested)
            {
                partial = true;
                stoppedBy = "cancelled";
                break;
            }
            var widest = WidestInterval(batches.SelectMany(b => b.Outcomes).ToList());
            options.Progress?.Report(new SimulationProgress(done, scenario.Replications, clock.Elapsed,
                clock.Elapsed / done * (scenario.Replications - done), widest));
            if (PrecisionReached(options, widest) && done < scenario.Replications)
            {
                stoppedBy = PrecisionMessage(options);
                break;
            }
        }
        return Combine(scenario, batches, partial, stoppedBy, clock.Elapsed);
    }

    /// <summary>
    /// Runs replications <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1 of
    /// <paramref name="scenario"/>, at most <see cref="SimulationOptions.Parallel"/> at once. Batches of one scenario, run
    /// anywhere, combine into the same results as one run (<see cref="Combine"/>).
    /// </summary>
    /// <param name="scenario">The scenario; its problem must be valid.</param>
    /// <param name="first">The first replication.</param>
    /// <param name="count">How many replications.</param>
    /// <param name="options">Options; null for <see cref="SimulationOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the replications under way; the batch then holds the replications before the first unfinished one.</param>
    public static ReplicationBatch RunBatch(Scenario scenario, int first, int count, SimulationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= SimulationOptions.Default;
        var months = new HorizonMonths(scenario.Problem.PlanningDate, scenario.HorizonEnd);
        var planner = PlannerOptions(options);
        var outcomes = new ReplicationOutcome?[count];
        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = options.Parallel, CancellationToken = cancellationToken }, k =>
            {
                outcomes[k] = Replicate(scenario, first + k, planner, months, cancellationToken);
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Below: the finished prefix is kept.
        }
        // Only a prefix counts, so that a cancelled run's results are those of replications 0 .. n-1, as any other run's.
        var batch = new ReplicationBatch(first, [.. outcomes.TakeWhile(o => o is not null).Select(o => o!)]);
        MatchingTelemetry.Replicated(batch.Outcomes.Length);
        return batch;
    }

    /// <summary>The planner options of every replication's plan.</summary>
    internal static PlannerOptions PlannerOptions(SimulationOptions options) =>
        Planning.PlannerOptions.Default with { CoverageOnly = true, ExplainInfeasibility = false, Threads = 1, TimeLimit = options.TimeLimitPerReplication, Engine = options.Engine };

    /// <summary>What replication <paramref name="replication"/> covered, or null when the cancellation cut it short.</summary>
    private static ReplicationOutcome? Replicate(Scenario scenario, int replication, PlannerOptions planner, HorizonMonths months, CancellationToken cancellationToken)
    {
        if (scenario.Mode == SimulationMode.Rolling)
        {
            var run = RollingReplication.Run(scenario, replication, planner, cancellationToken);
            return ReplicationOutcome.Measure(run.Measured, run.Served, months, run.Proven);
        }
        // Each replication forks the solved scenario problem: its future, written in as edits, mostly narrows the
        // problem (declines, departures, absences), so the base roster repaired is the warm start and proves the levels
        // it still reaches at the base optimum.
        var session = Base(scenario, planner, cancellationToken);
        if (session is null) return null;
        session.Apply([.. ReplicationSampler.Edits(scenario, replication)]);
        var roster = session.Solve(cancellationToken);
        // A replication cut short by the cancellation is not measured: its roster is not the planner's answer.
        return roster.Status == RosterStatus.Cancelled ? null : ReplicationOutcome.Measure(session.Problem, roster, months);
    }

    /// <summary>The solved sessions of the scenario problems simulated, by planner options: solved once, forked by every replication.</summary>
    private static readonly ConditionalWeakTable<Scenario, ConcurrentDictionary<PlannerOptions, Lazy<PlanningSession>>> Bases = [];

    /// <summary>A fork of the scenario problem's solved session, or null when the cancellation cut its solve short.</summary>
    private static PlanningSession? Base(Scenario scenario, PlannerOptions planner, CancellationToken cancellationToken)
    {
        var sessions = Bases.GetValue(scenario, _ => new());
        var solved = sessions.GetOrAdd(planner, options => new Lazy<PlanningSession>(() =>
        {
            var session = PlanningSession.Create(scenario.Problem, options);
            session.Solve(cancellationToken);
            return session;
        })).Value;
        if (solved.Roster!.Status != RosterStatus.Cancelled) return solved.Fork();
        // A base cut short is not kept: the next run solves it again.
        sessions.TryRemove(planner, out _);
        return null;
    }

    /// <summary>
    /// The results of <paramref name="batches"/>, which must follow each other from replication 0 (the first ones of a
    /// run, in order); the same, for the same batches, as <see cref="Run"/> gives.
    /// </summary>
    /// <param name="scenario">The scenario of the batches.</param>
    /// <param name="batches">The batches, in order from replication 0.</param>
    /// <param name="partial">Whether the run was cancelled before its end.</param>
    /// <param name="stoppedBy">Why it ended early, or null.</param>
    /// <param name="elapsed">Its wall time.</param>
    /// <exception cref="ArgumentException">A batch does not follow the one before it.</exception>
    public static SimulationResults Combine(Scenario scenario, IReadOnlyList<ReplicationBatch> batches, bool partial, string? stoppedBy, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(batches);
        var outcomes = new List<ReplicationOutcome>();
        foreach (var batch in batches)
        {
            if (batch.First != outcomes.Count) throw new ArgumentException($"Batch of replication {batch.First} does not follow replication {outcomes.Count - 1}.", nameof(batches));
            outcomes.AddRange(batch.Outcomes);
        }
        return Statistics95.Aggregate(scenario, outcomes, new HorizonMonths(scenario.Problem.PlanningDate, scenario.HorizonEnd), partial, stoppedBy, elapsed);
    }

    /// <summary>Whether the widest interval so far is within the precision asked for.</summary>
    public static bool PrecisionReached(SimulationOptions options, IReadOnlyList<ReplicationBatch> batches) =>
        PrecisionReached(options, WidestInterval(batches));

    /// <summary>The widest 95 % interval of a priority's mean fill rate over <paramref name="batches"/>, or null with fewer than two replications.</summary>
    public static double? WidestInterval(IReadOnlyList<ReplicationBatch> batches) => WidestInterval([.. batches.SelectMany(b => b.Outcomes)]);

    /// <summary>What results stopped by the precision say.</summary>
    public static string PrecisionMessage(SimulationOptions options) =>
        $"precision reached: every 95 % interval is at most {options.Precision} wide";

    private static bool PrecisionReached(SimulationOptions options, double? widest) =>
        options.Precision is { } wanted && widest is { } width && width <= wanted;

    private static double? WidestInterval(IReadOnlyList<ReplicationOutcome> outcomes)
    {
        double? widest = null;
        foreach (var priority in Enum.GetValues<Domain.Priority>())
        {
            var values = outcomes.Select(o => o.Fill(priority)).OfType<double>().ToList();
            if (values.Count == 0) continue;
            if (Statistics95.MeanInterval(values) is not { } interval) return null;
            widest = Math.Max(widest ?? 0, interval.Width);
        }
        return widest;
    }
}
