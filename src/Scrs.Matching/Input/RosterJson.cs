using System.Collections.Immutable;
using System.Text.Json;
using Scrs.Matching.Report;
using Scrs.Matching.Validation;

namespace Scrs.Matching.Input;

/// <summary>Writes a <see cref="Roster"/> in the output format of <c>docs/roster-format.md</c>, and reads back its assignments.</summary>
public static class RosterJson
{
    private static readonly string[] AssignmentFields = ["member", "operation", "position", "start", "end"];

    /// <summary>Writes <paramref name="roster"/> as indented JSON.</summary>
    /// <param name="roster">The roster.</param>
    /// <returns>The document; the same roster always gives the same text.</returns>
    /// <remarks>Numbers that are not set, and bounds that are infinite, are written as <c>null</c>.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="roster"/> is <see langword="null"/>.</exception>
    public static string Write(Roster roster)
    {
        ArgumentNullException.ThrowIfNull(roster);
        return JsonOutput.Write(w => WriteRoster(w, roster));
    }

    /// <summary>Reads the <c>assignments</c> of a roster document, for checking a roster against its problem.</summary>
    /// <param name="json">A roster document; only its <c>assignments</c> are read, the rest of the report is ignored.</param>
    /// <returns>The tours, in document order, or every format error found (each naming the field path and <c>member/position</c>).</returns>
    /// <remarks>Only the format is checked here; whether the tours keep the rules is for the roster validator.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    public static ReadResult<ImmutableArray<Assignment>> ReadAssignments(string json) => JsonOutput.Parse(json, ReadAssignments);

    /// <summary>Reads the <c>assignments</c> of a roster document from a UTF-8 stream.</summary>
    /// <param name="utf8Json">A roster document; read to its end, not closed.</param>
    /// <returns>The tours, in document order, or every format error found.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is <see langword="null"/>.</exception>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    public static ReadResult<ImmutableArray<Assignment>> ReadAssignments(Stream utf8Json) => JsonOutput.Parse(utf8Json, ReadAssignments);

    private static ReadResult<ImmutableArray<Assignment>> ReadAssignments(JsonElement root)
    {
        var errors = new ReadErrors();
        var assignments = ImmutableArray<Assignment>.Empty;
        if (JsonRecord.Open(root, "", null, null, errors) is { } doc)
        {
            if (root.TryGetProperty("assignments", out var list) && list.ValueKind != JsonValueKind.Null)
                assignments = doc.Records("assignments", ownRecords: true, ReadAssignment, out _);
            else
                doc.Fail("assignments", "is required");
        }
        return errors.Count == 0
            ? ReadResult<ImmutableArray<Assignment>>.Success(assignments)
            : ReadResult<ImmutableArray<Assignment>>.Failure(errors.ToImmutable());
    }

    private static Assignment ReadAssignment(JsonRecord r)
    {
        r.Id = ErrorLocation.PairId(r.Peek("member"), r.Peek("position"));
        r.Expect(AssignmentFields);
        return new Assignment(
            r.String("member", required: true) ?? "",
            r.String("operation", required: true) ?? "",
            r.String("position", required: true) ?? "",
            r.Date("start", required: true) ?? default,
            r.Date("end", required: true) ?? default);
    }

    private static void WriteRoster(Utf8JsonWriter w, Roster roster)
    {
        w.WriteStartObject();
        w.WriteString("status", JsonNames.Statuses.Name(roster.Status));
        WriteObjective(w, roster.Objective);
        WriteBound(w, roster.Bound);
        w.WriteNumberOrNull("gap", roster.Gap);
        w.WriteNumber("solveMillis", roster.SolveMillis);
        w.WriteArray("assignments", roster.Assignments, WriteAssignment);
        w.WriteArray("unfilled", roster.Unfilled, WriteUnfilled);
        w.WriteArray("operationFill", roster.OperationFill, WriteFill);
        w.WriteArray("priorityFill", roster.PriorityFill, WriteFill);
        w.WriteArray("surgeUse", roster.SurgeUse, WriteSurgeUse);
        w.WriteArray("reasons", roster.Reasons, (w, reason) => w.WriteStringValue(reason));
        // Only a re-plan has a previous roster to differ from.
        if (roster.Objective?.Changes is not null || !roster.Changes.IsEmpty) w.WriteArray("changes", roster.Changes, WriteChange);
        WriteStatistics(w, roster.Statistics);
        w.WriteEndObject();
    }

