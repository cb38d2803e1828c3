using System.Collections.Immutable;
using System.Globalization;
using Scrs.Matching.Domain;
using Scrs.Matching.Report;

namespace Scrs.Matching.Tests.Report;

public class RosterSummaryTests
{
    private static readonly DateOnly Day0 = new(2027, 1, 4);

    private static Position Seat(string id, string title, Priority priority) =>
        new(id, title, ImmutableDictionary<string, int>.Empty.Add("governance", 3), [], Clearance.Secret, 1,
            new DateRange(Day0.AddDays(21), Day0.AddDays(380)), null, priority, []);

    private static readonly DeploymentProblem Problem = new(
        Day0,
        [new Member("m1", "Ana Lopez", Component.Active, "State", ImmutableDictionary<string, int>.Empty.Add("governance", 4),
            ["English"], Clearance.Secret, [])],
        [
            new Operation("marenia", "Marenia Stabilization Mission",
                [Seat("marenia-001", "Head of Mission", Priority.Critical), Seat("marenia-002", "Elections Officer", Priority.Low)]),
            new Operation("qaltara", "Qaltara Stabilization Mission",
                [Seat("qaltara-001", "Rule of Law Advisor", Priority.High), Seat("qaltara-002", "Logistics Officer", Priority.Normal)]),
        ],
        Policy.Default,
        []);

    private static UnfilledPosition Unfilled(string operation, string position, Priority priority, long days, string reason) =>
        new(operation, position, priority, days, [new UncoveredRange(new DateRange(Day0.AddDays(21), Day0.AddDays(20 + (int)days)), 1)], reason);

    private static readonly Roster Solved = new(
        RosterStatus.Optimal,
        new ObjectiveValues(Critical: 360, High: 270, Normal: 12_345, Low: 0, Cost: 1_234_567.5m, Load: 4200),
        new ObjectiveBound(360, 270, 12_345, 0, 1_234_567.5, 4200),
        Gap: 0,
        SolveMillis: 1234,
        [new Assignment("m1", "marenia", "marenia-001", Day0.AddDays(21), Day0.AddDays(380))],
        [
            Unfilled("marenia", "marenia-002", Priority.Low, 360, "No member speaks French at elections level 3."),
            Unfilled("qaltara", "qaltara-002", Priority.Normal, 90, "Reserve cap reached."),
            Unfilled("qaltara", "qaltara-001", Priority.High, 90, "Justice standby cap reached."),
        ],
        [new FillRate("marenia", 360, 720), new FillRate("qaltara", 540, 720)],
        [new FillRate("critical", 360, 360), new FillRate("high", 270, 360), new FillRate("normal", 270, 360), new FillRate("low", 0, 360)],
        [
            new SurgeUse(0, "agency=Justice component=standby maxShare=0.1", 36, Day0.AddDays(60), 36, Binding: true),
            new SurgeUse(1, "component=contractor operation=qaltara maxShare=0.3", 1, Day0.AddDays(90), 2.7, Binding: false),
        ],
        [],
        new SolveStatistics(Members: 1, Positions: 4, CandidateTours: 395_475, Columns: 12_345, Rows: 6789, NonZeros: 123_456,
            EligibilityMillis: 12, ModelMillis: 34, SolveMillis: 1100, VerifyMillis: 5,
            [new StageReport("critical", RosterStatus.Optimal, 360, 360, Millis: 800, Nodes: 7), new StageReport("cost", RosterStatus.Optimal, 1_234_567.5, 1_234_567.5, Millis: 300, Nodes: 0)]));

    private static string[] Lines(string text) => text.Split(Environment.NewLine);

    private static string[] SectionOf(string text, string title) =>
        Lines(text).SkipWhile(l => l != title).Skip(2).TakeWhile(l => l.Length > 0).ToArray();

    private static string Row(string text, string title, string firstCell) =>
        Assert.Single(SectionOf(text, title), l => l.TrimStart().StartsWith(firstCell + " ", StringComparison.Ordinal));

    [Fact]
    public void The_teams_section_counts_the_slots_each_team_deploys_on()
    {
        // p and q deploy together over three 10-day slots; b, the only one who can serve q, is away on the last one.
        var b = Planning.ProblemBuilder.Member("b", agency: "USAID", unavailable: [new DateRange(Planning.ProblemBuilder.D(25), Planning.ProblemBuilder.D(26))]);
        var problem = Planning.ProblemBuilder.Problem([Planning.ProblemBuilder.Member("a"), b],
            [Planning.ProblemBuilder.Position("p", 0, 29, rotation: 10), Planning.ProblemBuilder.Position("q", 0, 29, rotation: 10)], restDays: 0);
        problem = problem with { Operations = [problem.Operations[0] with { Teams = [new Team("t1", "Team one", ["p", "q"], 2)] }] };
        var roster = Scrs.Matching.Planning.RosterPlanner.Plan(problem);
        var text = RosterSummary.ToText(problem, roster);
        Assert.Contains("1 team(s), 0 deployed on every slot; a team deploys whole or not at all", text, StringComparison.Ordinal);
        Assert.Matches(@"  t1  Team one  2 of 3 slots  State, USAID \(2 agencies at least\)", text);
        Assert.DoesNotContain("Teams", RosterSummary.ToText(Problem, Solved), StringComparison.Ordinal);
    }

