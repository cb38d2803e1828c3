using System.Text.Json;
using Scrs.Matching.Domain;

namespace Scrs.Matching.Input;

/// <summary>Reads and writes a <see cref="DeploymentProblem"/> in the JSON exchange format of <c>docs/problem-format.md</c>.</summary>
/// <remarks>
/// Reading reports every problem of a document at once, each naming the field path (such as <c>members[12].component</c>) and
/// the record's id: malformed JSON (with line and position), wrong types, unknown names and properties, missing required
/// fields, bad dates, and every rule of <see cref="Validation.ProblemValidator"/>. Nothing given is dropped silently.
/// </remarks>
public static class ProblemJson
{
    /// <summary>Reads a problem from JSON text.</summary>
    /// <param name="json">The document.</param>
    /// <returns>The problem, or every error found in the document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    public static ReadResult<DeploymentProblem> Read(string json) => JsonOutput.Parse(json, ProblemReader.Read);

    /// <summary>Reads a problem from a UTF-8 stream.</summary>
    /// <param name="utf8Json">The document; read to its end, not closed.</param>
    /// <returns>The problem, or every error found in the document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is <see langword="null"/>.</exception>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    public static ReadResult<DeploymentProblem> Read(Stream utf8Json) => JsonOutput.Parse(utf8Json, ProblemReader.Read);

    /// <summary>Writes <paramref name="problem"/> as indented JSON.</summary>
    /// <param name="problem">The problem.</param>
    /// <returns>The document; the same problem always gives the same text.</returns>
    /// <remarks>
    /// Every field is written, defaults included, except optional values that are not set and <c>exclusions</c> when there are
    /// none. Skills are ordered by name; lists keep their order; <c>policy.components</c> lists the values in force for all four
    /// components.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="problem"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A surge limit's <c>maxShare</c> is not a finite number, which JSON cannot hold.</exception>
    public static string Write(DeploymentProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return JsonOutput.Write(w => WriteProblem(w, problem));
    }

    /// <summary>Writes <paramref name="policy"/> on its own, as the <c>policy</c> object of a problem (the spreadsheet import's policy file).</summary>
    internal static string WritePolicy(Policy policy) => JsonOutput.Write(w => WritePolicy(w, policy));

    private static void WriteProblem(Utf8JsonWriter w, DeploymentProblem problem)
    {
        w.WriteStartObject();
        w.WriteDate("planningDate", problem.PlanningDate);
        w.WriteArray("members", problem.Members, WriteMember);
        w.WriteArray("operations", problem.Operations, WriteOperation);
        w.WritePropertyName("policy");
        WritePolicy(w, problem.Policy);
        w.WriteArray("locks", problem.Locks, WriteLock);
        // Written only when there are some, so that a problem without them reads in versions that predate exclusions.
        if (!problem.Exclusions.IsDefaultOrEmpty) w.WriteArray("exclusions", problem.Exclusions, WriteExclusion);
        w.WriteEndObject();
    }

