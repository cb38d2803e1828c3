using System.Collections.Immutable;
using Scrs.Matching.Domain;
using Scrs.Matching.Input;
using static Scrs.Matching.Validation.ErrorLocation;

namespace Scrs.Matching.Validation;

/// <summary>Checks the rules an input must keep before planning, on a typed <see cref="DeploymentProblem"/> (read from JSON or built in code).</summary>
/// <remarks>
/// Every error names the field path, in the JSON format's terms (such as <c>operations[0].positions[3].end</c>), and the id of
/// its record. <see cref="ProblemJson.Read(string)"/> runs these checks too, so one call lists format and rule errors together.
/// </remarks>
public static class ProblemValidator
{
    /// <summary>The highest skill level; levels run from 1 to this.</summary>
    public const int MaxSkillLevel = 5;

    /// <summary>Lists every rule <paramref name="problem"/> breaks.</summary>
    /// <param name="problem">The problem; may be anything, including <see langword="null"/> or records holding <see langword="null"/>s.</param>
    /// <returns>Every error, in input order; empty when the problem is valid.</returns>
    /// <remarks>
    /// Checks: ids present and unique (position ids across all operations); ranges that end before they start; headcounts and
    /// rotation lengths above zero; skill levels within 1..5; credential names present and not repeated; lead times, deployed days, rest days, costs and the budget not
    /// negative; maximum tours above zero; surge limits with exactly one of <c>maxConcurrent</c> (at least 0) and <c>maxShare</c>
    /// (within 0..1), naming a known operation and an agency some member has; locks naming a known member and position, with
    /// both dates or none, inside the position's window; exclusions naming a known member, position and operation, the position
    /// in the operation when both are given, and ruling out no lock; teams (see <c>Run.Teams</c>). Never throws.
    /// </remarks>
    public static ImmutableArray<InputError> Validate(DeploymentProblem problem)
    {
        if (problem is null) return [new InputError(Document, null, "the problem is missing (null)")];
        var run = new Run();
        var members = run.Members(problem.Members);
        var positions = run.Operations(problem.Operations, out var operationOf);
        var operationIds = problem.Operations.IsDefault ? [] : problem.Operations.Where(o => o?.Id is not null).Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        run.Teams(problem.Operations, problem.Policy);
        run.Policy(problem.Policy, operationIds, problem.Members);
        run.Locks(problem.Locks, members, positions);
        run.Exclusions(problem.Exclusions, problem.Locks, members, operationOf, operationIds);
        return run.Errors.ToImmutable();
    }

    /// <summary>One validation, collecting errors.</summary>
    private sealed class Run
    {
        public ImmutableArray<InputError>.Builder Errors { get; } = ImmutableArray.CreateBuilder<InputError>();

        private void Add(string field, string? id, string message) => Errors.Add(new InputError(field, id, message));

        /// <summary>Checks the members; returns the known member ids.</summary>
        public HashSet<string> Members(ImmutableArray<Member> members)
        {
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            if (!Present(members, "members")) return [.. ids.Keys];
            for (var i = 0; i < members.Length; i++)
            {
                var path = Index("members", i);
                if (members[i] is not { } m)
                {
                    Add(path, null, "member is null");
                    continue;
                }
                UniqueId(m.Id, path, "member", ids, i);
                NotNull(m.Name, Property(path, "name"), m.Id);
                if (m.Agency is { } agency && string.IsNullOrWhiteSpace(agency))
                    Add(Property(path, "agency"), m.Id, "agency is empty; leave it out for a member without one");
                Defined(m.Component, JsonNames.Components, Property(path, "component"), m.Id, "component");
                Defined(m.Clearance, JsonNames.Clearances, Property(path, "clearance"), m.Id, "clearance");
                Levels(m.Skills, Property(path, "skills"), m.Id, "skill");
                Names(m.Languages, Property(path, "languages"), m.Id, "language");
                Credentials(m.Credentials, Property(path, "credentials"), m.Id);
                if (Present(m.Unavailable, Property(path, "unavailable"), m.Id))
                    for (var j = 0; j < m.Unavailable.Length; j++)
                        Range(m.Unavailable[j], Index(Property(path, "unavailable"), j), m.Id);
                if (m.LeadTimeDays < 0) Add(Property(path, "leadTimeDays"), m.Id, $"lead time {m.LeadTimeDays} is negative");
                if (m.MaxTourDays <= 0) Add(Property(path, "maxTourDays"), m.Id, $"maximum tour {m.MaxTourDays} must be at least 1 day");
                if (m.DailyCost < 0) Add(Property(path, "dailyCost"), m.Id, $"daily cost {m.DailyCost} is negative");
                if (m.DeployedDaysLast365 is < 0 or > 365)
                    Add(Property(path, "deployedDaysLast365"), m.Id, $"{m.DeployedDaysLast365} days deployed in the last 365 must lie within 0..365");
            }
            return [.. ids.Keys];
        }

