using System.Collections.Immutable;
using System.Text.Json;
using Scrs.Matching.Domain;
using Scrs.Matching.Validation;

namespace Scrs.Matching.Input;

/// <summary>Maps a parsed problem document to a <see cref="DeploymentProblem"/>, collecting every format and rule error.</summary>
internal sealed class ProblemReader
{
    private static readonly string[] RootFields = ["planningDate", "members", "operations", "policy", "locks", "exclusions"];
    private static readonly string[] MemberFields =
        ["id", "name", "component", "agency", "skills", "languages", "clearance", "unavailable", "leadTimeDays", "maxTourDays", "dailyCost", "deployedDaysLast365",
            "credentials"];
    private static readonly string[] RangeFields = ["start", "end"];
    private static readonly string[] OperationFields = ["id", "name", "positions", "teams"];
    private static readonly string[] TeamFields = ["id", "name", "positions", "minAgencies"];
    private static readonly string[] PositionFields =
        ["id", "title", "requires", "languages", "clearance", "headcount", "start", "end", "rotationDays", "priority", "allowedComponents", "credentials"];
    private static readonly string[] PolicyFields = ["components", "restDays", "defaultRotationDays", "surge", "budget", "courses"];
    private static readonly string[] CourseFields = ["credential", "validDays", "costPerSeat", "sessions"];
    private static readonly string[] SessionFields = ["id", "start", "end", "seats"];
    private static readonly string[] ComponentPolicyFields = ["leadTimeDays", "maxTourDays", "dailyCost"];
    private static readonly string[] SurgeFields = ["agency", "component", "operation", "maxConcurrent", "maxShare"];
    private static readonly string[] LockFields = ["member", "position", "start", "end"];
    private static readonly string[] ExclusionFields = ["member", "position", "operation"];

    private readonly ReadErrors errors = new();

    /// <summary>Reads the problem at <paramref name="root"/> and validates it.</summary>
    /// <remarks>
    /// Rule errors are looked for even when there are format errors, except in records with a format error (their placeholders
    /// could cause false alarms) and when a whole section has the wrong shape (every reference into it would look broken).
    /// </remarks>
    public static ReadResult<DeploymentProblem> Read(JsonElement root)
    {
        var reader = new ProblemReader();
        var problem = reader.ReadProblem(root, out var sectionsWellFormed);
        var ruleErrors = sectionsWellFormed && problem is not null ? ProblemValidator.Validate(problem) : [];
        if (reader.errors.Count == 0 && ruleErrors.IsEmpty) return ReadResult<DeploymentProblem>.Success(problem!);
        var all = reader.errors.ToImmutable().AddRange(ruleErrors.Where(e => !reader.errors.CoversRecordOf(e.Field)));
        return ReadResult<DeploymentProblem>.Failure(all);
    }

    /// <summary>Reads a policy document on its own (the spreadsheet import's policy file), its errors under the path <c>policy</c>.</summary>
    /// <remarks>Only the format is checked here: the policy's rules (surge limits naming known operations and agencies) need the whole problem.</remarks>
    public static ReadResult<Policy> ReadPolicy(JsonElement root)
    {
        var reader = new ProblemReader();
        var policy = JsonRecord.Open(root, "policy", null, null, reader.errors) is { } record ? ReadPolicy(record) : null;
        return reader.errors.Count == 0 ? ReadResult<Policy>.Success(policy!) : ReadResult<Policy>.Failure(reader.errors.ToImmutable());
    }

    private DeploymentProblem? ReadProblem(JsonElement root, out bool sectionsWellFormed)
    {
        sectionsWellFormed = false;
        if (JsonRecord.Open(root, "", null, null, errors) is not { } doc) return null;
        doc.Expect(RootFields);
        var planningDate = doc.Date("planningDate", required: true) ?? default;
        var members = doc.Records("members", ownRecords: true, ReadMember, out var membersOk, required: true);
        var operations = doc.Records("operations", ownRecords: true, ReadOperation, out var operationsOk, required: true);
        var policyRecord = doc.Child("policy", null, out var policyOk);
        var policy = policyRecord is null ? Policy.Default : ReadPolicy(policyRecord);
        var locks = doc.Records("locks", ownRecords: true, ReadLock, out var locksOk);
        var exclusions = doc.Records("exclusions", ownRecords: true, ReadExclusion, out var exclusionsOk);
        sectionsWellFormed = membersOk && operationsOk && policyOk && locksOk && exclusionsOk;
        return new DeploymentProblem(planningDate, members, operations, policy, locks) { Exclusions = exclusions };
    }

    private static Member ReadMember(JsonRecord r)
    {
        r.Id = r.Peek("id");
        r.Expect(MemberFields);
        var id = r.String("id", required: true) ?? "";
        return new Member(
            id,
            r.String("name") ?? id,
            r.Enum("component", JsonNames.Components, "component", required: true) ?? Component.Active,
            r.String("agency"),
            r.Levels("skills", "skill"),
            r.Strings("languages"),
            r.Enum("clearance", JsonNames.Clearances, "clearance") ?? Clearance.None,
            r.Records("unavailable", ReadRange),
            r.Int("leadTimeDays"),
            r.Int("maxTourDays"),
            r.Decimal("dailyCost"),
            r.Int("deployedDaysLast365") ?? 0)
        {
            Credentials = r.Dates("credentials", "credential"),
        };
    }

