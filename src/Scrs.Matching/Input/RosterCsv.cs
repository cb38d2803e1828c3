using Scrs.Matching.Domain;
using Scrs.Matching.Report;

namespace Scrs.Matching.Input;

/// <summary>Writes a <see cref="Roster"/>'s tours and unfilled positions as spreadsheets (<c>docs/csv-format.md</c>).</summary>
/// <remarks>
/// The ids are those of <c>docs/roster-format.md</c>; the problem adds what a planner reads a sheet by: names, titles,
/// components, agencies and priorities. Written with CsvHelper (RFC 4180 quoting); the same roster always gives the same text.
/// </remarks>
public static class RosterCsv
{
    private static readonly string[] AssignmentColumns =
        ["member", "memberName", "component", "agency", "operation", "operationName", "position", "positionTitle", "priority", "start", "end", "days"];

    private static readonly string[] UnfilledColumns =
        ["operation", "operationName", "position", "positionTitle", "priority", "uncoveredSeatDays", "gaps", "reason"];

    /// <summary>The tours of <paramref name="roster"/>, one row each, in the roster's order.</summary>
    /// <param name="problem">The problem the roster was planned for, for names and titles.</param>
    /// <param name="roster">The roster.</param>
    /// <returns>The CSV text, header first.</returns>
    /// <remarks>A tour whose member or position the problem lacks keeps its ids, with the cells taken from the problem empty.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="problem"/> or <paramref name="roster"/> is <see langword="null"/>.</exception>
    public static string WriteAssignments(DeploymentProblem problem, Roster roster)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(roster);
        var members = problem.Members.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var names = Names.Of(problem);
        return CsvTable.Write(AssignmentColumns, roster.Assignments.Select(a =>
        {
            var member = members.GetValueOrDefault(a.Member);
            var position = names.Positions.GetValueOrDefault(a.Position);
            return new[]
            {
                a.Member, member?.Name ?? "", member is null ? "" : JsonNames.Components.Name(member.Component), member?.Agency ?? "",
                a.Operation, names.Operations.GetValueOrDefault(a.Operation) ?? "", a.Position, position?.Title ?? "",
                position is null ? "" : JsonNames.Priorities.Name(position.Priority), CsvCells.Day(a.Start), CsvCells.Day(a.End),
                CsvCells.Number<int>(a.Days.Days),
            };
        }));
    }

    /// <summary>The positions <paramref name="roster"/> leaves a seat of empty, one row each, with the gaps and the reason.</summary>
    /// <param name="problem">The problem the roster was planned for, for names and titles.</param>
    /// <param name="roster">The roster.</param>
    /// <returns>The CSV text, header first; gaps are written <c>2027-03-01..2027-03-20:1;...</c> (the days, then the empty seats).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="problem"/> or <paramref name="roster"/> is <see langword="null"/>.</exception>
    public static string WriteUnfilled(DeploymentProblem problem, Roster roster)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(roster);
        var names = Names.Of(problem);
        return CsvTable.Write(UnfilledColumns, roster.Unfilled.Select(u => new[]
        {
            u.Operation, names.Operations.GetValueOrDefault(u.Operation) ?? "", u.Position, names.Positions.GetValueOrDefault(u.Position)?.Title ?? "",
            JsonNames.Priorities.Name(u.Priority), CsvCells.Number<long>(u.UncoveredSeatDays),
            string.Join(CsvRecord.ListSeparator, u.Gaps.Select(g => CsvCells.Range(g.Days) + CsvRecord.LevelSeparator + CsvCells.Number<int>(g.EmptySeats))),
            u.Reason,
        }));
    }

    /// <summary>The operations' names and the positions of a problem, by id.</summary>
    private sealed record Names(Dictionary<string, string> Operations, Dictionary<string, Position> Positions)
    {
        public static Names Of(DeploymentProblem problem) => new(
            problem.Operations.ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal),
            problem.Operations.SelectMany(o => o.Positions).ToDictionary(p => p.Id, StringComparer.Ordinal));
    }
}