        /// <summary>Checks the operations and their positions; returns the valid positions by id, and the operation id of each.</summary>
        public Dictionary<string, Position> Operations(ImmutableArray<Operation> operations, out Dictionary<string, string> operationOf)
        {
            var positions = new Dictionary<string, Position>(StringComparer.Ordinal);
            operationOf = new Dictionary<string, string>(StringComparer.Ordinal);
            if (!Present(operations, "operations")) return positions;
            var operationIds = new Dictionary<string, int>(StringComparer.Ordinal);
            var positionIds = new Dictionary<string, string>(StringComparer.Ordinal); // id -> path of its first use
            for (var i = 0; i < operations.Length; i++)
            {
                var path = Index("operations", i);
                if (operations[i] is not { } o)
                {
                    Add(path, null, "operation is null");
                    continue;
                }
                UniqueId(o.Id, path, "operation", operationIds, i);
                NotNull(o.Name, Property(path, "name"), o.Id);
                if (!Present(o.Positions, Property(path, "positions"), o.Id)) continue;
                for (var j = 0; j < o.Positions.Length; j++)
                {
                    var positionPath = Index(Property(path, "positions"), j);
                    if (o.Positions[j] is not { } p)
                    {
                        Add(positionPath, o.Id, "position is null");
                        continue;
                    }
                    if (string.IsNullOrWhiteSpace(p.Id))
                        Add(Property(positionPath, "id"), p.Id, "position id is empty");
                    else if (positionIds.TryGetValue(p.Id, out var first))
                        Add(Property(positionPath, "id"), p.Id, $"duplicate position id; {first} has it too (position ids are unique across all operations)");
                    else
                    {
                        positionIds.Add(p.Id, positionPath);
                        positions.Add(p.Id, p);
                        operationOf.Add(p.Id, o.Id);
                    }
                    Position(p, positionPath);
                }
            }
            return positions;
        }