    internal static void WriteMember(Utf8JsonWriter w, Member m)
    {
        w.WriteStartObject();
        w.WriteString("id", m.Id);
        w.WriteString("name", m.Name);
        w.WriteString("component", JsonNames.Components.Name(m.Component));
        if (m.Agency is not null) w.WriteString("agency", m.Agency);
        WriteLevels(w, "skills", m.Skills);
        w.WriteArray("languages", m.Languages, (w, l) => w.WriteStringValue(l));
        w.WriteString("clearance", JsonNames.Clearances.Name(m.Clearance));
        w.WriteArray("unavailable", m.Unavailable, WriteRange);
        if (m.LeadTimeDays is { } lead) w.WriteNumber("leadTimeDays", lead);
        if (m.MaxTourDays is { } tour) w.WriteNumber("maxTourDays", tour);
        if (m.DailyCost is { } cost) w.WriteNumber("dailyCost", cost);
        w.WriteNumber("deployedDaysLast365", m.DeployedDaysLast365);
        // Left out when empty, so that problems without credentials are written as before.
        if (!m.Credentials.IsEmpty)
        {
            w.WriteStartObject("credentials");
            foreach (var (name, last) in m.Credentials.OrderBy(c => c.Key, StringComparer.OrdinalIgnoreCase)) w.WriteDate(name, last);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteRange(Utf8JsonWriter w, DateRange range)
    {
        w.WriteStartObject();
        w.WriteDate("start", range.Start);
        w.WriteDate("end", range.End);
        w.WriteEndObject();
    }

    private static void WriteOperation(Utf8JsonWriter w, Operation o)
    {
        w.WriteStartObject();
        w.WriteString("id", o.Id);
        w.WriteString("name", o.Name);
        w.WriteArray("positions", o.Positions, WritePosition);
        // Left out when empty, so that problems without teams are written as before.
        if (!o.Teams.IsDefaultOrEmpty) w.WriteArray("teams", o.Teams, WriteTeam);
        w.WriteEndObject();
    }

    private static void WriteCourse(Utf8JsonWriter w, Course c)
    {
        w.WriteStartObject();
        w.WriteString("credential", c.Credential);
        w.WriteNumber("validDays", c.ValidDays);
        w.WriteNumber("costPerSeat", c.CostPerSeat);
        w.WriteArray("sessions", c.Sessions, WriteSession);
        w.WriteEndObject();
    }

    internal static void WriteSession(Utf8JsonWriter w, CourseSession s)
    {
        w.WriteStartObject();
        w.WriteString("id", s.Id);
        w.WriteDate("start", s.Days.Start);
        w.WriteDate("end", s.Days.End);
        w.WriteNumber("seats", s.Seats);
        w.WriteEndObject();
    }

    private static void WriteTeam(Utf8JsonWriter w, Team t)
    {
        w.WriteStartObject();
        w.WriteString("id", t.Id);
        w.WriteString("name", t.Name);
        w.WriteArray("positions", t.Positions, (w, p) => w.WriteStringValue(p));
        if (t.MinAgencies is { } agencies) w.WriteNumber("minAgencies", agencies);
        w.WriteEndObject();
    }

    private static void WritePosition(Utf8JsonWriter w, Position p)
    {
        w.WriteStartObject();
        w.WriteString("id", p.Id);
        w.WriteString("title", p.Title);
        WriteLevels(w, "requires", p.Requires);
        w.WriteArray("languages", p.Languages, (w, l) => w.WriteStringValue(l));
        w.WriteString("clearance", JsonNames.Clearances.Name(p.Clearance));
        w.WriteNumber("headcount", p.Headcount);
        w.WriteDate("start", p.Window.Start);
        w.WriteDate("end", p.Window.End);
        if (p.RotationDays is { } rotation) w.WriteNumber("rotationDays", rotation);
        w.WriteString("priority", JsonNames.Priorities.Name(p.Priority));
        w.WriteArray("allowedComponents", p.AllowedComponents, (w, c) => w.WriteStringValue(JsonNames.Components.Name(c)));
        if (!p.Credentials.IsDefaultOrEmpty) w.WriteArray("credentials", p.Credentials, (w, c) => w.WriteStringValue(c));
        w.WriteEndObject();
    }

    private static void WritePolicy(Utf8JsonWriter w, Policy policy)
    {
        w.WriteStartObject();
        w.WriteStartObject("components");
        foreach (var component in Enum.GetValues<Component>())
        {
            var values = policy.For(component);
            w.WriteStartObject(JsonNames.Components.Name(component));
            w.WriteNumber("leadTimeDays", values.LeadTimeDays);
            w.WriteNumber("maxTourDays", values.MaxTourDays);
            w.WriteNumber("dailyCost", values.DailyCost);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteNumber("restDays", policy.RestDays);
        if (policy.DefaultRotationDays is { } rotation) w.WriteNumber("defaultRotationDays", rotation);
        w.WriteArray("surge", policy.Surge, WriteSurgeLimit);
        if (policy.Budget is { } budget) w.WriteNumber("budget", budget);
        // Left out when empty, so that problems without courses are written as before.
        if (!policy.Courses.IsDefaultOrEmpty) w.WriteArray("courses", policy.Courses, WriteCourse);
        w.WriteEndObject();
    }

    internal static void WriteSurgeLimit(Utf8JsonWriter w, SurgeLimit s)
    {
        w.WriteStartObject();
        if (s.Agency is not null) w.WriteString("agency", s.Agency);
        if (s.Component is { } component) w.WriteString("component", JsonNames.Components.Name(component));
        if (s.Operation is not null) w.WriteString("operation", s.Operation);
        if (s.MaxConcurrent is { } max) w.WriteNumber("maxConcurrent", max);
        if (s.MaxShare is { } share) w.WriteNumber("maxShare", share);
        w.WriteEndObject();
    }

    private static void WriteLock(Utf8JsonWriter w, AssignmentLock l)
    {
        w.WriteStartObject();
        w.WriteString("member", l.Member);
        w.WriteString("position", l.Position);
        if (l.Start is { } start) w.WriteDate("start", start);
        if (l.End is { } end) w.WriteDate("end", end);
        w.WriteEndObject();
    }

    private static void WriteExclusion(Utf8JsonWriter w, Exclusion e)
    {
        w.WriteStartObject();
        w.WriteString("member", e.Member);
        if (e.Position is not null) w.WriteString("position", e.Position);
        if (e.Operation is not null) w.WriteString("operation", e.Operation);
        w.WriteEndObject();
    }

    // Ordered by name so that the same problem always gives the same text, whatever the dictionary's hashing.
    private static void WriteLevels(Utf8JsonWriter w, string name, System.Collections.Immutable.ImmutableDictionary<string, int> levels)
    {
        w.WriteStartObject(name);
        if (levels is not null)
            foreach (var (key, level) in levels.OrderBy(e => e.Key, StringComparer.Ordinal)) w.WriteNumber(key, level);
        w.WriteEndObject();
    }
}