    [Fact]
    public void The_training_section_counts_each_sessions_seats_used_and_the_cost()
    {
        var (problem, roster) = Enumerable.Range(0, 200).Select(seed => Oracles.TinyProblems.GenerateWithCourses(seed))
            .Select(p => (p, Scrs.Matching.Planning.RosterPlanner.Plan(p))).First(x => x.Item2.Training.Length >= 1);
        var text = RosterSummary.ToText(problem, roster);
        Assert.Contains($"{roster.Training.Length} member(s) trained, cost ", text, StringComparison.Ordinal);
        foreach (var session in roster.Training.GroupBy(t => t.Session))
        {
            var seats = problem.Policy.Courses.SelectMany(c => c.Sessions).First(s => s.Id == session.Key).Seats;
            Assert.Matches($"  {session.Key} +{session.First().Credential} .*{session.Count()} of {seats} seats", text);
        }
        Assert.Contains("none: every tour's credentials are held", RosterSummary.ToText(problem, roster with { Training = [] }), StringComparison.Ordinal);
        Assert.DoesNotContain("Training", RosterSummary.ToText(Problem, Solved), StringComparison.Ordinal);
    }

    [Fact]
    public void The_header_gives_status_gap_time_and_model_size()
    {
        var text = RosterSummary.ToText(Problem, Solved);
        var header = SectionOf(text, "Deployment roster");
        Assert.Contains(header, l => l.Contains("Status", StringComparison.Ordinal) && l.EndsWith("optimal", StringComparison.Ordinal));
        Assert.Contains(header, l => l.StartsWith("  Gap", StringComparison.Ordinal) && l.EndsWith("0.00%", StringComparison.Ordinal));
        Assert.Contains(header, l => l.StartsWith("  Solve time", StringComparison.Ordinal) && l.EndsWith("1,234 ms", StringComparison.Ordinal));
        Assert.Contains(header, l => l.Contains("395,475 candidate tours; 12,345 columns, 6,789 rows, 123,456 non-zeros", StringComparison.Ordinal));
        Assert.Contains(header, l => l.Contains("1 tours by 1 members", StringComparison.Ordinal));
    }

