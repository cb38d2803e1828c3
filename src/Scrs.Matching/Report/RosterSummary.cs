using System.Globalization;
using System.Text;
using Scrs.Matching.Domain;

namespace Scrs.Matching.Report;

/// <summary>A readable plain-text summary of a <see cref="Roster"/>, as printed by the <c>demo</c> command.</summary>
/// <remarks>
/// The summary has aligned columns, no colours, and formats every number with the invariant culture, so it reads the same on
/// every machine: status, objective per level with its bound, gap, solve time, model size, fill rate by operation and by
/// priority, surge-limit use, the unfilled positions and the stage timings.
/// </remarks>
public static class RosterSummary
{
    /// <summary>Unfilled positions listed by default; the summary says how many more there are.</summary>
    public const int DefaultUnfilledShown = 15;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Summarizes <paramref name="roster"/>, solved for <paramref name="problem"/>, as plain text.</summary>
    /// <param name="problem">The problem solved: gives the names of operations and the titles of positions.</param>
    /// <param name="roster">The roster and its report.</param>
    /// <param name="maxUnfilled">
    /// Most unfilled positions to list, by priority and then by uncovered seat-days; default <see cref="DefaultUnfilledShown"/>.
    /// </param>
    /// <returns>The summary, lines separated by <see cref="Environment.NewLine"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="problem"/> or <paramref name="roster"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxUnfilled"/> is negative.</exception>
    public static string ToText(DeploymentProblem problem, Roster roster, int maxUnfilled = DefaultUnfilledShown)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentOutOfRangeException.ThrowIfNegative(maxUnfilled);

