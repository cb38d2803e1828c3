using Scrs.Matching.Input;
using Scrs.Matching.Validation;

namespace Scrs.Matching.Tests.Input;

/// <summary><c>RosterJson.ReadTours</c>: a roster file's tours and trainings from one parse, as the two readers give them.</summary>
public class RosterToursTests
{
    private const string Tour = """{"member": "M1", "operation": "O1", "position": "P1", "start": "2025-04-01", "end": "2025-04-30"}""";
    private const string Training = """{"member": "M1", "credential": "FACT", "session": "S1", "start": "2025-03-01", "end": "2025-03-05"}""";

    [Fact]
    public void A_valid_roster_gives_what_the_assignments_and_training_readers_give()
    {
        var json = $$"""{"assignments": [{{Tour}}], "training": [{{Training}}]}""";
        var read = RosterJson.ReadTours(json);
        Assert.True(read.Ok, string.Join("; ", read.Errors));
        Assert.Equal(RosterJson.ReadAssignments(json).Value.ToArray(), read.Value.Assignments.ToArray());
        Assert.Equal(RosterJson.ReadTraining(json).Value.ToArray(), read.Value.Training.ToArray());
        Assert.Single(read.Value.Training);
    }

    [Fact]
    public void Errors_are_the_assignments_ones_when_they_have_any_else_the_trainings()
    {
        var badTraining = $$"""[{"member": "M1"}]""";
        var both = $$"""{"assignments": [{"member": "M1"}], "training": {{badTraining}}}""";
        Assert.Equal(Said(RosterJson.ReadAssignments(both).Errors), Said(RosterJson.ReadTours(both).Errors));
        var trainingOnly = $$"""{"assignments": [{{Tour}}], "training": {{badTraining}}}""";
        Assert.NotEmpty(RosterJson.ReadTraining(trainingOnly).Errors);
        Assert.Equal(Said(RosterJson.ReadTraining(trainingOnly).Errors), Said(RosterJson.ReadTours(trainingOnly).Errors));
    }

    private static string[] Said(IEnumerable<InputError> errors) => [.. errors.Select(e => e.ToString())];
}
