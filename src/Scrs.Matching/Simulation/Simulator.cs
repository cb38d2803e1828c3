using System.Diagnostics;
using Scrs.Matching.Planning;
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
    /// Measured on 20 replications of a small-family scenario (coverage levels only): HiGHS 1.4 s in all, CP-SAT 1.8 s,
    /// CBC 31.5 s (one replication's normal level took CBC 30 s). <see cref="SolverEngine.Auto"/> picks the engine fastest
    /// on whole six-level solves, where CBC leads.
    /// </remarks>
    public SolverEngine Engine { get; init; } = SolverEngine.Highs;

    /// <summary>Receives progress after each batch; null (the default) for none.</summary>
    public IProgress<SimulationProgress>? Progress { get; init; }

    /// <summary>The defaults.</summary>
    public static SimulationOptions Default { get; } = new();
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
    /// <exception cref="ArgumentException">An option is out of range, or the scenario asks for a mode not built yet.</exception>
    public static SimulationResults Run(Scenario scenario, SimulationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= SimulationOptions.Default;
        if (options.Parallel < 1) throw new ArgumentException("Parallel must be at least 1.", nameof(options));
        if (options.BatchSize < 1) throw new ArgumentException("BatchSize must be at least 1.", nameof(options));
        if (options.Precision is { } precision && !(precision > 0)) throw new ArgumentException("Precision must be above 0.", nameof(options));
        if (!Enum.IsDefined(options.Engine)) throw new ArgumentException($"Engine {(int)options.Engine} is not a solver engine.", nameof(options));
        if (scenario.Mode != SimulationMode.Static) throw new ArgumentException("Only the static mode is built yet.", nameof(scenario));
        var clock = Stopwatch.StartNew();
        var months = new HorizonMonths(scenario.Problem.PlanningDate, scenario.HorizonEnd);
        var planner = PlannerOptions.Default with { CoverageOnly = true, Threads = 1, TimeLimit = options.TimeLimitPerReplication, Engine = options.Engine };
        var outcomes = new List<ReplicationOutcome>(scenario.Replications);
        string? stoppedBy = null;
        var partial = false;
        while (outcomes.Count < scenario.Replications)
        {
            var first = outcomes.Count;
            var batch = new ReplicationOutcome?[Math.Min(options.BatchSize, scenario.Replications - first)];
            try
            {
                Parallel.For(0, batch.Length, new ParallelOptions { MaxDegreeOfParallelism = options.Parallel, CancellationToken = cancellationToken }, k =>
                {
                    var problem = ReplicationSampler.Sample(scenario, first + k);
                    var roster = RosterPlanner.Plan(problem, planner, cancellationToken);
                    // A replication cut short by the cancellation is not measured: its roster is not the planner's answer.
                    if (roster.Status != RosterStatus.Cancelled) batch[k] = ReplicationOutcome.Measure(problem, roster, months);
                });
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Below: the finished prefix of the batch is kept.
            }
            // Only a prefix counts, so that a cancelled run's results are those of replications 0 .. n-1, as any other run's.
            foreach (var outcome in batch)
            {
                if (outcome is null) break;
                outcomes.Add(outcome);
            }
            if (cancellationToken.IsCancellationRequested)
            {
                partial = true;
                stoppedBy = "cancelled";
                break;
            }
            var widest = WidestInterval(outcomes);
            var pace = clock.Elapsed / outcomes.Count;
            options.Progress?.Report(new SimulationProgress(outcomes.Count, scenario.Replications, clock.Elapsed,
                pace * (scenario.Replications - outcomes.Count), widest));
            if (options.Precision is { } wanted && widest is { } width && width <= wanted && outcomes.Count < scenario.Replications)
            {
                stoppedBy = $"precision reached: every 95 % interval is at most {wanted} wide";
                break;
            }
        }
        return Statistics95.Aggregate(scenario, outcomes, months, partial, stoppedBy, clock.Elapsed);
    }

    private static double? WidestInterval(List<ReplicationOutcome> outcomes)
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