    internal static void WriteObjective(Utf8JsonWriter w, ObjectiveValues? objective, string name = "objective")
    {
        if (objective is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        w.WriteNumber("critical", objective.Critical);
        w.WriteNumber("high", objective.High);
        w.WriteNumber("normal", objective.Normal);
        w.WriteNumber("low", objective.Low);
        if (objective.Changes is { } changes) w.WriteNumber("changes", changes);
        w.WriteNumber("cost", objective.Cost);
        w.WriteNumber("load", objective.Load);
        w.WriteEndObject();
    }

    private static void WriteBound(Utf8JsonWriter w, ObjectiveBound? bound)
    {
        if (bound is null)
        {
            w.WriteNull("bound");
            return;
        }
        w.WriteStartObject("bound");
        w.WriteNumberOrNull("critical", bound.Critical);
        w.WriteNumberOrNull("high", bound.High);
        w.WriteNumberOrNull("normal", bound.Normal);
        w.WriteNumberOrNull("low", bound.Low);
        if (bound.Changes is { } changes) w.WriteNumber("changes", changes);
        w.WriteNumberOrNull("cost", bound.Cost);
        w.WriteNumberOrNull("load", bound.Load);
        w.WriteEndObject();
    }

    internal static void WriteAssignment(Utf8JsonWriter w, Assignment a)
    {
        w.WriteStartObject();
        w.WriteString("member", a.Member);
        w.WriteString("operation", a.Operation);
        w.WriteString("position", a.Position);
        w.WriteDate("start", a.Start);
        w.WriteDate("end", a.End);
        w.WriteEndObject();
    }

    internal static void WriteChange(Utf8JsonWriter w, RosterChange c)
    {
        w.WriteStartObject();
        w.WriteString("kind", JsonNames.ChangeKinds.Name(c.Kind));
        w.WriteString("member", c.Member);
        w.WriteString("position", c.Position);
        w.WriteDate("start", c.Start);
        w.WriteDate("end", c.End);
        if (c.Previous is { } p)
        {
            w.WriteStartObject("previous");
            w.WriteString("position", p.Position);
            w.WriteDate("start", p.Start);
            w.WriteDate("end", p.End);
            w.WriteEndObject();
        }
        if (c.Reason is null) w.WriteNull("reason");
        else w.WriteString("reason", c.Reason);
        w.WriteBoolean("forced", c.Forced);
        w.WriteEndObject();
    }

    private static void WriteUnfilled(Utf8JsonWriter w, UnfilledPosition u)
    {
        w.WriteStartObject();
        w.WriteString("operation", u.Operation);
        w.WriteString("position", u.Position);
        w.WriteString("priority", JsonNames.Priorities.Name(u.Priority));
        w.WriteNumber("uncoveredSeatDays", u.UncoveredSeatDays);
        w.WriteArray("gaps", u.Gaps, (w, gap) =>
        {
            w.WriteStartObject();
            w.WriteDate("start", gap.Days.Start);
            w.WriteDate("end", gap.Days.End);
            w.WriteNumber("emptySeats", gap.EmptySeats);
            w.WriteEndObject();
        });
        w.WriteString("reason", u.Reason);
        w.WriteEndObject();
    }

    private static void WriteFill(Utf8JsonWriter w, FillRate fill)
    {
        w.WriteStartObject();
        w.WriteString("key", fill.Key);
        w.WriteNumber("coveredSeatDays", fill.CoveredSeatDays);
        w.WriteNumber("requiredSeatDays", fill.RequiredSeatDays);
        w.WriteNumberOrNull("rate", fill.Rate);
        w.WriteEndObject();
    }

    private static void WriteSurgeUse(Utf8JsonWriter w, SurgeUse use)
    {
        w.WriteStartObject();
        w.WriteNumber("index", use.Index);
        w.WriteString("limit", use.Limit);
        w.WriteNumber("peak", use.Peak);
        w.WriteDate("peakDay", use.PeakDay);
        w.WriteNumberOrNull("capacity", use.Capacity);
        w.WriteBoolean("binding", use.Binding);
        w.WriteEndObject();
    }

    private static void WriteStatistics(Utf8JsonWriter w, SolveStatistics? s)
    {
        if (s is null)
        {
            w.WriteNull("statistics");
            return;
        }
        w.WriteStartObject("statistics");
        w.WriteNumber("members", s.Members);
        w.WriteNumber("positions", s.Positions);
        w.WriteNumber("candidateTours", s.CandidateTours);
        w.WriteNumber("columns", s.Columns);
        w.WriteNumber("rows", s.Rows);
        w.WriteNumber("nonZeros", s.NonZeros);
        w.WriteNumber("eligibilityMillis", s.EligibilityMillis);
        w.WriteNumber("modelMillis", s.ModelMillis);
        w.WriteNumber("solveMillis", s.SolveMillis);
        w.WriteNumber("verifyMillis", s.VerifyMillis);
        w.WriteArray("stages", s.Stages, (w, stage) =>
        {
            w.WriteStartObject();
            w.WriteString("level", stage.Level);
            w.WriteString("status", JsonNames.Statuses.Name(stage.Status));
            w.WriteNumberOrNull("value", stage.Value);
            w.WriteNumberOrNull("bound", stage.Bound);
            w.WriteNumber("millis", stage.Millis);
            w.WriteNumber("nodes", stage.Nodes);
            w.WriteEndObject();
        });
        w.WriteEndObject();
    }
}