    private static DateRange ReadRange(JsonRecord r)
    {
        r.Expect(RangeFields);
        return ReadWindow(r);
    }

    // A missing or bad day stands for the widest range, so that no check against it (a lock's dates, say) raises a false alarm.
    private static DateRange ReadWindow(JsonRecord r) =>
        new(r.Date("start", required: true) ?? DateOnly.MinValue, r.Date("end", required: true) ?? DateOnly.MaxValue);

    private static Operation ReadOperation(JsonRecord r)
    {
        r.Id = r.Peek("id");
        r.Expect(OperationFields);
        var id = r.String("id", required: true) ?? "";
        var name = r.String("name") ?? id;
        // An operation's own placeholders are harmless, so only its positions and teams are records of their own.
        return new Operation(id, name, r.Records("positions", ownRecords: true, ReadPosition, out _, required: true))
        {
            Teams = r.Records("teams", ownRecords: true, ReadTeam, out _),
        };
    }

    private static Team ReadTeam(JsonRecord r)
    {
        r.Id = r.Peek("id");
        r.Expect(TeamFields);
        var id = r.String("id", required: true) ?? "";
        return new Team(id, r.String("name") ?? id, r.Strings("positions", required: true), r.Int("minAgencies"));
    }

    private static Position ReadPosition(JsonRecord r)
    {
        r.Id = r.Peek("id");
        r.Expect(PositionFields);
        var id = r.String("id", required: true) ?? "";
        var title = r.String("title") ?? id;
        var requires = r.Levels("requires", "skill");
        var languages = r.Strings("languages");
        var clearance = r.Enum("clearance", JsonNames.Clearances, "clearance") ?? Clearance.None;
        var headcount = r.Int("headcount") ?? 1;
        return new Position(
            id, title, requires, languages, clearance, headcount,
            ReadWindow(r),
            r.Int("rotationDays"),
            r.Enum("priority", JsonNames.Priorities, "priority") ?? Priority.Normal,
            r.Enums("allowedComponents", JsonNames.Components, "component"))
        {
            Credentials = r.Strings("credentials"),
        };
    }

    private static Policy ReadPolicy(JsonRecord r)
    {
        r.Expect(PolicyFields);
        var components = Policy.DefaultComponents.ToBuilder();
        if (r.Child("components", null, out _) is { } given)
        {
            foreach (var (name, record) in given.NamedChildren())
            {
                if (!JsonNames.Components.TryParse(name, out var component))
                    given.Fail(given.Field(name), $"unknown component '{ReadErrors.Echo(name)}'; allowed values: {JsonNames.Components.Allowed}");
                else if (record is not null)
                    components[component] = ReadComponentPolicy(record, components[component]);
            }
        }
        return new Policy(
            components.ToImmutable(),
            r.Int("restDays") ?? Policy.DefaultRestDays,
            r.Int("defaultRotationDays"),
            r.Records("surge", ownRecords: true, ReadSurgeLimit, out _),
            r.Decimal("budget"))
        {
            Courses = r.Records("courses", ownRecords: true, ReadCourse, out _),
        };
    }

    private static Course ReadCourse(JsonRecord r)
    {
        r.Id = r.Peek("credential");
        r.Expect(CourseFields);
        return new Course(
            r.String("credential", required: true) ?? "",
            r.Int("validDays", required: true) ?? 1,
            r.Records("sessions", ownRecords: true, ReadSession, out _, required: true),
            r.Decimal("costPerSeat") ?? 0);
    }

    private static CourseSession ReadSession(JsonRecord r)
    {
        r.Id = r.Peek("id");
        r.Expect(SessionFields);
        return new CourseSession(r.String("id", required: true) ?? "", ReadWindow(r), r.Int("seats", required: true) ?? 1);
    }

    // Fields left out keep the defaults: a policy may change only the standby lead time, say.
    private static ComponentPolicy ReadComponentPolicy(JsonRecord r, ComponentPolicy defaults)
    {
        r.Expect(ComponentPolicyFields);
        return new ComponentPolicy(
            r.Int("leadTimeDays") ?? defaults.LeadTimeDays,
            r.Int("maxTourDays") ?? defaults.MaxTourDays,
            r.Decimal("dailyCost") ?? defaults.DailyCost);
    }

    private static SurgeLimit ReadSurgeLimit(JsonRecord r)
    {
        r.Expect(SurgeFields);
        return new SurgeLimit(
            r.String("agency"),
            r.Enum("component", JsonNames.Components, "component"),
            r.String("operation"),
            r.Int("maxConcurrent"),
            r.Double("maxShare"));
    }

    private static AssignmentLock ReadLock(JsonRecord r)
    {
        r.Id = ErrorLocation.PairId(r.Peek("member"), r.Peek("position"));
        r.Expect(LockFields);
        return new AssignmentLock(
            r.String("member", required: true) ?? "",
            r.String("position", required: true) ?? "",
            r.Date("start"),
            r.Date("end"));
    }

    private static Exclusion ReadExclusion(JsonRecord r)
    {
        r.Id = ErrorLocation.ExclusionId(r.Peek("member"), r.Peek("position"), r.Peek("operation"));
        r.Expect(ExclusionFields);
        return new Exclusion(r.String("member", required: true) ?? "", r.String("position"), r.String("operation"));
    }
}