        /// <summary>
        /// Checks the teams: ids present and unique among all teams, at least two positions each, every one a position of
        /// the team's operation named once, in no other team, with the window and rotation of the team's first position;
        /// <c>minAgencies</c> at least 1.
        /// </summary>
        public void Teams(ImmutableArray<Operation> operations, Policy? policy)
        {
            if (operations.IsDefault) return;
            var ids = new Dictionary<string, string>(StringComparer.Ordinal); // team id -> path of its first use
            var teamOf = new Dictionary<string, string>(StringComparer.Ordinal); // position id -> its team's id
            for (var i = 0; i < operations.Length; i++)
            {
                if (operations[i] is not { } o || o.Positions.IsDefault) continue;
                var path = Property(Index("operations", i), "teams");
                if (!Present(o.Teams, path, o.Id)) continue;
                var positions = o.Positions.Where(p => p?.Id is not null).GroupBy(p => p.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
                for (var k = 0; k < o.Teams.Length; k++)
                {
                    var teamPath = Index(path, k);
                    if (o.Teams[k] is not { } team)
                    {
                        Add(teamPath, o.Id, "team is null");
                        continue;
                    }
                    if (string.IsNullOrWhiteSpace(team.Id)) Add(Property(teamPath, "id"), team.Id, "team id is empty");
                    else if (!ids.TryAdd(team.Id, teamPath))
                        Add(Property(teamPath, "id"), team.Id, $"duplicate team id; {ids[team.Id]} has it too (team ids are unique across all operations)");
                    NotNull(team.Name, Property(teamPath, "name"), team.Id);
                    if (team.MinAgencies < 1) Add(Property(teamPath, "minAgencies"), team.Id, $"{team.MinAgencies} agencies must be at least 1");
                    var positionsPath = Property(teamPath, "positions");
                    if (!Present(team.Positions, positionsPath, team.Id)) continue;
                    if (team.Positions.Length < 2)
                        Add(positionsPath, team.Id, $"a team has at least 2 positions, this one {team.Positions.Length}");
                    Position? first = null;
                    var named = new HashSet<string>(StringComparer.Ordinal);
                    for (var j = 0; j < team.Positions.Length; j++)
                    {
                        var id = team.Positions[j];
                        var at = Index(positionsPath, j);
                        if (!positions.TryGetValue(id ?? "", out var position))
                        {
                            Add(at, team.Id, $"'{id}' is not a position of operation '{o.Id}' (a team's positions are of its own operation)");
                            continue;
                        }
                        if (!named.Add(id!))
                        {
                            Add(at, team.Id, $"position '{id}' is named twice");
                            continue;
                        }
                        if (teamOf.TryGetValue(id!, out var other))
                        {
                            Add(at, team.Id, $"position '{id}' is already in team '{other}' (a position belongs to at most one team)");
                            continue;
                        }
                        teamOf[id!] = team.Id;
                        if (first is null)
                        {
                            first = position;
                            continue;
                        }
                        var (rotation, firstRotation) = (position.RotationDays ?? policy?.DefaultRotationDays, first.RotationDays ?? policy?.DefaultRotationDays);
                        if (position.Window != first.Window || rotation != firstRotation)
                            Add(at, team.Id, $"position '{id}' has window {position.Window} and rotation {Rotation(rotation)}, "
                                + $"position '{first.Id}' {first.Window} and {Rotation(firstRotation)}: a team's positions share their window and rotation");
                    }
                }
            }
        }

        private static string Rotation(int? days) => days is { } d ? $"{d} days" : "none (one slot)";

        private void Position(Position p, string path)
        {
            NotNull(p.Title, Property(path, "title"), p.Id);
            Levels(p.Requires, Property(path, "requires"), p.Id, "skill");
            Names(p.Languages, Property(path, "languages"), p.Id, "language");
            if (Present(p.Credentials, Property(path, "credentials"), p.Id))
            {
                var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                for (var k = 0; k < p.Credentials.Length; k++)
                {
                    var name = p.Credentials[k];
                    if (string.IsNullOrWhiteSpace(name)) Add(Index(Property(path, "credentials"), k), p.Id, "credential is empty");
                    else if (!seen.TryAdd(name, name))
                        Add(Index(Property(path, "credentials"), k), p.Id, $"credential '{name}' is given more than once (as '{seen[name]}'; names are compared ignoring case)");
                }
            }
            Defined(p.Clearance, JsonNames.Clearances, Property(path, "clearance"), p.Id, "clearance");
            Defined(p.Priority, JsonNames.Priorities, Property(path, "priority"), p.Id, "priority");
            if (p.Headcount <= 0) Add(Property(path, "headcount"), p.Id, $"headcount {p.Headcount} must be at least 1");
            if (p.Window.End < p.Window.Start)
                Add(Property(path, "end"), p.Id, $"end {Day(p.Window.End)} is before start {Day(p.Window.Start)}");
            if (p.RotationDays <= 0) Add(Property(path, "rotationDays"), p.Id, $"rotation of {p.RotationDays} days must be at least 1 day");
            if (Present(p.AllowedComponents, Property(path, "allowedComponents"), p.Id))
                for (var k = 0; k < p.AllowedComponents.Length; k++)
                    Defined(p.AllowedComponents[k], JsonNames.Components, Index(Property(path, "allowedComponents"), k), p.Id, "component");
        }

        public void Policy(Policy policy, HashSet<string> operationIds, ImmutableArray<Member> members)
        {
            if (policy is null)
            {
                Add("policy", null, "policy is missing (null); use Policy.Default");
                return;
            }
            ComponentPolicies(policy.Components);
            if (policy.RestDays < 0) Add("policy.restDays", null, $"rest of {policy.RestDays} days is negative");
            if (policy.DefaultRotationDays <= 0)
                Add("policy.defaultRotationDays", null, $"default rotation of {policy.DefaultRotationDays} days must be at least 1 day");
            if (policy.Budget < 0) Add("policy.budget", null, $"budget {policy.Budget} is negative");
            Courses(policy.Courses);
            if (!Present(policy.Surge, "policy.surge")) return;
            var agencies = members.IsDefault ? [] : members.Where(m => m?.Agency is not null).Select(m => m.Agency!).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < policy.Surge.Length; i++)
                SurgeLimit(policy.Surge[i], Index("policy.surge", i), operationIds, agencies);
        }

