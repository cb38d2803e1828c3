using System.Collections.Immutable;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using Scrs.Matching.Domain;

namespace Scrs.Matching.Simulation;

/// <summary>
/// What the future of one replication holds, drawn before it starts: who declines, who leaves when, who is away when,
/// which operations arrive. A static replication writes it all into the problem at once; a rolling one reveals it day
/// by day.
/// </summary>
/// <param name="Declines">Per member (input order), whether the member declines, or is not released.</param>
/// <param name="Leaves">Per member, the day the member leaves the corps, or null when it is after the horizon.</param>
/// <param name="Absences">Per member, the short absences, in day order.</param>
/// <param name="Arrivals">The operations that arrive, in day order, each with its arrival day.</param>
/// <param name="CancelledSessions">The course sessions cancelled, in policy order (courses, then their sessions).</param>
internal sealed record ReplicationFuture(bool[] Declines, DateOnly?[] Leaves, ImmutableArray<DateRange>[] Absences,
    ImmutableArray<(DateOnly Day, Operation Operation)> Arrivals, ImmutableArray<CourseSession> CancelledSessions);

/// <summary>
/// Draws the future of one replication (<see cref="ReplicationFuture"/>), and writes it into the problem for a static
/// replication: declines and departures as days the member cannot serve, absences likewise, arrivals as further operations.
/// </summary>
/// <remarks>
/// The draws come from one random stream per replication, seeded from (seed, replication) alone, and are taken in a
/// fixed order (members in input order: decline, departure, absences; then arrivals), so a replication is the same
/// whatever else runs beside it, and both modes see the same future. The session cancellations come from a stream of
/// their own (<see cref="SessionStream"/>), so that adding them left every other draw as it was.
/// </remarks>
internal static class ReplicationSampler
{
    private const double DaysPerYear = 365.25;

    /// <summary>The random stream of replication <paramref name="replication"/> of a scenario with seed <paramref name="seed"/>.</summary>
    public static Xoshiro256StarStar Stream(int seed, int replication)
    {
        // SplitMix64's finalizer spreads (seed, replication) over 64 bits; the generator takes 32 of them as its seed.
        var mixed = Samples.SplitMix64.Stream(seed, (ulong)replication).NextUInt64();
        return new Xoshiro256StarStar(unchecked((int)(mixed ^ (mixed >> 32))), threadSafe: false);
    }

    /// <summary>
    /// The random stream of the session cancellations of replication <paramref name="replication"/>: SplitMix64's stream
    /// number has the replication in its low 32 bits and 1 above them, so it is never a replication's own stream.
    /// </summary>
    public static Samples.SplitMix64 SessionStream(int seed, int replication) =>
        Samples.SplitMix64.Stream(seed, 1UL << 32 | (uint)replication);

    /// <summary>
    /// The sessions of <paramref name="scenario"/>'s problem cancelled in replication <paramref name="replication"/>, in
    /// policy order: one draw per session, in that order, when the probability is above 0 (none at 0).
    /// </summary>
    public static ImmutableArray<CourseSession> CancelledSessions(Scenario scenario, int replication)
    {
        var courses = scenario.Problem.Policy.Courses;
        if (!(scenario.SessionCancellation > 0) || courses.IsDefaultOrEmpty) return [];
        var random = SessionStream(scenario.Seed, replication);
        var cancelled = ImmutableArray.CreateBuilder<CourseSession>();
        foreach (var session in courses.SelectMany(c => c.Sessions))
        {
            if (random.Chance(scenario.SessionCancellation)) cancelled.Add(session);
        }
        return cancelled.ToImmutable();
    }

