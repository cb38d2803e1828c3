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