        /// <summary>
        /// Checks the courses: a credential named, at least 1 valid day, a cost not negative, at least one session; each
        /// session with an id unique among all sessions, days in order, at least one seat.
        /// </summary>
        private void Courses(ImmutableArray<Course> courses)
        {
            if (!Present(courses, "policy.courses")) return;
            var ids = new Dictionary<string, string>(StringComparer.Ordinal); // session id -> path of its first use
            for (var i = 0; i < courses.Length; i++)
            {
                var path = Index("policy.courses", i);
                if (courses[i] is not { } course)
                {
                    Add(path, null, "course is null");
                    continue;
                }
                var id = course.Credential;
                if (string.IsNullOrWhiteSpace(course.Credential)) Add(Property(path, "credential"), id, "credential is empty");
                if (course.ValidDays < 1) Add(Property(path, "validDays"), id, $"{course.ValidDays} valid days must be at least 1");
                if (course.CostPerSeat < 0) Add(Property(path, "costPerSeat"), id, $"cost per seat {course.CostPerSeat} is negative");
                var sessionsPath = Property(path, "sessions");
                if (!Present(course.Sessions, sessionsPath, id)) continue;
                if (course.Sessions.IsEmpty) Add(sessionsPath, id, "a course has at least one session");
                for (var k = 0; k < course.Sessions.Length; k++)
                {
                    var at = Index(sessionsPath, k);
                    if (course.Sessions[k] is not { } session)
                    {
                        Add(at, id, "session is null");
                        continue;
                    }
                    if (string.IsNullOrWhiteSpace(session.Id)) Add(Property(at, "id"), session.Id, "session id is empty");
                    else if (!ids.TryAdd(session.Id, at))
                        Add(Property(at, "id"), session.Id, $"duplicate session id; {ids[session.Id]} has it too (session ids are unique across all courses)");
                    Range(session.Days, at, session.Id);
                    if (session.Seats < 1) Add(Property(at, "seats"), session.Id, $"{session.Seats} seats must be at least 1");
                }
            }
        }

        private void ComponentPolicies(ImmutableDictionary<Component, ComponentPolicy> components)
        {
            if (components is null)
            {
                Add("policy.components", null, "component defaults are missing (null); use Policy.DefaultComponents");
                return;
            }
            foreach (var (component, values) in components.OrderBy(e => e.Key))
            {
                var path = Property("policy.components", JsonNames.Components.Name(component));
                if (!JsonNames.Components.IsDefined(component))
                    Add(path, null, $"unknown component {component}; allowed values: {JsonNames.Components.Allowed}");
                else if (values is null)
                    Add(path, null, "component defaults are missing (null)");
                else
                {
                    if (values.LeadTimeDays < 0) Add(Property(path, "leadTimeDays"), null, $"lead time {values.LeadTimeDays} is negative");
                    if (values.MaxTourDays <= 0) Add(Property(path, "maxTourDays"), null, $"maximum tour {values.MaxTourDays} must be at least 1 day");
                    if (values.DailyCost < 0) Add(Property(path, "dailyCost"), null, $"daily cost {values.DailyCost} is negative");
                }
            }
        }