        var text = new StringBuilder();
        WriteHeader(text, problem, roster);
        WriteObjective(text, roster.Objective, roster.Bound);
        WriteFill(text, problem, roster);
        WriteSurge(text, roster);
        WriteUnfilled(text, problem, roster, maxUnfilled);
        WriteTeams(text, problem, roster);
        WriteTraining(text, problem, roster);
        WriteChanges(text, roster, maxUnfilled);
        WriteReasons(text, roster);
        WriteStages(text, roster);
        return text.ToString();
    }

    private static void WriteHeader(StringBuilder text, DeploymentProblem problem, Roster roster)
    {
        var s = roster.Statistics;
        var deployed = roster.Assignments.Select(a => a.Member).Distinct(StringComparer.Ordinal).Count();
        Section(text, "Deployment roster");
        var table = new Table(Align.Left, Align.Left);
        table.Add("Status", Name(roster.Status));
        table.Add("Planning date", problem.PlanningDate.ToString("yyyy-MM-dd", Invariant));
        table.Add("Corps", $"{Count(problem.Members.Length)} members, {Count(problem.Operations.Length)} operations, "
            + $"{Count(problem.Operations.Sum(o => o.Positions.Length))} positions");
        table.Add("Tours", $"{Count(roster.Assignments.Length)} tours by {Count(deployed)} members");
        table.Add("Gap", roster.Gap is { } gap ? Percent(gap, "0.00") : "-");
        table.Add("Solve time", $"{Count(roster.SolveMillis)} ms");
        table.Add("Model", $"{Count(s.CandidateTours)} candidate tours; {Count(s.Columns)} columns, {Count(s.Rows)} rows, "
            + $"{Count(s.NonZeros)} non-zeros");
        table.WriteTo(text);
    }

    /// <summary>The value of each objective level as plain text, in the same table and figures as the roster summary (without bounds).</summary>
    /// <param name="objective">The values, for example from <see cref="Verification.RosterEvaluator.Evaluate(Domain.DeploymentProblem, IReadOnlyList{Assignment})"/>.</param>
    /// <returns>The table, lines separated by <see cref="Environment.NewLine"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> is <see langword="null"/>.</exception>
    public static string ToText(ObjectiveValues objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        var text = new StringBuilder();
        WriteObjective(text, objective, null);
        return text.ToString();
    }

    private static void WriteObjective(StringBuilder text, ObjectiveValues? o, ObjectiveBound? b)
    {
        Section(text, "Objective, strictly by priority");
        var table = b is null ? new Table(Align.Left, Align.Right) : new Table(Align.Left, Align.Right, Align.Right);
        void Row(string level, string value, double? bound)
        {
            if (b is null) table.Add(level, value);
            else table.Add(level, value, Number(bound));
        }
        if (b is null) table.Add("level", "value");
        else table.Add("level", "value", "bound");
        Row("critical", Count(o?.Critical), b?.Critical);
        Row("high", Count(o?.High), b?.High);
        Row("normal", Count(o?.Normal), b?.Normal);
        Row("low", Count(o?.Low), b?.Low);
        if (o?.Changes is not null || b?.Changes is not null) Row("changes", Count(o?.Changes), b?.Changes);
        Row("cost", o is null ? "-" : o.Cost.ToString("#,0.##", Invariant), b?.Cost);
        Row("load", Count(o?.Load), b?.Load);
        table.WriteTo(text);
    }

    /// <summary>Each team: the rotation slots it deploys on, of its slots, and the agencies of its members.</summary>
    private static void WriteTeams(StringBuilder text, DeploymentProblem problem, Roster roster)
    {
        var teams = problem.Operations.SelectMany(o => o.Teams.Select(t => (Operation: o, Team: t))).ToList();
        if (teams.Count == 0) return;
        Section(text, "Teams");
        var agencies = problem.Members.ToDictionary(m => m.Id, m => m.Agency, StringComparer.Ordinal);
        var table = new Table(Align.Left, Align.Left, Align.Right, Align.Left);
        var full = 0;
        foreach (var (operation, team) in teams)
        {
            var lead = operation.Positions.First(p => p.Id == team.Positions[0]);
            var tours = roster.Assignments.Where(a => team.Positions.Contains(a.Position)).ToList();
            var slots = RosterReportBuilder.TeamSlots(problem, lead, tours).ToList();
            var staffed = slots.Count(s => s.Deployed);
            if (staffed == slots.Count) full++;
            var from = tours.Select(a => agencies.GetValueOrDefault(a.Member)).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
            table.Add(team.Id, team.Name, $"{staffed} of {slots.Count} slots",
                from.Count == 0 ? "" : $"{string.Join(", ", from)}{(team.MinAgencies is { } k ? $" ({k} agencies at least)" : "")}");
        }
        text.AppendLine(Invariant, $"  {teams.Count} team(s), {full} deployed on every slot; a team deploys whole or not at all");
        table.WriteTo(text);
    }

    /// <summary>The trainings per session (seats used of seats, cost), when the problem has courses.</summary>
    private static void WriteTraining(StringBuilder text, DeploymentProblem problem, Roster roster)
    {
        if (problem.Policy.Courses.IsEmpty) return;
        Section(text, "Training");
        if (roster.Training.IsEmpty)
        {
            text.AppendLine("  none: every tour's credentials are held");
            return;
        }
        var cost = 0m;
        var table = new Table(Align.Left, Align.Left, Align.Left, Align.Right, Align.Right);
        foreach (var course in problem.Policy.Courses)
        {
            foreach (var session in course.Sessions)
            {
                var trained = roster.Training.Count(t => t.Session == session.Id);
                if (trained == 0) continue;
                cost += trained * course.CostPerSeat;
                table.Add(session.Id, course.Credential, session.Days.ToString(), $"{trained} of {session.Seats} seats",
                    (trained * course.CostPerSeat).ToString("#,0.##", Invariant));
            }
        }
        text.AppendLine(Invariant, $"  {Count(roster.Training.Length)} member(s) trained, cost {cost.ToString("#,0.##", Invariant)}");
        table.WriteTo(text);
    }

    private static void WriteChanges(StringBuilder text, Roster roster, int maxShown)
    {
        if (!roster.TrainingChanges.IsEmpty)
        {
            Section(text, "Training changes from the previous roster");
            text.AppendLine($"  {string.Join(", ", roster.TrainingChanges.GroupBy(c => c.Kind).OrderBy(g => g.Key).Select(g => $"{Count(g.Count())} {Name(g.Key)}"))}");
            foreach (var c in roster.TrainingChanges.Where(c => c.Kind != ChangeKind.Kept).Take(maxShown))
                text.AppendLine($"  {Name(c.Kind)} {c.Member} {c.Credential} in {c.Session} ({c.Start:yyyy-MM-dd}..{c.End:yyyy-MM-dd}): {c.Reason}");
        }
        if (roster.Changes.IsEmpty) return;
        Section(text, "Changes from the previous roster");
        var counts = roster.Changes.GroupBy(c => c.Kind).OrderBy(g => g.Key).Select(g => $"{Count(g.Count())} {Name(g.Key)}");
        text.AppendLine($"  {string.Join(", ", counts)}");
        var changed = roster.Changes.Where(c => c.Kind != ChangeKind.Kept).ToList();
        var table = new Table(Align.Left, Align.Left, Align.Left, Align.Left, Align.Left);
        foreach (var c in changed.Take(maxShown))
            table.Add(Name(c.Kind), c.Member, c.Position, $"{c.Start:yyyy-MM-dd}..{c.End:yyyy-MM-dd}", $"{(c.Forced ? "forced" : "chosen")}: {c.Reason}");
        if (changed.Count > 0) table.WriteTo(text);
        if (changed.Count > maxShown) text.AppendLine($"  ... and {Count(changed.Count - maxShown)} more in the roster's changes");
    }

    private static void WriteFill(StringBuilder text, DeploymentProblem problem, Roster roster)
    {
        var names = problem.Operations.ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);
        Section(text, "Fill rate by operation");
        var byOperation = new Table(Align.Left, Align.Left, Align.Right, Align.Right, Align.Right);
        byOperation.Add("operation", "name", "covered", "required", "fill");
        foreach (var f in roster.OperationFill)
            byOperation.Add(f.Key, names.GetValueOrDefault(f.Key, ""), Count(f.CoveredSeatDays), Count(f.RequiredSeatDays), Percent(f.Rate, "0.0"));
        var total = new FillRate("all", roster.OperationFill.Sum(f => f.CoveredSeatDays), roster.OperationFill.Sum(f => f.RequiredSeatDays));
        byOperation.Add(total.Key, "", Count(total.CoveredSeatDays), Count(total.RequiredSeatDays), Percent(total.Rate, "0.0"));
        byOperation.WriteTo(text);
        text.AppendLine("  (covered and required in seat-days)");

        Section(text, "Fill rate by priority");
        var byPriority = new Table(Align.Left, Align.Right, Align.Right, Align.Right);
        byPriority.Add("priority", "covered", "required", "fill");
        foreach (var f in roster.PriorityFill)
            byPriority.Add(f.Key, Count(f.CoveredSeatDays), Count(f.RequiredSeatDays), Percent(f.Rate, "0.0"));
        byPriority.WriteTo(text);
    }

    private static void WriteSurge(StringBuilder text, Roster roster)
    {
        Section(text, "Surge limits");
        if (roster.SurgeUse.IsEmpty)
        {
            text.AppendLine("  none");
            return;
        }
        var table = new Table(Align.Left, Align.Right, Align.Right, Align.Left, Align.Left);
        table.Add("limit", "peak", "capacity", "peak day", "binding");
        foreach (var u in roster.SurgeUse)
            table.Add(u.Limit, Count(u.Peak), u.Capacity.ToString("#,0.##", Invariant),
                u.PeakDay?.ToString("yyyy-MM-dd", Invariant) ?? "-", u.Binding ? "binding" : "");
        table.WriteTo(text);
        text.AppendLine(Invariant, $"  {roster.SurgeUse.Count(u => u.Binding)} of {roster.SurgeUse.Length} limits binding");
    }

    private static void WriteUnfilled(StringBuilder text, DeploymentProblem problem, Roster roster, int maxUnfilled)
    {
        var titles = problem.Operations.SelectMany(o => o.Positions).ToDictionary(p => p.Id, p => p.Title, StringComparer.Ordinal);
        var shown = roster.Unfilled
            .OrderBy(u => u.Priority)
            .ThenByDescending(u => u.UncoveredSeatDays)
            .ThenBy(u => u.Position, StringComparer.Ordinal)
            .Take(maxUnfilled)
            .ToArray();
        Section(text, roster.Unfilled.IsEmpty
            ? "Unfilled positions"
            : string.Create(Invariant, $"Unfilled positions ({shown.Length} of {roster.Unfilled.Length}, by priority then uncovered seat-days)"));
        if (roster.Unfilled.IsEmpty)
        {
            text.AppendLine("  none: every seat is covered on every day");
            return;
        }
        var table = new Table(Align.Left, Align.Left, Align.Left, Align.Right, Align.Left, Align.Left);
        table.Add("position", "operation", "priority", "uncovered", "title", "reason");
        foreach (var u in shown)
            table.Add(u.Position, u.Operation, Name(u.Priority), Count(u.UncoveredSeatDays), titles.GetValueOrDefault(u.Position, ""), u.Reason);
        table.WriteTo(text);
        if (roster.Unfilled.Length > shown.Length)
            text.AppendLine(Invariant, $"  ... and {roster.Unfilled.Length - shown.Length} more");
    }

    private static void WriteReasons(StringBuilder text, Roster roster)
    {
        if (roster.Reasons.IsEmpty) return;
        Section(text, "Reasons");
        foreach (var reason in roster.Reasons) text.AppendLine($"  - {reason}");
    }

    private static void WriteStages(StringBuilder text, Roster roster)
    {
        var s = roster.Statistics;
        Section(text, "Stage timings");
        var table = new Table(Align.Left, Align.Left, Align.Right, Align.Right, Align.Right, Align.Right);
        table.Add("stage", "status", "value", "bound", "nodes", "ms");
        table.Add("eligibility", "", "", "", "", Count(s.EligibilityMillis));
        table.Add("model", "", "", "", "", Count(s.ModelMillis));
        foreach (var stage in s.Stages)
            table.Add(stage.Level, Name(stage.Status), Number(stage.Value), Number(stage.Bound), Count(stage.Nodes), Count(stage.Millis));
        table.Add("verification", "", "", "", "", Count(s.VerifyMillis));
        table.Add("total", Name(roster.Status), "", "", "", Count(roster.SolveMillis));
        table.WriteTo(text);
    }

    internal static void Section(StringBuilder text, string title)
    {
        if (text.Length > 0) text.AppendLine();
        text.AppendLine(title);
        text.AppendLine(new string('-', title.Length));
    }

    /// <summary>The exchange-format name of an enum value: <c>timeLimit</c>, <c>critical</c>.</summary>
    internal static string Name<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    internal static string Count(long? n) => n?.ToString("#,0", Invariant) ?? "-";

    // A stage stopped without a solution has no value (NaN) and may have no finite bound: shown as "-", like a level not reached.
    private static string Number(double? x) => x is { } v && double.IsFinite(v) ? v.ToString("#,0.##", Invariant) : "-";

    private static string Percent(double rate, string format) => (100 * rate).ToString(format, Invariant) + "%";
}
