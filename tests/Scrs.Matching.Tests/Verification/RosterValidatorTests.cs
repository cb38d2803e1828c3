using System.Collections.Immutable;
using System.Diagnostics;
using Scrs.Matching.Domain;
using Scrs.Matching.Report;
using Scrs.Matching.Verification;
using static Scrs.Matching.Tests.Verification.Sample;

namespace Scrs.Matching.Tests.Verification;

public sealed class RosterValidatorTests
{
    private static void BreaksOnly(Rule rule, string? member, string? position, DeploymentProblem problem, IReadOnlyList<Assignment> roster)
    {
        var violations = RosterValidator.Validate(problem, roster);
        var violation = Assert.Single(violations);
        Assert.Equal((rule, member, position), (violation.Rule, violation.Member, violation.Position));
        Assert.False(string.IsNullOrWhiteSpace(violation.Message));
    }

    private static void Passes(DeploymentProblem problem, IReadOnlyList<Assignment> roster) =>
        Assert.Empty(RosterValidator.Validate(problem, roster));

    [Fact]
    public void The_sample_roster_keeps_every_rule() => Passes(Problem, Tours);

    [Fact]
    public void An_empty_roster_keeps_every_rule_without_locks() => Passes(Problem, []);

    [Fact]
    public void A_tour_of_an_unknown_member_is_reported() =>
        BreaksOnly(Rule.UnknownMember, "zz", "p2", Problem, [.. Tours, Tour("zz", "p2", D(2, 22), D(2, 28))]);

    [Fact]
    public void A_tour_on_an_unknown_position_is_reported() =>
        BreaksOnly(Rule.UnknownPosition, "a3", "p9", Problem, [.. Tours, Tour("a3", "p9", D(2, 22), D(2, 28))]);

    [Fact]
    public void A_tour_naming_another_operation_than_its_positions_is_reported() =>
        BreaksOnly(Rule.WrongOperation, "a1", "p1", Problem, Replace(0, Tours[0] with { Operation = "op2" }));

    [Theory]
    [InlineData(2, 2, 2, 10)] // starts inside a slot
    [InlineData(2, 1, 2, 9)] // ends inside a slot
    [InlineData(1, 31, 2, 10)] // starts before the window
    [InlineData(2, 11, 2, 10)] // ends before it starts
    public void A_tour_that_is_not_a_run_of_whole_slots_is_reported(int startMonth, int startDay, int endMonth, int endDay) =>
        BreaksOnly(Rule.Slots, "a1", "p1", Problem, Replace(0, Tour("a1", "p1", D(startMonth, startDay), D(endMonth, endDay))));

    [Fact]
    public void A_tour_may_end_with_the_shorter_last_slot() =>
        Passes(Problem, [.. Tours, Tour("a3", "p1", D(2, 11), D(2, 28))]);

    [Fact]
    public void Without_any_rotation_the_whole_window_is_the_only_slot()
    {
        var problem = WithPolicy(p => p with { DefaultRotationDays = null });
        BreaksOnly(Rule.Slots, "a2", "p2", problem, [Tour("a2", "p2", D(2, 1), D(2, 7))]);
        Passes(problem, [Tour("a2", "p2", D(2, 1), D(2, 28))]);
    }

    [Fact]
    public void A_member_below_a_required_skill_level_is_reported() =>
        BreaksOnly(Rule.Skills, "a1", "p1", WithMember("a1", m => m with { Skills = m.Skills.SetItem("Law", 2) }), Tours);

    [Fact]
    public void A_member_missing_a_required_language_is_reported() =>
        BreaksOnly(Rule.Languages, "a1", "p1", WithMember("a1", m => m with { Languages = ["Arabic"] }), Tours);

    [Fact]
    public void A_member_below_the_required_clearance_is_reported() =>
        BreaksOnly(Rule.Clearance, "a1", "p1", WithMember("a1", m => m with { Clearance = Clearance.None }), Tours);