        private void SurgeLimit(SurgeLimit? limit, string path, HashSet<string> operationIds, HashSet<string> agencies)
        {
            if (limit is null)
            {
                Add(path, null, "surge limit is null");
                return;
            }
            switch (limit.MaxConcurrent, limit.MaxShare)
            {
                case (null, null):
                    Add(path, null, "a surge limit needs maxConcurrent or maxShare");
                    break;
                case (not null, not null):
                    Add(path, null, "a surge limit takes maxConcurrent or maxShare, not both");
                    break;
            }
            if (limit.MaxConcurrent < 0) Add(Property(path, "maxConcurrent"), null, $"maxConcurrent {limit.MaxConcurrent} is negative");
            if (limit.MaxShare is { } share && !(share >= 0 && share <= 1)) // also catches NaN
                Add(Property(path, "maxShare"), null, FormattableString.Invariant($"maxShare {share} must lie within 0..1"));
            if (limit.Component is { } component)
                Defined(component, JsonNames.Components, Property(path, "component"), null, "component");
            if (limit.Operation is { } operation && !operationIds.Contains(operation))
                Add(Property(path, "operation"), null, $"unknown operation '{operation}'");
            if (limit.Agency is { } agency && !agencies.Contains(agency))
            {
                var near = agencies.FirstOrDefault(a => string.Equals(a, agency, StringComparison.OrdinalIgnoreCase));
                Add(Property(path, "agency"), null, $"no member has agency '{agency}'" + (near is null ? "" : $" (did you mean '{near}'? agencies match exactly)"));
            }
        }

        public void Locks(ImmutableArray<AssignmentLock> locks, HashSet<string> members, Dictionary<string, Position> positions)
        {
            if (!Present(locks, "locks")) return;
            for (var i = 0; i < locks.Length; i++)
            {
                var path = Index("locks", i);
                if (locks[i] is not { } l)
                {
                    Add(path, null, "lock is null");
                    continue;
                }
                var id = PairId(l.Member, l.Position);
                if (l.Member is null || !members.Contains(l.Member))
                    Add(Property(path, "member"), id, $"unknown member '{l.Member}'");
                Position? position = null;
                if (l.Position is null || !positions.TryGetValue(l.Position, out position))
                    Add(Property(path, "position"), id, $"unknown position '{l.Position}'");
                switch (l.Start, l.End)
                {
                    case (null, null):
                        break;
                    case (null, not null):
                        Add(Property(path, "start"), id, "a lock gives both start and end, or neither");
                        break;
                    case (not null, null):
                        Add(Property(path, "end"), id, "a lock gives both start and end, or neither");
                        break;
                    case ({ } start, { } end) when end < start:
                        Add(Property(path, "end"), id, $"end {Day(end)} is before start {Day(start)}");
                        break;
                    case ({ } start, { } end) when position is not null && position.Window.End >= position.Window.Start:
                        if (start < position.Window.Start)
                            Add(Property(path, "start"), id, $"start {Day(start)} is before the window of position '{position.Id}' ({position.Window})");
                        if (end > position.Window.End)
                            Add(Property(path, "end"), id, $"end {Day(end)} is after the window of position '{position.Id}' ({position.Window})");
                        break;
                }
            }
        }

