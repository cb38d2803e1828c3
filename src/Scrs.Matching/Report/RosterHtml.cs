using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text;
using Scrs.Matching.Domain;
using Scrs.Matching.Eligibility;
using Scrs.Matching.Input;
using Scrs.Matching.Verification;

namespace Scrs.Matching.Report;

/// <summary>
/// A roster as one self-contained HTML page (docs/report.md): a Gantt chart per operation (a bar per tour, coloured by
/// component, on a faint track per seat so that empty seat-days show), the fill by operation and by priority, each surge
/// limit's daily use against its capacity, the unfilled positions with their reasons, and the objective with its bound
/// and gap. Inline SVG and CSS only: no script, no font or image from the network.
/// </summary>
/// <remarks>
/// The rules are checked again (<see cref="RosterValidator"/>) and any violation is listed at the top, above a roster that
/// is still drawn: a planner looking at a broken roster wants to see where it breaks. The roster's objective is compared
/// with the one its assignments give (<see cref="RosterEvaluator"/>), so that a roster edited after its solve, whose
/// report sections describe other tours, says so. Within an operation the positions are grouped by priority, each group
/// a <c>&lt;details&gt;</c> element (critical and high open, normal and low collapsed), so the 300 positions of the demo
/// corps stay readable.
/// </remarks>
public static class RosterHtml
{
    private const int Width = 1040, LabelWidth = 290, PlotRight = 12, AxisHeight = 22, LaneHeight = 14, RowPadding = 6;
    private const int SurgeHeight = 140, SurgeLeft = 56, SurgeTop = 10, SurgeBottom = 30;
    private const double CharWidth = 5.6, LabelCharWidth = 6.2;

    private static readonly Dictionary<Priority, string> PriorityColours = new()
    {
        [Priority.Critical] = "#c0392b",
        [Priority.High] = "#e67e22",
        [Priority.Normal] = "#2e86c1",
        [Priority.Low] = "#7f8c8d",
    };

    private static readonly Dictionary<Component, string> ComponentColours = new()
    {
        [Component.Active] = "#117a65",
        [Component.Standby] = "#7d3c98",
        [Component.Reserve] = "#b7950b",
        [Component.Contractor] = "#a04000",
    };