    [Fact]
    public void A_member_whose_credential_is_missing_or_ends_before_the_tour_does_is_reported()
    {
        // a1 serves p1 from Feb 1 to Feb 10; the position needs FACT (names compared ignoring case).
        var needsFact = WithPosition("p1", p => p with { Credentials = ["FACT"] });
        BreaksOnly(Rule.Credentials, "a1", "p1", needsFact, Tours);
        Passes(WithMember("a1", m => m with { Credentials = m.Credentials.Add("fact", D(2, 10)) }, needsFact), Tours);
        BreaksOnly(Rule.Credentials, "a1", "p1", WithMember("a1", m => m with { Credentials = m.Credentials.Add("Fact", D(2, 9)) }, needsFact), Tours);
    }

    [Fact]
    public void A_member_of_a_component_not_allowed_is_reported() =>
        BreaksOnly(Rule.Component, "c1", "q1", WithPosition("q1", p => p with { AllowedComponents = [Component.Active, Component.Reserve] }), Tours);

    [Fact]
    public void A_tour_starting_within_the_lead_time_is_reported()
    {
        // Lead time 31 days from Jan 1 makes Feb 1 the first possible day; 32 makes it Feb 2.
        Passes(WithMember("a1", m => m with { LeadTimeDays = 31 }), Tours);
        BreaksOnly(Rule.LeadTime, "a1", "p1", WithMember("a1", m => m with { LeadTimeDays = 32 }), Tours);
    }

    [Fact]
    public void The_slots_meeting_a_dated_lock_are_exempt_from_the_lead_time()
    {
        // Earliest start Feb 2; a1's tour starts Feb 1. A dated lock meeting the slot Feb 1-10 is a decision taken.
        var late = WithMember("a1", m => m with { LeadTimeDays = 32 });
        Passes(late with { Locks = [new("a1", "p1", D(2, 5), D(2, 6))] }, Tours);
        // A lock on another slot of the position does not exempt it.
        BreaksOnly(Rule.LeadTime, "a1", "p1", late with { Locks = [new("a1", "p1", D(2, 21), D(2, 28))] },
            [.. Tours, Tour("a1", "p1", D(2, 21), D(2, 28))]);
        // With a lead time into March, a tour over two slots before it needs a lock meeting both.
        var later = WithMember("a1", m => m with { LeadTimeDays = 60 });
        var twoSlots = Replace(0, Tour("a1", "p1", D(2, 1), D(2, 20)));
        Passes(later with { Locks = [new("a1", "p1", D(2, 10), D(2, 11))] }, twoSlots);
        BreaksOnly(Rule.LeadTime, "a1", "p1", later with { Locks = [new("a1", "p1", D(2, 1), D(2, 10))] }, twoSlots);
    }

    [Fact]
    public void A_tour_longer_than_the_maximum_tour_is_reported()
    {
        Passes(WithMember("a1", m => m with { MaxTourDays = 10 }), Tours);
        BreaksOnly(Rule.MaxTour, "a1", "p1", WithMember("a1", m => m with { MaxTourDays = 9 }), Tours);
    }

    [Fact]
    public void A_tour_on_an_unavailable_day_is_reported()
    {
        Passes(WithMember("a1", m => m with { Unavailable = [new(D(1, 20), D(1, 31)), new(D(2, 11), D(2, 12))] }), Tours);
        BreaksOnly(Rule.Availability, "a1", "p1", WithMember("a1", m => m with { Unavailable = [new(D(2, 10), D(2, 12))] }), Tours);
    }

    [Fact]
    public void More_members_than_the_headcount_on_a_day_is_reported() =>
        BreaksOnly(Rule.SeatCapacity, null, "p1", Problem, [.. Tours, Tour("a3", "p1", D(2, 1), D(2, 10))]);

    [Fact]
    public void Two_overlapping_tours_of_a_member_are_reported() =>
        BreaksOnly(Rule.Overlap, "a1", "p2", Problem, [.. Tours, Tour("a1", "p2", D(2, 8), D(2, 14))]);