    /// <summary>The future of replication <paramref name="replication"/>.</summary>
    public static ReplicationFuture Future(Scenario scenario, int replication)
    {
        var random = Stream(scenario.Seed, replication);
        var problem = scenario.Problem;
        var start = problem.PlanningDate;
        var end = scenario.HorizonEnd;
        var horizon = end.DayNumber - start.DayNumber + 1;
        var count = problem.Members.Length;
        var (declines, leaves, absences) = (new bool[count], new DateOnly?[count], new ImmutableArray<DateRange>[count]);
        for (var m = 0; m < count; m++)
        {
            var member = problem.Members[m];
            // Every draw is made, used or not, so the stream stays in step from one member to the next.
            declines[m] = random.NextDouble() < scenario.Declines.For(member);
            var rate = scenario.AttritionPerYear.For(member.Component);
            var leaving = rate > 0 ? Exponential.Sample(random, rate / DaysPerYear) : double.PositiveInfinity;
            if (leaving < horizon) leaves[m] = start.AddDays((int)Math.Floor(leaving));
            var away = ImmutableArray.CreateBuilder<DateRange>();
            if (scenario.Absences is { RatePerMemberYear: > 0 } model)
            {
                for (var t = Exponential.Sample(random, model.RatePerMemberYear / DaysPerYear); t < horizon;
                     t += Exponential.Sample(random, model.RatePerMemberYear / DaysPerYear))
                {
                    var from = start.AddDays((int)Math.Floor(t));
                    var to = from.AddDays(Draw(random, model.Duration) - 1);
                    away.Add(new DateRange(from, to > end ? end : to));
                }
            }
            absences[m] = away.ToImmutable();
        }
        var arrivals = ImmutableArray.CreateBuilder<(DateOnly, Operation)>();
        if (scenario.Arrivals is { RatePerYear: > 0 } arrivalModel)
        {
            for (var t = Exponential.Sample(random, arrivalModel.RatePerYear / DaysPerYear); t < horizon;
                 t += Exponential.Sample(random, arrivalModel.RatePerYear / DaysPerYear))
            {
                var day = start.AddDays((int)Math.Floor(t));
                arrivals.Add((day, Arrival(random, arrivalModel, day, end, arrivals.Count)));
            }
        }
        return new ReplicationFuture(declines, leaves, absences, arrivals.ToImmutable(), CancelledSessions(scenario, replication));
    }

    /// <summary>The problem of static replication <paramref name="replication"/>: its whole future known from the start.</summary>
    public static DeploymentProblem Sample(Scenario scenario, int replication) =>
        Sessions.Edits.ApplyAll(scenario.Problem, Edits(scenario, replication));

    /// <summary>
    /// The edits that turn the scenario's problem into static replication <paramref name="replication"/>'s: each
    /// member's days gone (a member who declines is gone from the start) and away, the arriving operations, the course
    /// sessions cancelled, and the locks that can no longer hold (a lock cannot hold a member who is gone or away on its
    /// days: the member declined it, in effect; nor one whose credential only a cancelled session could give).
    /// </summary>
    public static IReadOnlyList<Sessions.ProblemEdit> Edits(Scenario scenario, int replication)
    {
        var future = Future(scenario, replication);
        var problem = scenario.Problem;
        var (start, end) = (problem.PlanningDate, scenario.HorizonEnd);
        var edits = new List<Sessions.ProblemEdit>();
        var gone = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        var absent = new Dictionary<string, ImmutableArray<DateRange>>(StringComparer.Ordinal);
        for (var m = 0; m < problem.Members.Length; m++)
        {
            var member = problem.Members[m];
            if ((future.Declines[m] ? start : future.Leaves[m]) is { } from)
            {
                gone[member.Id] = from;
                edits.Add(new Sessions.MemberUnavailable(member.Id, new DateRange(from, end)));
            }
            edits.AddRange(future.Absences[m].Select(a => new Sessions.MemberUnavailable(member.Id, a)));
            absent[member.Id] = future.Absences[m];
        }
        edits.AddRange(future.Arrivals.Select(a => new Sessions.OperationAdded(a.Operation)));
        edits.AddRange(future.CancelledSessions.Select(s => new Sessions.SessionCancelled(s.Id)));
        var lifted = problem.Locks.Where(l => gone.TryGetValue(l.Member, out var from) && (l.End is not { } e || e >= from)
            || (absent.TryGetValue(l.Member, out var away) && away.Any(a => l.Start is not { } s || l.End is not { } e2 || a.Overlaps(new DateRange(s, e2)))))
            .ToList();
        if (!future.CancelledSessions.IsEmpty) lifted.AddRange(Untrainable(Sessions.Edits.ApplyAll(problem, edits), lifted));
        edits.AddRange(lifted.Select(l => new Sessions.LockRemoved(l)));
        return edits;
    }

