using Scrs.Matching.Domain;
using Scrs.Matching.Validation;
using static Scrs.Matching.Tests.Planning.ProblemBuilder;

namespace Scrs.Matching.Tests.Validation;

public class ProblemValidatorTests
{
    // Two operations: p in op0, q in op1; a is locked on p, b on q.
    private static readonly DeploymentProblem Locked = Problem([Member("a"), Member("b")], [Position("p", 0, 29), Position("q", 0, 29)],
        locks: [new AssignmentLock("a", "p"), new AssignmentLock("b", "q", D(0), D(9))], operations: 2);

    [Fact]
    public void Exclusions_of_every_kind_that_name_known_ids_and_rule_out_no_lock_are_valid() =>
        Assert.Empty(ProblemValidator.Validate(Locked with
        {
            Exclusions = [new Exclusion("a", "q"), new Exclusion("a", Operation: "op1"), new Exclusion("b", "p", "op0"), new Exclusion("b", Operation: "op0")],
        }));

    [Fact]
    public void Every_broken_team_rule_is_reported_at_once_naming_the_field_and_the_team()
    {
        // op0 has p, r (days 0..29, rotation 10) and s (days 0..39); op1 has q.
        var problem = Problem([Member("a")], [Position("p", 0, 29, rotation: 10), Position("q", 0, 29), Position("r", 0, 29, rotation: 10),
            Position("s", 0, 39), Position("t", 0, 29, rotation: 15)], operations: 2);
        DeploymentProblem With(params Team[] teams) => problem with { Operations = problem.Operations.SetItem(0, problem.Operations[0] with { Teams = [.. teams] }) };
        Assert.Equal(["p", "r", "t"], problem.Operations[0].Positions.Select(x => x.Id));

        Assert.Empty(ProblemValidator.Validate(With(new Team("fact-1", "FACT", ["p", "r"], 2))));
        var errors = ProblemValidator.Validate(With(
            new Team("fact-1", "FACT", ["p", "q"]),
            new Team("fact-1", "again", ["r", "r", "t"], 0),
            new Team("solo", "alone", ["p"]),
            null!));

        Assert.Equal(
            [
                ("operations[0].teams[0].positions[1]", "fact-1", "'q' is not a position of operation 'op0' (a team's positions are of its own operation)"),
                ("operations[0].teams[1].id", "fact-1", "duplicate team id; operations[0].teams[0] has it too (team ids are unique across all operations)"),
                ("operations[0].teams[1].minAgencies", "fact-1", "0 agencies must be at least 1"),
                ("operations[0].teams[1].positions[1]", "fact-1", "position 'r' is named twice"),
                ("operations[0].teams[1].positions[2]", "fact-1", $"position 't' has window {D(0):yyyy-MM-dd}..{D(29):yyyy-MM-dd} and rotation 15 days, "
                    + $"position 'r' {D(0):yyyy-MM-dd}..{D(29):yyyy-MM-dd} and 10 days: a team's positions share their window and rotation"),
                ("operations[0].teams[2].positions", "solo", "a team has at least 2 positions, this one 1"),
                ("operations[0].teams[2].positions[0]", "solo", "position 'p' is already in team 'fact-1' (a position belongs to at most one team)"),
                ("operations[0].teams[3]", "op0", "team is null"),
            ],
            errors.Select(e => (e.Field, e.Id, e.Message)));
    }

    [Fact]
    public void Every_broken_exclusion_rule_is_reported_at_once_naming_the_field_and_the_id()
    {
        var errors = ProblemValidator.Validate(Locked with
        {
            Exclusions =
            [
                new Exclusion("zz"),
                new Exclusion("a", "nowhere"),
                new Exclusion("a", Operation: "opX"),
                new Exclusion("b", "p", "op1"),
                new Exclusion("a", Operation: "op0"),
                new Exclusion("b"),
                null!,
            ],
        });

        Assert.Equal(
            [
                ("exclusions[0].member", "zz", "unknown member 'zz'"),
                ("exclusions[1].position", "a/nowhere", "unknown position 'nowhere'"),
                ("exclusions[2].operation", "a/opX", "unknown operation 'opX'"),
                ("exclusions[3].position", "b/p", "position 'p' belongs to operation 'op0', not to operation 'op1'"),
                ("exclusions[4]", "a/op0", "rules out locks[0] (member 'a' on position 'p'); a member cannot be both locked and excluded there"),
                ("exclusions[5]", "b", "rules out locks[1] (member 'b' on position 'q'); a member cannot be both locked and excluded there"),
                ("exclusions[6]", null, "exclusion is null"),
            ],
            errors.Select(e => (e.Field, e.Id, e.Message)));
    }

    [Fact]
    public void An_exclusion_ruling_out_a_lock_on_its_position_names_the_lock()
    {
        var error = Assert.Single(ProblemValidator.Validate(Locked with { Exclusions = [new Exclusion("a", "q"), new Exclusion("a", "p", "op0")] }));
        Assert.Equal(("exclusions[1]", "a/p"), (error.Field, error.Id));
        Assert.StartsWith("rules out locks[0] ", error.Message, StringComparison.Ordinal);
    }
}