    [Fact]
    public void A_tour_starting_before_the_rest_days_are_over_is_reported()
    {
        // a2 ends p2 on Feb 7; p1 from Feb 11 leaves 3 full rest days.
        var roster = Replace(2, Tour("a2", "p1", D(2, 11), D(2, 20)));
        Passes(WithPolicy(p => p with { RestDays = 3 }), roster);
        BreaksOnly(Rule.Rest, "a2", "p1", WithPolicy(p => p with { RestDays = 4 }), roster);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(0)]
    public void Back_to_back_tours_on_one_position_must_be_merged(int restDays)
    {
        var split = Replace(2, Tour("a2", "p2", D(2, 8), D(2, 14)));
        BreaksOnly(Rule.BackToBack, "a2", "p2", WithPolicy(p => p with { RestDays = restDays }), split);
        Passes(WithPolicy(p => p with { RestDays = restDays }), [.. Tours.RemoveRange(1, 2), Tour("a2", "p2", D(2, 1), D(2, 14))]);
    }

    [Fact]
    public void With_no_rest_days_a_chain_of_day_after_day_tours_counts_as_one_deployment_for_the_maximum_tour()
    {
        // a3: p2 Feb 1-7, r1 Feb 8-10, p1 Feb 11-20, q1 Feb 21-Mar 6: 7 + 3 + 10 + 14 = 34 continuous days.
        ImmutableArray<Assignment> chain =
        [
            Tour("a3", "p2", D(2, 1), D(2, 7)),
            Tour("a3", "r1", D(2, 8), D(2, 10)),
            Tour("a3", "p1", D(2, 11), D(2, 20)),
            Tour("a3", "q1", D(2, 21), D(3, 6)),
        ];
        DeploymentProblem Problem(int maxTour) =>
            WithPolicy(p => p with { RestDays = 0 }) is var noRest
                ? noRest with { Members = [.. noRest.Members.Select(m => m.Id == "a3" ? m with { MaxTourDays = maxTour } : m)] }
                : throw new UnreachableException();
        Passes(Problem(34), chain);
        BreaksOnly(Rule.MaxTour, "a3", "q1", Problem(33), chain);
        // A one-day break ends the deployment: 7 + 3 and then 14, each within 14 days.
        Passes(Problem(14), [chain[0], chain[1], chain[3]]);
    }

    [Fact]
    public void With_rest_days_a_day_after_day_tour_on_another_position_breaks_the_rest_rule() =>
        BreaksOnly(Rule.Rest, "a3", "r1", Problem, [Tour("a3", "p2", D(2, 1), D(2, 7)), Tour("a3", "r1", D(2, 8), D(2, 10))]);

    [Fact]
    public void A_max_concurrent_limit_is_checked_on_every_day()
    {
        // a1 (State) serves Feb 1-10; a3 (State) on p2 Feb 8-14 makes two State members on Feb 8-10.
        var problem = WithPolicy(p => p with { Surge = [new SurgeLimit(Agency: "State", MaxConcurrent: 1)] });
        Passes(problem, [.. Tours, Tour("a3", "p1", D(2, 21), D(2, 28))]);
        BreaksOnly(Rule.Surge, null, null, problem, [.. Tours, Tour("a3", "p2", D(2, 8), D(2, 14))]);
    }

    [Fact]
    public void A_max_concurrent_limit_with_an_operation_counts_only_tours_on_it()
    {
        var limit = new SurgeLimit(Component: Component.Contractor, Operation: "op2", MaxConcurrent: 0);
        BreaksOnly(Rule.Surge, null, null, WithPolicy(p => p with { Surge = [limit] }), Tours);
        Passes(WithPolicy(p => p with { Surge = [limit with { Operation = "op1", MaxConcurrent = 1 }] }), Tours);
    }

    [Fact]
    public void A_share_without_operation_caps_deployed_members_at_the_floor_of_the_share_of_the_scope()
    {
        // Three active members; a1 and a2 serve together Feb 1-7.
        Passes(WithPolicy(p => p with { Surge = [new SurgeLimit(Component: Component.Active, MaxShare: 2.0 / 3)] }), Tours);
        BreaksOnly(Rule.Surge, null, null, WithPolicy(p => p with { Surge = [new SurgeLimit(Component: Component.Active, MaxShare: 0.66)] }), Tours);
    }

