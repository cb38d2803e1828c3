using System.Collections.Immutable;
using System.Text.Json;
using Scrs.Matching.Domain;
using Scrs.Matching.Input;
using Scrs.Matching.Report;
using Scrs.Matching.Validation;

namespace Scrs.Matching.Host.Server.Jobs;

/// <summary>
/// What a roster job solves, as its stored input says: a problem document, or a re-plan
/// <c>{"problem": {...}, "previous": {"assignments": [...]}}</c>: the problem and the roster to re-plan from.
/// </summary>
/// <remarks>
/// The re-plan is one document in the job's input column, not a column of its own: the input is always a body
/// <c>POST /v1/rosters</c> takes, so what a client submits and what <c>POST /v1/rosters/{id}/responses</c> stores are
/// run the same way, on any host, after any restart. A problem document never has a <c>problem</c> field (its reader
/// rejects unknown fields), so the two cannot be mistaken for each other.
/// </remarks>
/// <param name="Problem">The problem.</param>
/// <param name="Previous">The roster's assignments to re-plan from (<c>PlannerOptions.Previous</c>), or null for a plain solve.</param>
internal sealed record JobInput(DeploymentProblem Problem, IReadOnlyList<Assignment>? Previous)
{
    private static readonly string[] ReplanFields = ["problem", "previous"];

    /// <summary>Reads a problem or a re-plan document; a re-plan's errors name <c>problem.…</c> and <c>previous.…</c>.</summary>
    public static ReadResult<JobInput> Read(string json) => JsonOutput.Parse(json, root =>
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("problem", out _))
        {
            var plain = ProblemReader.Read(root);
            return plain.Ok ? ReadResult<JobInput>.Success(new JobInput(plain.Value!, null)) : ReadResult<JobInput>.Failure(plain.Errors);
        }
        var errors = new ReadErrors();
        var document = JsonRecord.Open(root, "", null, null, errors)!;
        document.Expect(ReplanFields);
        var problem = document.Raw("problem", required: true) is { } p ? ProblemReader.Read(p) : null;
        var previous = document.Raw("previous", required: true) is { } r ? RosterJson.ReadAssignments(r.GetRawText()) : null;
        var all = errors.ToImmutable().AddRange(Within("problem", problem?.Errors)).AddRange(Within("previous", previous?.Errors));
        return all.IsEmpty ? ReadResult<JobInput>.Success(new JobInput(problem!.Value!, previous!.Value)) : ReadResult<JobInput>.Failure(all);
    });

    /// <summary>The input of a re-plan of <paramref name="problem"/> from the roster document <paramref name="previous"/>, kept as it is.</summary>
    public static string Replan(string problem, string previous) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("problem");
        w.WriteRawValue(problem, skipInputValidation: true);
        w.WritePropertyName("previous");
        w.WriteRawValue(previous, skipInputValidation: true);
        w.WriteEndObject();
    });

    /// <summary>The errors of a part of the document, their fields under the part's name.</summary>
    private static IEnumerable<InputError> Within(string part, ImmutableArray<InputError>? errors) =>
        errors is { IsDefault: false } list
            ? list.Select(e => e with { Field = e.Field == ErrorLocation.Document ? part : ErrorLocation.Property(part, e.Field) })
            : [];
}