    [Fact]
    public void The_objective_lists_every_level_with_value_and_bound()
    {
        var text = RosterSummary.ToText(Problem, Solved);
        Assert.Equal(["critical", "360", "360"], Row(text, "Objective, strictly by priority", "critical").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["normal", "12,345", "12,345"], Row(text, "Objective, strictly by priority", "normal").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["cost", "1,234,567.5", "1,234,567.5"], Row(text, "Objective, strictly by priority", "cost").Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Fill_rates_by_operation_name_the_operation_and_add_a_total()
    {
        var text = RosterSummary.ToText(Problem, Solved);
        var marenia = Row(text, "Fill rate by operation", "marenia");
        Assert.Contains("Marenia Stabilization Mission", marenia, StringComparison.Ordinal);
        Assert.EndsWith("50.0%", marenia, StringComparison.Ordinal);
        Assert.EndsWith("62.5%", Row(text, "Fill rate by operation", "all"), StringComparison.Ordinal);
        Assert.EndsWith("0.0%", Row(text, "Fill rate by priority", "low"), StringComparison.Ordinal);
        Assert.EndsWith("75.0%", Row(text, "Fill rate by priority", "high"), StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_are_aligned()
    {
        var text = RosterSummary.ToText(Problem, Solved);
        // The last column is right-aligned, so every row of these tables ends at the same place.
        foreach (var title in new[] { "Fill rate by priority", "Objective, strictly by priority", "Stage timings" })
            Assert.Single(SectionOf(text, title).Select(l => l.Length).Distinct());
        var surge = SectionOf(text, "Surge limits").SkipLast(1).ToArray();
        Assert.Single(surge.Select(l => l.IndexOf("peak day", StringComparison.Ordinal) is var i and >= 0 ? i : l.IndexOf("2027-", StringComparison.Ordinal)).Distinct());
    }

    [Fact]
    public void Surge_use_marks_only_binding_limits()
    {
        var text = RosterSummary.ToText(Problem, Solved);
        var justice = Row(text, "Surge limits", "agency=Justice");
        Assert.Equal(["36", "36", "2027-03-05", "binding"], justice.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^4..]);
        var contractors = Row(text, "Surge limits", "component=contractor");
        Assert.DoesNotContain("binding", contractors, StringComparison.Ordinal);
        Assert.Contains(" 2.7 ", contractors, StringComparison.Ordinal);
        Assert.Contains("  1 of 2 limits binding", Lines(text));
    }

    [Fact]
    public void Unfilled_positions_come_by_priority_then_uncovered_days_with_title_and_reason()
    {
        var text = RosterSummary.ToText(Problem, Solved);
        Assert.Contains("Unfilled positions (3 of 3, by priority then uncovered seat-days)", Lines(text));
        var rows = SectionOf(text, "Unfilled positions (3 of 3, by priority then uncovered seat-days)").Skip(1).ToArray();
        Assert.Equal(["qaltara-001", "qaltara-002", "marenia-002"], rows.Select(r => r.Trim().Split(' ')[0]));
        Assert.Contains("Rule of Law Advisor", rows[0], StringComparison.Ordinal);
        Assert.EndsWith("Justice standby cap reached.", rows[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_top_unfilled_positions_are_listed_and_the_rest_counted()
    {
        var text = RosterSummary.ToText(Problem, Solved, maxUnfilled: 1);
        Assert.Contains("Unfilled positions (1 of 3, by priority then uncovered seat-days)", Lines(text));
        Assert.Contains("  ... and 2 more", Lines(text));
        Assert.DoesNotContain("marenia-002", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Stage_timings_list_every_stage_in_order()
    {
        var text = RosterSummary.ToText(Problem, Solved);
        var stages = SectionOf(text, "Stage timings").Skip(1).Select(l => l.Trim().Split(' ')[0]).ToArray();
        Assert.Equal(["eligibility", "model", "critical", "cost", "verification", "total"], stages);
        Assert.Equal(["critical", "optimal", "360", "360", "7", "800"], Row(text, "Stage timings", "critical").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.EndsWith("1,234", Row(text, "Stage timings", "total"), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_roster_the_values_are_dashes_and_the_reasons_are_listed()
    {
        var infeasible = Solved with
        {
            Status = RosterStatus.Infeasible,
            Objective = null,
            Bound = new ObjectiveBound(null, null, null, null, null, null),
            Gap = null,
            Assignments = [],
            Unfilled = [],
            Reasons = ["Lock of m1 on qaltara-001: m1 lacks rule-of-law 4."],
        };
        var text = RosterSummary.ToText(Problem, infeasible);
        Assert.EndsWith("infeasible", Assert.Single(SectionOf(text, "Deployment roster"), l => l.Contains("Status", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(["critical", "-", "-"], Row(text, "Objective, strictly by priority", "critical").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("  - Lock of m1 on qaltara-001: m1 lacks rule-of-law 4.", Lines(text));
        Assert.Contains("  none: every seat is covered on every day", Lines(text));
    }

    // Regression: a stage that ended infeasible (no value, no finite bound) printed NaN in the stage table.
    [Fact]
    public void Stage_without_a_solution_shows_dashes_not_NaN()
    {
        var stopped = Solved with
        {
            Status = RosterStatus.Infeasible,
            Statistics = Solved.Statistics with
            {
                Stages = [new StageReport("critical", RosterStatus.Optimal, 0, 0, 1, 0), new StageReport("high", RosterStatus.Infeasible, double.NaN, double.PositiveInfinity, 2, 0)],
            },
        };
        var text = RosterSummary.ToText(Problem, stopped);
        Assert.Equal(["high", "infeasible", "-", "-", "0", "2"], Row(text, "Stage timings", "high").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("NaN", text, StringComparison.Ordinal);
        Assert.DoesNotContain("∞", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Objective_values_alone_print_the_summarys_figures_without_bounds()
    {
        var text = RosterSummary.ToText(Solved.Objective!);
        Assert.Equal(["critical", "360"], Row(text, "Objective, strictly by priority", "critical").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["cost", "1,234,567.5"], Row(text, "Objective, strictly by priority", "cost").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["load", "4,200"], Row(text, "Objective, strictly by priority", "load").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("ObjectiveValues", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_use_the_invariant_culture_whatever_the_current_one()
    {
        var expected = RosterSummary.ToText(Problem, Solved);
        var odd = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        odd.NumberFormat.NumberGroupSeparator = ".";
        odd.NumberFormat.NumberDecimalSeparator = ",";
        odd.NumberFormat.PercentSymbol = "pc";
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = odd;
            Assert.Equal(expected, RosterSummary.ToText(Problem, Solved));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Time_limit_status_is_written_in_the_exchange_format_spelling()
    {
        var text = RosterSummary.ToText(Problem, Solved with { Status = RosterStatus.TimeLimit, Gap = 0.0123 });
        Assert.Contains(SectionOf(text, "Deployment roster"), l => l.EndsWith("timeLimit", StringComparison.Ordinal));
        Assert.Contains(SectionOf(text, "Deployment roster"), l => l.EndsWith("1.23%", StringComparison.Ordinal));
    }
}