    [Fact]
    public void A_share_whose_product_falls_just_below_a_whole_number_in_binary_still_allows_that_number()
    {
        // 0.58 x 50 is 28.999999999999996 in binary floating point; the limit is 29 members.
        Assert.True(0.58 * 50 < 29);
        var members = Enumerable.Range(0, 50).Select(i => Person($"m{i}", Component.Active, "State", Clearance.None, "")).ToImmutableArray();
        var problem = Problem with
        {
            Members = members,
            Policy = Problem.Policy with { Surge = [new SurgeLimit(Agency: "State", MaxShare: 0.58)] },
            Operations = [new("op2", "Operation two", [Seat("q1", Priority.High, 50, D(2, 21), D(3, 6), null)])],
        };
        ImmutableArray<Assignment> Deploy(int count) => [.. members.Take(count).Select(m => Tour(m.Id, "q1", D(2, 21), D(3, 6)))];
        Passes(problem, Deploy(29));
        BreaksOnly(Rule.Surge, null, null, problem, Deploy(30));
    }

    [Fact]
    public void A_share_of_an_operation_compares_with_the_members_deployed_on_it_that_day()
    {
        // On op1, c1 is one of three members Feb 1-7, one of two Feb 8-10 (exactly half) and alone Feb 11-14.
        var half = new SurgeLimit(Component: Component.Contractor, Operation: "op1", MaxShare: 0.5);
        var violation = Assert.Single(RosterValidator.Validate(WithPolicy(p => p with { Surge = [half] }), Tours));
        Assert.Equal(Rule.Surge, violation.Rule);
        Assert.Contains("2025-02-11", violation.Message, StringComparison.Ordinal);
        Assert.Contains("4 day(s)", violation.Message, StringComparison.Ordinal);
        // a3 joining op1 Feb 11-20 keeps c1 at half of op1's people.
        Passes(WithPolicy(p => p with { Surge = [half] }), [.. Tours, Tour("a3", "p1", D(2, 11), D(2, 20))]);
    }

    [Fact]
    public void A_member_with_overlapping_tours_counts_once_toward_a_surge_limit()
    {
        var problem = WithPolicy(p => p with { Surge = [new SurgeLimit(Agency: "State", MaxConcurrent: 1)] });
        var violations = RosterValidator.Validate(problem, [.. Tours, Tour("a1", "p2", D(2, 8), D(2, 14))]);
        Assert.Equal([Rule.Overlap], violations.Select(v => v.Rule));
    }

    [Fact]
    public void A_total_cost_equal_to_the_budget_passes_and_one_cent_less_breaks_it()
    {
        // a1 10 x 300 + a2 14 x 300 + c1 28 x 1200 = 40,800.
        Passes(WithPolicy(p => p with { Budget = 40_800m }), Tours);
        BreaksOnly(Rule.Budget, null, null, WithPolicy(p => p with { Budget = 40_799.99m }), Tours);
    }

    [Fact]
    public void A_dated_lock_needs_a_tour_covering_its_days()
    {
        Passes(Problem with { Locks = [new AssignmentLock("a1", "p1", D(2, 1), D(2, 10)), new AssignmentLock("c1", "p2", D(2, 8), D(2, 14))] }, Tours);
        BreaksOnly(Rule.Lock, "a1", "p1", Problem with { Locks = [new AssignmentLock("a1", "p1", D(2, 5), D(2, 12))] }, Tours);
        BreaksOnly(Rule.Lock, "a2", "p2", Problem with { Locks = [new AssignmentLock("a2", "p2", D(2, 1), D(2, 21))] }, Tours);
    }

    [Fact]
    public void An_undated_lock_needs_any_tour_of_the_member_on_the_position()
    {
        Passes(Problem with { Locks = [new AssignmentLock("c1", "q1")] }, Tours);
        BreaksOnly(Rule.Lock, "a3", "p1", Problem with { Locks = [new AssignmentLock("a3", "p1")] }, Tours);
        BreaksOnly(Rule.Lock, "a1", "p2", Problem with { Locks = [new AssignmentLock("a1", "p2")] }, Tours);
    }