        /// <summary>Checks the exclusions against the known ids (<paramref name="operationOf"/>: each valid position's operation) and the locks.</summary>
        public void Exclusions(ImmutableArray<Exclusion> exclusions, ImmutableArray<AssignmentLock> locks, HashSet<string> members,
            Dictionary<string, string> operationOf, HashSet<string> operationIds)
        {
            if (!Present(exclusions, "exclusions")) return;
            for (var j = 0; j < exclusions.Length; j++)
            {
                var path = Index("exclusions", j);
                if (exclusions[j] is not { } e)
                {
                    Add(path, null, "exclusion is null");
                    continue;
                }
                var id = ExclusionId(e.Member, e.Position, e.Operation);
                if (e.Member is null || !members.Contains(e.Member))
                    Add(Property(path, "member"), id, $"unknown member '{e.Member}'");
                string? operation = null;
                if (e.Position is not null && !operationOf.TryGetValue(e.Position, out operation))
                    Add(Property(path, "position"), id, $"unknown position '{e.Position}'");
                if (e.Operation is not null && !operationIds.Contains(e.Operation))
                    Add(Property(path, "operation"), id, $"unknown operation '{e.Operation}'");
                else if (e.Operation is not null && operation is not null && operation != e.Operation)
                    Add(Property(path, "position"), id, $"position '{e.Position}' belongs to operation '{operation}', not to operation '{e.Operation}'");
                // A lock the exclusion rules out could never be kept; which of the two is the mistake only the user knows.
                if (locks.IsDefault || e.Member is null) continue;
                for (var i = 0; i < locks.Length; i++)
                {
                    if (locks[i] is { Member: { } member, Position: { } position } && operationOf.TryGetValue(position, out var lockOperation)
                        && e.Covers(member, position, lockOperation))
                        Add(path, id, $"rules out {Index("locks", i)} (member '{member}' on position '{position}'); a member cannot be both locked and excluded there");
                }
            }
        }

        private void UniqueId(string? id, string path, string what, Dictionary<string, int> seen, int index)
        {
            var collection = path[..path.IndexOf('[')];
            if (string.IsNullOrWhiteSpace(id))
                Add(Property(path, "id"), id, $"{what} id is empty");
            else if (!seen.TryAdd(id, index))
                Add(Property(path, "id"), id, $"duplicate {what} id; {Index(collection, seen[id])} has it too");
        }

        private void NotNull(string? text, string path, string? id)
        {
            if (text is null) Add(path, id, "is missing (null)");
        }

        private void Levels(ImmutableDictionary<string, int>? levels, string path, string? id, string what)
        {
            if (levels is null)
            {
                Add(path, id, "is missing (null); use an empty dictionary");
                return;
            }
            var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, level) in levels.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                var field = Key(path, name);
                if (string.IsNullOrWhiteSpace(name)) Add(field, id, $"{what} name is empty");
                else if (!seen.TryAdd(name, name))
                    Add(field, id, $"{what} '{name}' is given more than once (as '{seen[name]}'; names are compared ignoring case)");
                if (level is < 1 or > MaxSkillLevel) Add(field, id, $"level {level} of {what} '{name}' must lie within 1..{MaxSkillLevel}");
            }
        }

        private void Credentials(ImmutableDictionary<string, DateOnly>? credentials, string path, string? id)
        {
            if (credentials is null)
            {
                Add(path, id, "is missing (null); use an empty dictionary");
                return;
            }
            var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in credentials.Keys.Order(StringComparer.Ordinal))
            {
                if (string.IsNullOrWhiteSpace(name)) Add(Key(path, name), id, "credential name is empty");
                else if (!seen.TryAdd(name, name))
                    Add(Key(path, name), id, $"credential '{name}' is given more than once (as '{seen[name]}'; names are compared ignoring case)");
            }
        }

        private void Names(ImmutableArray<string> names, string path, string? id, string what)
        {
            if (!Present(names, path, id)) return;
            for (var i = 0; i < names.Length; i++)
                if (string.IsNullOrWhiteSpace(names[i])) Add(Index(path, i), id, $"{what} is empty");
        }

        private void Range(DateRange range, string path, string? id)
        {
            if (range.End < range.Start)
                Add(Property(path, "end"), id, $"end {Day(range.End)} is before start {Day(range.Start)}");
        }

        private void Defined<T>(T value, EnumNames<T> names, string path, string? id, string what) where T : struct, Enum
        {
            if (!names.IsDefined(value)) Add(path, id, $"unknown {what} {value}; allowed values: {names.Allowed}");
        }

        // A default ImmutableArray (never initialized) would make the planner throw; say so instead.
        private bool Present<T>(ImmutableArray<T> items, string path, string? id = null)
        {
            if (!items.IsDefault) return true;
            Add(path, id, "is missing (a default ImmutableArray); use an empty array");
            return false;
        }

        private static string Day(DateOnly day) => day.ToString(JsonNames.DateFormat, System.Globalization.CultureInfo.InvariantCulture);
    }
}
