using System.Collections.Immutable;
using System.Text.Json;
using Scrs.Matching.Domain;
using Scrs.Matching.Report;
using Scrs.Matching.Validation;

namespace Scrs.Matching.Input;

/// <summary>Writes a <see cref="Roster"/> in the output format of <c>docs/roster-format.md</c>, and reads back its assignments.</summary>
public static class RosterJson
{
    private static readonly string[] AssignmentFields = ["member", "operation", "position", "start", "end"];
    private static readonly string[] RosterFields =
        ["status", "objective", "bound", "gap", "solveMillis", "assignments", "training", "unfilled", "operationFill", "priorityFill", "surgeUse", "reasons", "changes", "trainingChanges", "statistics"];
    private static readonly string[] TrainingFields = ["member", "credential", "session", "start", "end"];

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

    /// <summary>Reads a whole roster document, every section as <see cref="Write(Roster)"/> writes it, for drawing it (<c>RosterHtml</c>).</summary>
    /// <param name="json">A roster document.</param>
    /// <returns>The roster, or every format error found (each naming the field path).</returns>
    /// <remarks>
    /// <c>status</c> and <c>assignments</c> are required; a missing section reads as empty (a list) or not set (a number).
    /// The sections are read as written, not recomputed: whether they still describe the assignments is for the caller to
    /// check (<c>RosterHtml</c> compares the objective with <see cref="Verification.RosterEvaluator"/>'s).
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    public static ReadResult<Roster> Read(string json) => JsonOutput.Parse(json, root =>
    {
        var errors = new ReadErrors();
        Roster? roster = null;
        if (JsonRecord.Open(root, "", null, null, errors) is { } doc)
        {
            doc.Expect(RosterFields);
            var status = doc.Enum("status", JsonNames.Statuses, "status", required: true);
            var objective = doc.Child("objective", null, out _) is { } o
                ? new ObjectiveValues(o.Long("critical") ?? 0, o.Long("high") ?? 0, o.Long("normal") ?? 0, o.Long("low") ?? 0, o.Decimal("cost") ?? 0, o.Long("load") ?? 0)
                    { Changes = o.Long("changes") }
                : null;
            var bound = doc.Child("bound", null, out _) is { } b
                ? new ObjectiveBound(b.Double("critical"), b.Double("high"), b.Double("normal"), b.Double("low"), b.Double("cost"), b.Double("load")) { Changes = b.Double("changes") }
                : new ObjectiveBound(null, null, null, null, null, null);
            var assignments = doc.Records("assignments", ownRecords: true, ReadAssignment, out _, required: true);
            roster = new Roster(status ?? default, objective, bound, doc.Double("gap"), doc.Long("solveMillis") ?? 0, assignments,
                doc.Records("unfilled", ownRecords: true, ReadUnfilled, out _),
                doc.Records("operationFill", ownRecords: true, ReadFill, out _),
                doc.Records("priorityFill", ownRecords: true, ReadFill, out _),
                doc.Records("surgeUse", ownRecords: true, ReadSurgeUse, out _),
                doc.Strings("reasons"),
                doc.Child("statistics", null, out _) is { } s ? ReadStatistics(s) : new SolveStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, []))
            {
                Changes = doc.Records("changes", ownRecords: true, ReadChange, out _),
                Training = doc.Records("training", ownRecords: true, ReadTrainingEntry, out _),
                TrainingChanges = doc.Records("trainingChanges", ownRecords: true, ReadTrainingChange, out _),
            };
        }
        return errors.Count == 0 ? ReadResult<Roster>.Success(roster!) : ReadResult<Roster>.Failure(errors.ToImmutable());
    });

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

    /// <summary>Reads the <c>training</c> of a roster document (empty when it has none), for checking a roster against its problem.</summary>
    /// <param name="json">A roster document; only its <c>training</c> is read.</param>
    /// <returns>The trainings, in document order, or every format error found (each naming the field path and <c>member/session</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    public static ReadResult<ImmutableArray<Training>> ReadTraining(string json) => JsonOutput.Parse(json, ReadTraining);

    /// <summary>
    /// Reads a roster document's <c>assignments</c> and <c>training</c> from one parse, for re-planning from it and
    /// checking it: the errors of the assignments if they have any, else those of the training.
    /// </summary>
    internal static ReadResult<(ImmutableArray<Assignment> Assignments, ImmutableArray<Training> Training)> ReadTours(string json) =>
        JsonOutput.Parse(json, root =>
        {
            var assignments = ReadAssignments(root);
            var training = assignments.Ok ? ReadTraining(root) : null;
            return training is { Ok: true }
                ? ReadResult<(ImmutableArray<Assignment>, ImmutableArray<Training>)>.Success((assignments.Value, training.Value))
                : ReadResult<(ImmutableArray<Assignment>, ImmutableArray<Training>)>.Failure(training?.Errors ?? assignments.Errors);
        });

    private static ReadResult<ImmutableArray<Training>> ReadTraining(JsonElement root)
    {
        var errors = new ReadErrors();
        var training = ImmutableArray<Training>.Empty;
        if (JsonRecord.Open(root, "", null, null, errors) is { } doc) training = doc.Records("training", ownRecords: true, ReadTrainingEntry, out _);
        return errors.Count == 0 ? ReadResult<ImmutableArray<Training>>.Success(training) : ReadResult<ImmutableArray<Training>>.Failure(errors.ToImmutable());
    }

    private static Training ReadTrainingEntry(JsonRecord r)
    {
        r.Id = ErrorLocation.PairId(r.Peek("member"), r.Peek("session"));
        r.Expect(TrainingFields);
        return new Training(
            r.String("member", required: true) ?? "",
            r.String("credential", required: true) ?? "",
            r.String("session", required: true) ?? "",
            r.Date("start", required: true) ?? default,
            r.Date("end", required: true) ?? default);
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

    private static UnfilledPosition ReadUnfilled(JsonRecord r)
    {
        r.Id = r.Peek("position");
        return new UnfilledPosition(r.String("operation", required: true) ?? "", r.String("position", required: true) ?? "",
            r.Enum("priority", JsonNames.Priorities, "priority", required: true) ?? default, r.Long("uncoveredSeatDays") ?? 0,
            r.Records("gaps", g => new UncoveredRange(new DateRange(g.Date("start", required: true) ?? default, g.Date("end", required: true) ?? default),
                g.Int("emptySeats") ?? 0)),
            r.String("reason") ?? "");
    }

    private static FillRate ReadFill(JsonRecord r)
    {
        r.Id = r.Peek("key");
        // The rate follows from the two counts; it is written for readers of the file, not read back.
        return new FillRate(r.String("key", required: true) ?? "", r.Long("coveredSeatDays") ?? 0, r.Long("requiredSeatDays") ?? 0);
    }

    private static SurgeUse ReadSurgeUse(JsonRecord r) =>
        new(r.Int("index") ?? 0, r.String("limit") ?? "", r.Int("peak") ?? 0, r.Date("peakDay"), r.Double("capacity") ?? double.NaN, r.Bool("binding") ?? false);

    private static RosterChange ReadChange(JsonRecord r)
    {
        r.Id = ErrorLocation.PairId(r.Peek("member"), r.Peek("position"));
        return new RosterChange(r.Enum("kind", JsonNames.ChangeKinds, "change kind", required: true) ?? default, r.String("member", required: true) ?? "",
            r.String("position", required: true) ?? "", r.Date("start", required: true) ?? default, r.Date("end", required: true) ?? default, r.String("reason"))
        {
            Previous = r.Child("previous", null, out _) is { } p
                ? new Assignment(r.String("member") ?? "", "", p.String("position", required: true) ?? "", p.Date("start", required: true) ?? default,
                    p.Date("end", required: true) ?? default)
                : null,
            Forced = r.Bool("forced") ?? false,
        };
    }

    private static TrainingChange ReadTrainingChange(JsonRecord r)
    {
        r.Id = ErrorLocation.PairId(r.Peek("member"), r.Peek("session"));
        return new TrainingChange(r.Enum("kind", JsonNames.ChangeKinds, "change kind", required: true) ?? default, r.String("member", required: true) ?? "",
            r.String("credential", required: true) ?? "", r.String("session", required: true) ?? "", r.Date("start", required: true) ?? default,
            r.Date("end", required: true) ?? default, r.String("reason"))
        {
            Previous = r.Child("previous", null, out _) is { } p
                ? new Training(r.String("member") ?? "", r.String("credential") ?? "", p.String("session", required: true) ?? "",
                    p.Date("start", required: true) ?? default, p.Date("end", required: true) ?? default)
                : null,
        };
    }

    private static SolveStatistics ReadStatistics(JsonRecord s) => new(s.Int("members") ?? 0, s.Int("positions") ?? 0, s.Int("candidateTours") ?? 0,
        s.Int("columns") ?? 0, s.Int("rows") ?? 0, s.Long("nonZeros") ?? 0, s.Long("eligibilityMillis") ?? 0, s.Long("modelMillis") ?? 0,
        s.Long("solveMillis") ?? 0, s.Long("verifyMillis") ?? 0,
        s.Records("stages", t => new StageReport(t.String("level") ?? "", t.Enum("status", JsonNames.Statuses, "status") ?? default,
            t.Double("value") ?? double.NaN, t.Double("bound") ?? double.NaN, t.Long("millis") ?? 0, t.Long("nodes") ?? 0)));

    private static void WriteRoster(Utf8JsonWriter w, Roster roster)
    {
        w.WriteStartObject();
        w.WriteString("status", JsonNames.Statuses.Name(roster.Status));
        WriteObjective(w, roster.Objective);
        WriteBound(w, roster.Bound);
        w.WriteNumberOrNull("gap", roster.Gap);
        w.WriteNumber("solveMillis", roster.SolveMillis);
        w.WriteArray("assignments", roster.Assignments, WriteAssignment);
        w.WriteArray("training", roster.Training, (w, t) =>
        {
            w.WriteStartObject();
            w.WriteString("member", t.Member);
            w.WriteString("credential", t.Credential);
            w.WriteString("session", t.Session);
            w.WriteDate("start", t.Start);
            w.WriteDate("end", t.End);
            w.WriteEndObject();
        });
        w.WriteArray("unfilled", roster.Unfilled, WriteUnfilled);
        w.WriteArray("operationFill", roster.OperationFill, WriteFill);
        w.WriteArray("priorityFill", roster.PriorityFill, WriteFill);
        w.WriteArray("surgeUse", roster.SurgeUse, WriteSurgeUse);
        w.WriteArray("reasons", roster.Reasons, (w, reason) => w.WriteStringValue(reason));
        // Only a re-plan has a previous roster to differ from.
        if (roster.Objective?.Changes is not null || !roster.Changes.IsEmpty) w.WriteArray("changes", roster.Changes, WriteChange);
        if (!roster.TrainingChanges.IsEmpty) w.WriteArray("trainingChanges", roster.TrainingChanges, WriteTrainingChange);
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

    private static void WriteTrainingChange(Utf8JsonWriter w, TrainingChange c)
    {
        w.WriteStartObject();
        w.WriteString("kind", JsonNames.ChangeKinds.Name(c.Kind));
        w.WriteString("member", c.Member);
        w.WriteString("credential", c.Credential);
        w.WriteString("session", c.Session);
        w.WriteDate("start", c.Start);
        w.WriteDate("end", c.End);
        if (c.Previous is { } p)
        {
            w.WriteStartObject("previous");
            w.WriteString("session", p.Session);
            w.WriteDate("start", p.Start);
            w.WriteDate("end", p.End);
            w.WriteEndObject();
        }
        if (c.Reason is { } reason) w.WriteString("reason", reason);
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