    [Theory]
    [InlineData("a1", null, null, "p1", 1)] // a1 nowhere
    [InlineData("c1", null, "op2", "q1", 1)] // c1 on nothing of op2: its p2 tour, in op1, is fine
    [InlineData("a2", "p2", null, "p2", 2)] // both of a2's tours on p2, each reported
    [InlineData("c1", "p2", "op1", "p2", 1)]
    public void A_tour_an_exclusion_rules_out_is_reported_naming_the_exclusion(string member, string? position, string? operation, string on, int tours)
    {
        var exclusion = new Exclusion(member, position, operation);
        var violations = RosterValidator.Validate(Problem with { Exclusions = [exclusion] }, Tours);
        Assert.All(violations, v =>
        {
            Assert.Equal((Rule.Exclusion, member, on), (v.Rule, v.Member, v.Position));
            Assert.Contains($"exclusion '{exclusion.Describe()}'", v.Message, StringComparison.Ordinal);
        });
        Assert.Equal(tours, violations.Length);
    }

    [Fact]
    public void Exclusions_that_rule_out_no_tour_of_the_roster_pass()
    {
        // a3 is idle; a1 serves only op1; c1 serves p2 and q1, not r1; a2's p2 tours are in op1, not op2.
        Passes(Problem with
        {
            Exclusions = [new Exclusion("a3"), new Exclusion("a1", Operation: "op2"), new Exclusion("c1", "r1"), new Exclusion("a2", "p1", "op1"), new Exclusion("zz")],
        }, Tours);
    }

    [Fact]
    public void Every_broken_rule_is_listed_at_once()
    {
        var problem = WithPolicy(p => p with { Budget = 0m });
        var violations = RosterValidator.Validate(problem, [.. Tours, Tour("zz", "p2", D(2, 22), D(2, 28)), Tour("a3", "p1", D(2, 1), D(2, 10))]);
        Assert.Equal([Rule.UnknownMember, Rule.SeatCapacity, Rule.Budget], violations.Select(v => v.Rule));
    }

    [Fact]
    public void Twenty_thousand_members_with_forty_thousand_tours_are_checked_well_under_a_second()
    {
        // 1,000 positions with 20 seats and twelve 30-day slots; member i serves position i mod 1000 in slots 0 and 6.
        var start = new DateOnly(2026, 1, 1);
        var positions = Enumerable.Range(0, 1000)
            .Select(p => Seat($"p{p}", Priority.Normal, 20, start, start.AddDays(359), 30))
            .ToImmutableArray();
        var members = Enumerable.Range(0, 20_000)
            .Select(i => Person($"m{i}", (Component)(i % 2 == 0 ? 0 : 3), $"agency{i % 8}", Clearance.None, ""))
            .ToImmutableArray();
        var roster = members.SelectMany((m, i) => new[] { 0, 6 }.Select(slot =>
            new Assignment(m.Id, "op", $"p{i % 1000}", start.AddDays(30 * slot), start.AddDays(30 * slot + 29)))).ToImmutableArray();
        var problem = new DeploymentProblem(new DateOnly(2025, 12, 1), members, [new("op", "Operation", positions)],
            Policy.Default with
            {
                Surge =
                [
                    new SurgeLimit(Agency: "agency1", MaxConcurrent: 2500),
                    new SurgeLimit(Component: Component.Contractor, Operation: "op", MaxShare: 0.5),
                    new SurgeLimit(Agency: "agency2", MaxShare: 0.5),
                ],
            },
            [new AssignmentLock("m19999", "p999", start.AddDays(180), start.AddDays(209))]);

        RosterValidator.Validate(problem, roster); // warm up the JIT
        var clock = Stopwatch.StartNew();
        var violations = RosterValidator.Validate(problem, roster);
        clock.Stop();

        // Only the agency2 share binds: all 2,500 of its members serve at once against a cap of 1,250.
        var violation = Assert.Single(violations);
        Assert.Equal(Rule.Surge, violation.Rule);
        Assert.Contains("#2", violation.Message, StringComparison.Ordinal);
        Assert.True(clock.ElapsedMilliseconds < 1000, $"validation took {clock.ElapsedMilliseconds} ms");
    }
}