    /// <summary>The page for <paramref name="roster"/> of <paramref name="problem"/>.</summary>
    /// <param name="problem">The problem the roster is for: positions, windows, members and surge limits.</param>
    /// <param name="roster">The roster, with its report sections (from <c>RosterPlanner.Plan</c> or <see cref="RosterJson.Read(string)"/>).</param>
    /// <param name="previous">The roster it was re-planned from, or <see langword="null"/>: its tours under way are exempt from the lead time when the rules are checked.</param>
    /// <returns>The HTML document; the same inputs always give the same text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="problem"/> or <paramref name="roster"/> is <see langword="null"/>.</exception>
    public static string Write(DeploymentProblem problem, Roster roster, IReadOnlyList<Assignment>? previous = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(roster);
        var page = new Page(problem, roster);
        var html = page.Html;
        html.Append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Roster</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 24px; color: #222; max-width: 1060px; }
            h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 30px; } h3 { font-size: 15px; margin: 18px 0 6px; }
            table { border-collapse: collapse; font-size: 13px; } td, th { padding: 3px 10px; text-align: right; border-bottom: 1px solid #ddd; vertical-align: top; }
            th { background: #f4f4f4; } td.name, th.name { text-align: left; } td.keep { white-space: nowrap; }
            .bar { display: inline-block; height: 10px; vertical-align: middle; }
            .key { display: inline-block; width: 14px; height: 10px; margin: 0 4px 0 14px; vertical-align: middle; }
            .alert { border: 2px solid #c0392b; background: #fdedec; padding: 8px 14px; margin: 12px 0; }
            .alert h2 { margin-top: 4px; color: #c0392b; }
            .note { color: #555; font-size: 13px; }
            details { margin: 4px 0 10px; } summary { cursor: pointer; font-size: 14px; padding: 3px 0; }
            summary .tag { display: inline-block; width: 10px; height: 10px; margin-right: 6px; }
            svg text { font-family: system-ui, sans-serif; }
            </style></head><body>
            """);
        page.Add($"<h1>Roster: {Name(roster.Status)}, {roster.Assignments.Length} tours of {roster.Assignments.Select(a => a.Member).Distinct().Count()} members</h1>");
        page.Violations(RosterValidator.Validate(problem, roster.Assignments, previous, roster.Training));
        page.Consistency(RosterEvaluator.Evaluate(problem, roster.Assignments, null, roster.Training));
        page.Objective();
        page.Fill();
        page.Gantt();
        page.Training();
        page.Surge();
        page.Unfilled();
        html.Append("</body></html>\n");
        return html.ToString();
    }

    /// <summary>The page under construction, with what every section needs of the problem.</summary>
    private sealed class Page
    {
        private readonly DeploymentProblem _problem;
        private readonly Roster _roster;
        private readonly PlanningIndex _index;
        private readonly int _from, _to;

        public Page(DeploymentProblem problem, Roster roster)
        {
            _problem = problem;
            _roster = roster;
            _index = new PlanningIndex(problem);
            var windows = _index.Positions.Select(p => p.Window).ToList();
            // The horizon shared by every chart, so that the operations' charts line up day for day.
            _from = windows.Count == 0 ? problem.PlanningDate.DayNumber : windows.Min(w => w.Start.DayNumber);
            // Trainings come before the tours that need them, often before the operations start.
            if (!roster.Training.IsEmpty) _from = Math.Min(_from, roster.Training.Min(t => t.Start.DayNumber));
            _to = Math.Max(_from + 1, windows.Count == 0 ? _from + 30 : windows.Max(w => w.End.DayNumber));
        }

        public StringBuilder Html { get; } = new();

        public void Add(FormattableString text) => Html.Append(text.ToString(CultureInfo.InvariantCulture));

        public void Violations(ImmutableArray<RuleViolation> violations)
        {
            if (violations.IsEmpty) return;
            Add($"<div class=\"alert\" id=\"violations\"><h2>This roster breaks {violations.Length} rule(s) of the problem</h2>");
            Html.Append("<p>It is drawn as it is, but it cannot be deployed: each violation below must be resolved first (validate lists the same).</p><ul>");
            foreach (var v in violations) Add($"<li>{Encode(v.ToString())}</li>");
            Html.Append("</ul></div>");
        }

        public void Consistency(ObjectiveValues fromTours)
        {
            if (_roster.Objective is not { } written || written with { Changes = null } == fromTours) return;
            Add($"<div class=\"alert\" id=\"stale\"><h2>The report sections do not match the tours</h2><p>The roster's objective says {Coverage(written)}, its assignments give {Coverage(fromTours)}: ");
            Html.Append("the roster was edited after its solve, so the unfilled positions, fills, surge peaks, bound and gap below describe other tours. Solve again for a true report.</p></div>");
        }

        public void Objective()
        {
            Html.Append("<h2>Objective, bound and gap</h2><table><tr><th class=\"name\">level</th><th>value</th><th>proven bound</th></tr>");
            var o = _roster.Objective;
            var b = _roster.Bound;
            void Level(string name, string? value, double? bound) =>
                Add($"<tr><td class=\"name\">{name}</td><td>{value ?? "&ndash;"}</td><td>{(bound is { } x && double.IsFinite(x) ? x.ToString("#,0.##", CultureInfo.InvariantCulture) : "&ndash;")}</td></tr>");
            string? Days(long? days) => days?.ToString("#,0", CultureInfo.InvariantCulture);
            Level("critical seat-days", Days(o?.Critical), b.Critical);
            Level("high seat-days", Days(o?.High), b.High);
            Level("normal seat-days", Days(o?.Normal), b.Normal);
            Level("low seat-days", Days(o?.Low), b.Low);
            // Only a re-plan has a changes level: person-days of the previous roster not kept.
            if (o?.Changes is not null || b.Changes is not null) Level("changes (person-days not kept)", Days(o?.Changes), b.Changes);
            Level("cost", o?.Cost.ToString("#,0.##", CultureInfo.InvariantCulture), b.Cost);
            Level("load", Days(o?.Load), b.Load);
            Html.Append("</table>");
            var gap = _roster.Gap is { } g ? string.Create(CultureInfo.InvariantCulture, $"{g:P2}") : "not known";
            Add($"<p>Status <b>{Name(_roster.Status)}</b>; relative gap of the first level not proven optimal: <b>{gap}</b>; solved in {_roster.SolveMillis / 1000.0:F1} s.</p>");
            if (!_roster.Reasons.IsEmpty)
            {
                Html.Append("<ul>");
                foreach (var reason in _roster.Reasons) Add($"<li>{Encode(reason)}</li>");
                Html.Append("</ul>");
            }
        }

        public void Fill()
        {
            Html.Append("<h2>Fill: seat-days covered of those required</h2><table><tr><th class=\"name\">operation</th><th class=\"name\"></th><th>covered</th><th>required</th><th>rate</th></tr>");
            foreach (var fill in _roster.OperationFill)
            {
                var name = _problem.Operations.FirstOrDefault(o => o.Id == fill.Key)?.Name is { } n && n != fill.Key ? $"{fill.Key} {n}" : fill.Key;
                FillRow(Encode(name), fill, "#34495e");
            }
            Html.Append("<tr><th class=\"name\">priority</th><th class=\"name\"></th><th></th><th></th><th></th></tr>");
            foreach (var fill in _roster.PriorityFill.Where(f => f.RequiredSeatDays > 0))
                FillRow(Encode(fill.Key), fill, JsonNames.Priorities.TryParse(fill.Key, out var p) ? PriorityColours[p] : "#34495e");
            Html.Append("</table>");
        }

        private void FillRow(string name, FillRate fill, string colour) =>
            Add($"<tr><td class=\"name\">{name}</td><td class=\"name\"><span class=\"bar fill\" style=\"width:{Math.Round(fill.Rate * 300)}px;background:{colour}\"></span><span class=\"bar\" style=\"width:{300 - Math.Round(fill.Rate * 300)}px;background:#eee\"></span></td><td>{fill.CoveredSeatDays:#,0}</td><td>{fill.RequiredSeatDays:#,0}</td><td>{fill.Rate:P1}</td></tr>");

        public void Gantt()
        {
            Html.Append("<h2>Tours by operation and position</h2><p class=\"note\">One bar per tour, labelled with the member and coloured by component:");
            foreach (var (component, colour) in ComponentColours) Add($"<span class=\"key\" style=\"background:{colour}\"></span>{JsonNames.Components.Name(component)}");
            Html.Append("<span class=\"key\" style=\"background:#eee;border:1px dashed #bbb\"></span>a seat with nobody on it. The tag left of a position is its priority; hover a bar for its dates.</p>");
            var unfilled = _roster.Unfilled.ToDictionary(u => u.Position, StringComparer.Ordinal);
            var tours = _roster.Assignments.ToLookup(a => a.Position, StringComparer.Ordinal);
            foreach (var operation in _problem.Operations)
            {
                var fill = _roster.OperationFill.FirstOrDefault(f => f.Key == operation.Id);
                Add($"<h3>{Encode(operation.Name)} ({Encode(operation.Id)}): {operation.Positions.Length} positions{(fill is null ? "" : string.Create(CultureInfo.InvariantCulture, $", {fill.Rate:P1} of seat-days filled"))}</h3>");
                // Each team as a group of its own, open: its positions deploy together, and an empty slot is the team's.
                var inTeam = operation.Teams.SelectMany(t => t.Positions).ToHashSet(StringComparer.Ordinal);
                foreach (var team in operation.Teams)
                {
                    var positions = team.Positions.Select(id => operation.Positions.First(p => p.Id == id)).ToList();
                    var least = team.MinAgencies is { } k ? $", members of {k} agenc{(k == 1 ? "y" : "ies")} at least" : "";
                    var name = team.Name == team.Id ? "" : " " + team.Name;
                    Add($"<details open data-team=\"{Encode(team.Id)}\"><summary><b>team {Encode(team.Id)}</b>{Encode(name)}: {positions.Count} positions deploying together{least}</summary>");
                    Chart(positions, tours, unfilled, team);
                    Html.Append("</details>");
                }
                foreach (var group in operation.Positions.Where(p => !inTeam.Contains(p.Id)).GroupBy(p => p.Priority).OrderBy(g => g.Key))
                {
                    var positions = group.OrderBy(p => p.Window.Start).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
                    var empty = positions.Count(p => unfilled.ContainsKey(p.Id));
                    // Critical and high open: what a planner checks first; the rest collapsed, one click away.
                    var open = group.Key is Priority.Critical or Priority.High ? " open" : "";
                    Add($"<details{open} data-priority=\"{Name(group.Key)}\"><summary><span class=\"tag\" style=\"background:{PriorityColours[group.Key]}\"></span><b>{Name(group.Key)}</b>: {positions.Count} position(s), {empty} with empty seats</summary>");
                    Chart(positions, tours, unfilled);
                    Html.Append("</details>");
                }
            }
        }

        /// <summary>
        /// One chart: a row per position, a lane per seat (more if the roster overfills it), a bar per tour. A team's chart
        /// is framed, and each slot where nobody of the team serves is one band across all its positions.
        /// </summary>
        private void Chart(List<Position> positions, ILookup<string, Assignment> tours, Dictionary<string, UnfilledPosition> unfilled, Team? team = null)
        {
            var rows = positions.Select(p => (Position: p, Lanes: Lanes(tours[p.Id]))).ToList();
            var height = AxisHeight + rows.Sum(r => Math.Max(r.Position.Headcount, r.Lanes.Count) * LaneHeight + RowPadding) + 4;
            Add($"<svg class=\"gantt\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"tours\">");
            MonthAxis(LabelWidth, Width - PlotRight, AxisHeight - 6, AxisHeight, height);
            var y = AxisHeight;
            var shade = false;
            foreach (var (position, lanes) in rows)
            {
                var seats = Math.Max(position.Headcount, lanes.Count);
                var rowHeight = seats * LaneHeight + RowPadding;
                if (shade) Add($"<rect x=\"0\" y=\"{y}\" width=\"{Width}\" height=\"{rowHeight}\" fill=\"#f7f9fb\"/>");
                shade = !shade;
                Add($"<rect class=\"priority\" x=\"0\" y=\"{y + 2}\" width=\"5\" height=\"{rowHeight - 4}\" fill=\"{PriorityColours[position.Priority]}\"/>");
                var label = position.Title.Length == 0 || position.Title == position.Id ? position.Id : $"{position.Id} {position.Title}";
                var seatsNote = position.Headcount > 1 ? string.Create(CultureInfo.InvariantCulture, $" \u00d7{position.Headcount}") : "";
                var labelColour = unfilled.ContainsKey(position.Id) ? "#c0392b" : "#222";
                Add($"<text x=\"10\" y=\"{y + 3 + LaneHeight / 2 + 4}\" font-size=\"11\" fill=\"{labelColour}\"><title>{Encode(label)}{seatsNote}, {position.Window}</title>{Encode(Fit(label, (LabelWidth - 14) / LabelCharWidth - seatsNote.Length))}{seatsNote}</text>");
                for (var seat = 0; seat < seats; seat++)
                {
                    var laneY = y + 3 + seat * LaneHeight;
                    var (x1, x2) = (X(position.Window.Start.DayNumber), X(position.Window.End.DayNumber + 1));
                    // An extra lane (more tours at once than seats) has no track: the validator lists it as a violation.
                    if (seat < position.Headcount)
                        Add($"<rect class=\"seat\" x=\"{x1:F1}\" y=\"{laneY + 1}\" width=\"{x2 - x1:F1}\" height=\"{LaneHeight - 2}\" fill=\"#eee\" stroke=\"#c8c8c8\" stroke-dasharray=\"3 2\" stroke-width=\"0.6\"/>");
                    if (seat < lanes.Count)
                    {
                        foreach (var a in lanes[seat]) Tour(a, laneY);
                    }
                }
                y += rowHeight;
            }
            if (team is not null) TeamFrame(team, positions, tours, AxisHeight, y);
            Html.Append("</svg>");
        }

        /// <summary>The frame of a team's rows (from <paramref name="top"/> to <paramref name="bottom"/>) and a band over each of its empty slots.</summary>
        private void TeamFrame(Team team, List<Position> positions, ILookup<string, Assignment> tours, int top, int bottom)
        {
            var lead = positions[0];
            // The unfilled reasons explain a position's first gap, naming its slot: a band shows the reason of its own slot.
            var reasons = _roster.Unfilled.Where(u => positions.Any(p => p.Id == u.Position)).Select(u => u.Reason).ToList();
            foreach (var (slot, deployed) in RosterReportBuilder.TeamSlots(_problem, lead, [.. positions.SelectMany(p => tours[p.Id])]))
            {
                if (deployed) continue;
                var (x1, x2) = (X(slot.Start), X(slot.End + 1));
                var named = $"team {team.Id}, slot {PlanningIndex.Day(slot.Start):yyyy-MM-dd}..{PlanningIndex.Day(slot.End):yyyy-MM-dd}";
                var title = reasons.FirstOrDefault(r => r.StartsWith(named + ":", StringComparison.Ordinal)) ?? named + ": empty";
                Add($"<rect class=\"team-empty\" x=\"{x1:F1}\" y=\"{top + 2}\" width=\"{x2 - x1:F1}\" height=\"{bottom - top - 4}\" fill=\"#c0392b\" fill-opacity=\"0.12\" stroke=\"#c0392b\" stroke-opacity=\"0.5\" stroke-dasharray=\"4 2\"><title>{Encode(title)}</title></rect>");
            }
            Add($"<rect class=\"team\" x=\"1\" y=\"{top}\" width=\"{Width - 2}\" height=\"{bottom - top}\" fill=\"none\" stroke=\"#34495e\" stroke-width=\"1.5\" rx=\"3\"/>");
        }

        private void Tour(Assignment a, int laneY)
        {
            var member = _index.MemberIndex.TryGetValue(a.Member, out var m) ? _index.Members[m] : null;
            var name = member is null || member.Name.Length == 0 ? a.Member : member.Name;
            var colour = member is null ? "#555" : ComponentColours[member.Component];
            var (x1, x2) = (X(a.Start.DayNumber), X(a.End.DayNumber + 1));
            var component = member is null ? "unknown member" : JsonNames.Components.Name(member.Component);
            Add($"<rect class=\"tour\" x=\"{x1:F1}\" y=\"{laneY + 1}\" width=\"{Math.Max(1, x2 - x1):F1}\" height=\"{LaneHeight - 2}\" rx=\"2\" fill=\"{colour}\"><title>{Encode(name)} ({Encode(a.Member)}, {component}): {a.Days}, {a.Days.Days} days</title></rect>");
            var fits = (int)((x2 - x1 - 4) / CharWidth);
            if (fits >= 3) Add($"<text x=\"{x1 + 2:F1}\" y=\"{laneY + LaneHeight - 3}\" font-size=\"9.5\" fill=\"#fff\" pointer-events=\"none\">{Encode(Fit(name, fits))}</text>");
        }

        /// <summary>A line per member trained: the trainings as gold bars of their own, the member's tours beside them.</summary>
        public void Training()
        {
            if (_roster.Training.IsEmpty) return;
            var members = _roster.Training.GroupBy(t => t.Member, StringComparer.Ordinal).OrderBy(g => g.Min(t => t.Start)).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
            var tours = _roster.Assignments.ToLookup(a => a.Member, StringComparer.Ordinal);
            Add($"<h2>Training: {members.Count} member(s) trained in {_roster.Training.Select(t => t.Session).Distinct().Count()} session(s)</h2>");
            Html.Append("<p class=\"note\">One line per member trained: each training as a <span class=\"key\" style=\"background:#d4a017\"></span>gold bar on the session's days, then the member's tours, coloured by component. Hover a bar for the credential and how long it is valid.</p>");
            var height = AxisHeight + members.Count * (LaneHeight + RowPadding) + 4;
            Add($"<details open data-training=\"true\"><summary><b>training</b>: {_roster.Training.Length} seat(s)</summary>");
            Add($"<svg class=\"gantt\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"training\">");
            MonthAxis(LabelWidth, Width - PlotRight, AxisHeight - 6, AxisHeight, height);
            var y = AxisHeight;
            foreach (var member in members)
            {
                var known = _index.MemberIndex.TryGetValue(member.Key, out var m) ? _index.Members[m] : null;
                var label = known is null || known.Name.Length == 0 ? member.Key : $"{member.Key} {known.Name}";
                Add($"<text x=\"10\" y=\"{y + 3 + LaneHeight / 2 + 4}\" font-size=\"11\" fill=\"#222\">{Encode(Fit(label, (LabelWidth - 14) / LabelCharWidth))}</text>");
                foreach (var a in tours[member.Key]) Tour(a, y + 3);
                foreach (var t in member)
                {
                    var valid = Verification.TrainingRules.Session(_problem, t.Session) is var (course, _) ? $"; valid through {t.End.AddDays(course.ValidDays):yyyy-MM-dd}" : "";
                    var (x1, x2) = (X(t.Start.DayNumber), X(t.End.DayNumber + 1));
                    Add($"<rect class=\"training\" x=\"{x1:F1}\" y=\"{y + 4}\" width=\"{Math.Max(3, x2 - x1):F1}\" height=\"{LaneHeight - 2}\" rx=\"2\" fill=\"#d4a017\" stroke=\"#8a6d0b\" stroke-width=\"0.8\"><title>{Encode(label)}: {Encode(t.Credential)} in session {Encode(t.Session)}, {t.Days}{valid}</title></rect>");
                }
                y += LaneHeight + RowPadding;
            }
            Html.Append("</svg></details>");
        }

        /// <summary>The tours of one position packed into lanes: each into the first lane free by its start.</summary>
        private static List<List<Assignment>> Lanes(IEnumerable<Assignment> tours)
        {
            var lanes = new List<List<Assignment>>();
            foreach (var a in tours.OrderBy(t => t.Start).ThenBy(t => t.End).ThenBy(t => t.Member, StringComparer.Ordinal))
            {
                var lane = lanes.Find(l => l[^1].End < a.Start);
                if (lane is null) lanes.Add([a]);
                else lane.Add(a);
            }
            return lanes;
        }

        /// <summary>A tick and a faint line at the first of each month from <paramref name="top"/> to <paramref name="bottom"/>; labels thinned to stay apart.</summary>
        private void MonthAxis(double left, double right, int labelY, int top, int bottom)
        {
            var first = DateOnly.FromDayNumber(_from);
            var month = new DateOnly(first.Year, first.Month, 1);
            if (month.DayNumber < _from) month = month.AddMonths(1);
            var perMonth = (right - left) * 30.4 / (_to - _from + 1);
            var every = Math.Max(1, (int)Math.Ceiling(52 / perMonth));
            for (var k = 0; month.DayNumber <= _to + 1; month = month.AddMonths(1), k++)
            {
                var x = Scale(month.DayNumber, left, right);
                Add($"<line x1=\"{x:F1}\" x2=\"{x:F1}\" y1=\"{top}\" y2=\"{bottom}\" stroke=\"#dde\" stroke-width=\"0.7\"/>");
                if (k % every != 0) continue;
                var text = month.Month == 1 || k == 0 ? month.ToString("MMM yyyy", CultureInfo.InvariantCulture) : month.ToString("MMM", CultureInfo.InvariantCulture);
                Add($"<text x=\"{x + 2:F1}\" y=\"{labelY}\" font-size=\"10\" fill=\"#555\">{text}</text>");
            }
        }

        private double X(int day) => Scale(day, LabelWidth, Width - PlotRight);

        private double Scale(int day, double left, double right) => left + (day - _from) * (right - left) / (_to + 1 - _from);

        public void Surge()
        {
            var scopes = SurgeScope.Resolve(_index);
            if (scopes.Length == 0) return;
            Html.Append("<h2>Surge limits: members deployed in scope per day, against the capacity</h2>");
            Html.Append("<p class=\"note\"><span class=\"key\" style=\"background:#2c3e50\"></span>deployed in the limit's scope<span class=\"key\" style=\"background:#c0392b\"></span>capacity (for a share of an operation, that share of the members on it that day)</p>");
            for (var k = 0; k < scopes.Length; k++)
            {
                var use = _roster.SurgeUse.FirstOrDefault(u => u.Index == k);
                var peak = use is null ? "" : string.Create(CultureInfo.InvariantCulture,
                    $": peak {use.Peak}{(use.PeakDay is { } d ? $" on {d:yyyy-MM-dd}" : "")}, capacity then {use.Capacity:0.##}{(use.Binding ? ", binding" : "")}");
                Add($"<h3>{Encode(scopes[k].Limit.Describe())}{peak}</h3>");
                SurgeChart(scopes[k], k);
            }
        }

        /// <summary>The daily count of one limit and its capacity: the validator's rule, day by day over the horizon.</summary>
        private void SurgeChart(SurgeScope scope, int k)
        {
            var days = _to - _from + 1;
            var counted = new int[days + 1];
            var onOperation = new int[days + 1];
            foreach (var a in _roster.Assignments)
            {
                if (!_index.PositionIndex.TryGetValue(a.Position, out var p) || !_index.MemberIndex.TryGetValue(a.Member, out var m)) continue;
                var operation = _index.PositionOperation[p];
                if (scope.Operation >= 0 && operation != scope.Operation) continue;
                var (start, end) = (Math.Clamp(a.Start.DayNumber - _from, 0, days), Math.Clamp(a.End.DayNumber + 1 - _from, 0, days));
                onOperation[start]++;
                onOperation[end]--;
                if (!scope.InScope[m]) continue;
                counted[start]++;
                counted[end]--;
            }
            var use = new int[days];
            var capacity = new double[days];
            int running = 0, total = 0;
            for (var d = 0; d < days; d++)
            {
                use[d] = running += counted[d];
                total += onOperation[d];
                capacity[d] = scope.Cap ?? scope.OperationShare!.Value * total;
            }
            var highest = Math.Max(1, Math.Max(use.Max(), capacity.Max()));
            var top = highest * 1.1;
            double Y(double v) => SurgeTop + (1 - v / top) * (SurgeHeight - SurgeTop - SurgeBottom);
            Add($"<svg class=\"surge\" data-limit=\"{k}\" width=\"{Width}\" height=\"{SurgeHeight}\" viewBox=\"0 0 {Width} {SurgeHeight}\" role=\"img\" aria-label=\"surge limit use\">");
            var right = Width - PlotRight;
            Add($"<rect x=\"{SurgeLeft}\" y=\"{SurgeTop}\" width=\"{right - SurgeLeft}\" height=\"{SurgeHeight - SurgeTop - SurgeBottom}\" fill=\"#fafafa\" stroke=\"#ccc\"/>");
            MonthAxis(SurgeLeft, right, SurgeHeight - SurgeBottom + 16, SurgeTop, SurgeHeight - SurgeBottom);
            // Members are whole: whole-number ticks only.
            foreach (var tick in new[] { 0, Math.Floor(highest / 2), Math.Floor(highest) }.Distinct())
                Add($"<text x=\"{SurgeLeft - 6}\" y=\"{Y(tick) + 4:F1}\" font-size=\"10\" text-anchor=\"end\">{tick:0}</text>");
            // The capacity over the use: where the limit binds the two meet, and the dashes stay visible on the line.
            Add($"<polyline class=\"use\" points=\"{Steps(use.Select(u => (double)u).ToArray(), SurgeLeft, right, Y)}\" fill=\"none\" stroke=\"#2c3e50\" stroke-width=\"2\"/>");
            Add($"<polyline class=\"capacity\" points=\"{Steps(capacity, SurgeLeft, right, Y)}\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>");
            Html.Append("</svg>");
        }

        /// <summary>A step line through the daily <paramref name="values"/>: a point only where the value changes.</summary>
        private string Steps(double[] values, double left, double right, Func<double, double> y)
        {
            var points = new List<string>();
            void Point(int d, double v) => points.Add(string.Create(CultureInfo.InvariantCulture, $"{Scale(_from + d, left, right):F1},{y(v):F1}"));
            Point(0, values[0]);
            for (var d = 1; d < values.Length; d++)
            {
                if (values[d] == values[d - 1]) continue;
                Point(d, values[d - 1]);
                Point(d, values[d]);
            }
            Point(values.Length, values[^1]);
            return string.Join(' ', points);
        }

        public void Unfilled()
        {
            var unfilled = _roster.Unfilled.OrderBy(u => u.Priority).ThenByDescending(u => u.UncoveredSeatDays).ThenBy(u => u.Position, StringComparer.Ordinal).ToList();
            Add($"<h2>Unfilled positions: {unfilled.Count}, {unfilled.Sum(u => u.UncoveredSeatDays):#,0} empty seat-days</h2>");
            if (unfilled.Count == 0) return;
            Html.Append("<table><tr><th class=\"name\">priority</th><th class=\"name\">operation</th><th class=\"name\">position</th><th>empty seat-days</th><th class=\"name\">empty on</th><th class=\"name\">why</th></tr>");
            var titles = _index.Positions.ToDictionary(p => p.Id, p => p.Title, StringComparer.Ordinal);
            foreach (var u in unfilled)
            {
                var title = titles.GetValueOrDefault(u.Position) is { Length: > 0 } t && t != u.Position ? $"{u.Position} {t}" : u.Position;
                var gaps = string.Join("<br>", u.Gaps.Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Days} ({g.EmptySeats} seat{(g.EmptySeats == 1 ? "" : "s")})")));
                Add($"<tr><td class=\"name keep\"><span class=\"key\" style=\"margin-left:0;background:{PriorityColours[u.Priority]}\"></span>{Name(u.Priority)}</td><td class=\"name\">{Encode(u.Operation)}</td>");
                Add($"<td class=\"name\">{Encode(title)}</td><td>{u.UncoveredSeatDays:#,0}</td><td class=\"name keep\">{gaps}</td><td class=\"name\">{Encode(u.Reason)}</td></tr>");
            }
            Html.Append("</table>");
        }
    }

    private static string Coverage(ObjectiveValues o) =>
        string.Create(CultureInfo.InvariantCulture, $"{o.Critical:#,0} critical, {o.High:#,0} high, {o.Normal:#,0} normal, {o.Low:#,0} low seat-days, cost {o.Cost:#,0.##}");

    /// <summary><paramref name="text"/> cut to <paramref name="chars"/> characters, an ellipsis marking the cut.</summary>
    private static string Fit(string text, double chars) =>
        text.Length <= chars ? text : chars < 2 ? "" : string.Concat(text.AsSpan(0, (int)chars - 1), "\u2026");

    private static string Name(Priority priority) => JsonNames.Priorities.Name(priority);

    private static string Name(RosterStatus status) => JsonNames.Statuses.Name(status);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