    /// <summary>
    /// The locks of <paramref name="problem"/> (sessions cancelled) not yet in <paramref name="lifted"/> whose member
    /// can no longer hold the position's credentials over the lock's days, neither held nor gained in a session left.
    /// </summary>
    /// <remarks>Over the lock's days: a lock without days, or a tour longer than them, may still fail, as it would have without the cancellation.</remarks>
    private static IEnumerable<AssignmentLock> Untrainable(DeploymentProblem problem, List<AssignmentLock> lifted)
    {
        var index = new Eligibility.PlanningIndex(problem);
        foreach (var l in problem.Locks)
        {
            if (lifted.Contains(l) || !index.MemberIndex.TryGetValue(l.Member, out var m) || !index.PositionIndex.TryGetValue(l.Position, out var p)
                || index.Positions[p].Credentials.IsDefaultOrEmpty) continue;
            var check = Eligibility.CredentialCheck.For(index, m, p);
            if (check is null || l is { Start: { } start, End: { } end } && !check.Allows(start.DayNumber, end.DayNumber)) yield return l;
        }
    }

    /// <summary>A draw of <paramref name="distribution"/>, in whole days, at least 1.</summary>
    public static int Draw(System.Random random, DurationDistribution distribution)
    {
        var value = distribution.Kind switch
        {
            DurationKind.Fixed => distribution.Days,
            DurationKind.Exponential => Exponential.Sample(random, 1 / distribution.Days),
            DurationKind.Uniform => ContinuousUniform.Sample(random, distribution.MinDays, distribution.MaxDays),
            _ => LogNormalDays(random, distribution.Days, distribution.StandardDeviationDays),
        };
        return Math.Max(1, (int)Math.Round(value, MidpointRounding.AwayFromZero));
    }

    private static double LogNormalDays(System.Random random, double mean, double sd)
    {
        // The log-normal whose mean and standard deviation are these.
        var sigma2 = Math.Log(1 + sd * sd / (mean * mean));
        return LogNormal.Sample(random, Math.Log(mean) - sigma2 / 2, Math.Sqrt(sigma2));
    }

    /// <summary>Positions of an arrival drawn from the generator when the scenario gives no count, and their days.</summary>
    private const int GeneratedPositions = 20, GeneratedDays = 180;

    private static Operation Arrival(System.Random random, ArrivalModel model, DateOnly day, DateOnly end, int number)
    {
        if (model.FromSample)
        {
            // The generator's own stream, seeded from this one, so the arrival is as reproducible as the rest.
            var seed = (ulong)(uint)random.Next() << 32 | (uint)random.Next();
            var size = model.Positions is { } sizes ? Draw(random, sizes) : GeneratedPositions;
            var length = model.DurationDays is { } lengths ? Draw(random, lengths) : GeneratedDays;
            var last = day.AddDays(length - 1);
            return Samples.SampleCorps.Arriving(seed, $"arrival{number + 1}", day, (last > end ? end : last).DayNumber - day.DayNumber + 1, size);
        }
        var template = model.Operations[random.Next(model.Operations.Length)];
        var positions = template.Positions;
        if (model.Positions is { } count && positions.Length > 0)
            positions = [.. Enumerable.Range(0, Draw(random, count)).Select(_ => positions[random.Next(positions.Length)])];
        var duration = model.DurationDays is { } d ? Draw(random, d) : 0;
        var first = template.Positions.Select(p => p.Window.Start).DefaultIfEmpty(day).Min();
        var suffix = $"~arrival{number + 1}";
        var moved = ImmutableArray.CreateBuilder<Position>(positions.Length);
        for (var j = 0; j < positions.Length; j++)
        {
            var p = positions[j];
            var from = day.AddDays(p.Window.Start.DayNumber - first.DayNumber);
            var to = duration > 0 ? from.AddDays(duration - 1) : from.AddDays(p.Window.Days - 1);
            if (from > end) continue;
            moved.Add(p with { Id = $"{p.Id}{suffix}-{j + 1}", Window = new DateRange(from, to > end ? end : to) });
        }
        return new Operation(template.Id + suffix, template.Name + " (arrival)", moved.ToImmutable());
    }
}
