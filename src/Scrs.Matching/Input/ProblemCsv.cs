using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Scrs.Matching.Domain;
using Scrs.Matching.Validation;

namespace Scrs.Matching.Input;

/// <summary>Reads and writes a <see cref="DeploymentProblem"/> as spreadsheets: the CSV files of <c>docs/csv-format.md</c>.</summary>
/// <remarks>
/// The columns carry the fields of the JSON format (<c>docs/problem-format.md</c>) under the same names, with the same values
/// and defaults; lists are written <c>Arabic;French</c>, levels <c>rule-of-law:4;governance:3</c> and ranges of days
/// <c>2027-03-01..2027-03-20</c>. Reading reports every problem of every file at once, each naming the file, the line and the
/// column (such as <c>members.csv, line 4, column leadTimeDays</c>) and quoting the value, then every rule of
/// <see cref="ProblemValidator"/> in the same terms. The files are read and written with CsvHelper (RFC 4180 quoting).
/// </remarks>
public static partial class ProblemCsv
{
    /// <summary>The name <see cref="Write"/> gives the members file.</summary>
    public const string MembersFile = "members.csv";

    /// <summary>The name <see cref="Write"/> gives the positions file.</summary>
    public const string PositionsFile = "positions.csv";

    /// <summary>The name <see cref="Write"/> gives the locks file.</summary>
    public const string LocksFile = "locks.csv";

    /// <summary>The name <see cref="Write"/> gives the exclusions file.</summary>
    public const string ExclusionsFile = "exclusions.csv";

    /// <summary>The name <see cref="Write"/> gives the policy file.</summary>
    public const string PolicyFile = "policy.json";

    private static readonly string[] MemberColumns =
        ["id", "name", "component", "agency", "skills", "languages", "clearance", "unavailable", "leadTimeDays", "maxTourDays", "dailyCost", "deployedDaysLast365",
            "credentials"];
    private static readonly string[] MemberRequired = ["id", "component"];
    private static readonly string[] PositionColumns =
        ["operation", "operationName", "id", "title", "requires", "languages", "clearance", "headcount", "start", "end", "rotationDays", "priority", "allowedComponents",
            "credentials", "team", "teamName", "teamMinAgencies"];
    private static readonly string[] PositionRequired = ["operation", "id", "start", "end"];
    private static readonly string[] LockColumns = ["member", "position", "start", "end"];
    private static readonly string[] LockRequired = ["member", "position"];
    private static readonly string[] ExclusionColumns = ["member", "position", "operation"];
    private static readonly string[] ExclusionRequired = ["member"];

    private static readonly string DefaultPolicy = ProblemJson.WritePolicy(Policy.Default);

    /// <summary>Reads a problem from its spreadsheets.</summary>
    /// <param name="files">The files; their names are what the errors call them.</param>
    /// <param name="planningDate">The day the plan is made (the files do not hold it).</param>
    /// <returns>The problem, or every error found in the files.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="files"/> or one of its required files is <see langword="null"/>.</exception>
    public static ReadResult<DeploymentProblem> Read(ProblemCsvFiles files, DateOnly planningDate)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(files.Members);
        ArgumentNullException.ThrowIfNull(files.Positions);
        var errors = new ReadErrors();
        var memberTable = CsvTable.Read(files.Members.Name, files.Members.Text, MemberColumns, MemberRequired, errors, ReadMember, out var members);
        var operations = new OperationGroups();
        var positionTable = CsvTable.Read(files.Positions.Name, files.Positions.Text, PositionColumns, PositionRequired, errors, operations.Read, out _);
        var locks = ImmutableArray<AssignmentLock>.Empty;
        var lockTable = files.Locks is { } l ? CsvTable.Read(l.Name, l.Text, LockColumns, LockRequired, errors, ReadLock, out locks) : null;
        var exclusions = ImmutableArray<Exclusion>.Empty;
        var exclusionTable = files.Exclusions is { } e ? CsvTable.Read(e.Name, e.Text, ExclusionColumns, ExclusionRequired, errors, ReadExclusion, out exclusions) : null;
        var policy = files.Policy is { } p ? ReadPolicy(p, errors) : Policy.Default;

        var rows = new[] { memberTable, positionTable, lockTable, exclusionTable }.OfType<CsvTable>().SelectMany(t => t.Rows)
            .ToDictionary(r => r.RecordPath, StringComparer.Ordinal);
        operations.AddFirstRows(rows);
        // Like a JSON section of the wrong shape: without its ids every reference into the file would look broken.
        var ruleErrors = memberTable.Complete && positionTable.Complete
            ? ProblemValidator.Validate(new DeploymentProblem(planningDate, members, operations.ToImmutable(), policy ?? Policy.Default, locks) { Exclusions = exclusions })
            : [];
        var trusted = ruleErrors.Where(error => !InBrokenRecord(error.Field, rows) && !(policy is null && IsPolicy(error.Field)));
        var all = errors.ToImmutable().AddRange(trusted.Select(error => Translate(error, rows, files.Policy?.Name)));
        return all.IsEmpty
            ? ReadResult<DeploymentProblem>.Success(new DeploymentProblem(planningDate, members, operations.ToImmutable(), policy!, locks) { Exclusions = exclusions })
            : ReadResult<DeploymentProblem>.Failure(all);
    }

    /// <summary>Writes <paramref name="problem"/> as spreadsheets, named as the constants of this class say.</summary>
    /// <param name="problem">The problem.</param>
    /// <returns>
    /// The files; locks and exclusions only when there are some, the policy only when it is not the default. The same problem
    /// always gives the same texts; reading them back with the problem's planning date gives the same problem.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="problem"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// An operation has no positions (positions.csv holds operations only through their positions), or a name in a list cell
    /// would not read back as itself (empty, holding <c>;</c>, or with spaces around it).
    /// </exception>
    public static ProblemCsvFiles Write(DeploymentProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Operations.FirstOrDefault(o => o.Positions.IsDefaultOrEmpty) is { } empty)
            throw new ArgumentException($"operation '{empty.Id}' has no positions, which {PositionsFile} cannot hold", nameof(problem));
        var policy = ProblemJson.WritePolicy(problem.Policy);
        // The credentials and team columns only where some member, position or operation has them: other problems are
        // written as before.
        var memberCredentials = problem.Members.Any(m => !m.Credentials.IsEmpty);
        var positionCredentials = problem.Operations.Any(o => o.Positions.Any(p => !p.Credentials.IsDefaultOrEmpty));
        var teams = problem.Operations.Any(o => !o.Teams.IsDefaultOrEmpty);
        var positionColumns = PositionColumns.Where(c => c switch
        {
            "credentials" => positionCredentials,
            "team" or "teamName" or "teamMinAgencies" => teams,
            _ => true,
        }).ToArray();
        return new ProblemCsvFiles(
            new TextFile(MembersFile, CsvTable.Write(memberCredentials ? MemberColumns : MemberColumns[..^1],
                problem.Members.Select(m => MemberCells(m, memberCredentials)))),
            new TextFile(PositionsFile, CsvTable.Write(positionColumns,
                problem.Operations.SelectMany(o => o.Positions.Select(p => PositionCells(o, p, positionCredentials, teams))))),
            problem.Locks.IsDefaultOrEmpty ? null : new TextFile(LocksFile, CsvTable.Write(LockColumns, problem.Locks.Select(LockCells))),
            problem.Exclusions.IsDefaultOrEmpty ? null : new TextFile(ExclusionsFile, CsvTable.Write(ExclusionColumns, problem.Exclusions.Select(ExclusionCells))),
            policy == DefaultPolicy ? null : new TextFile(PolicyFile, policy));
    }

    private static Member ReadMember(CsvRecord r, int index)
    {
        r.RecordPath = ErrorLocation.Index("members", index);
        r.Id = r.Text("id");
        var id = r.Text("id", required: true) ?? "";
        return new Member(
            id,
            r.Text("name") ?? id,
            r.Enum("component", JsonNames.Components, "component", required: true) ?? Component.Active,
            r.Text("agency"),
            r.Levels("skills", "skill"),
            r.List("languages"),
            r.Enum("clearance", JsonNames.Clearances, "clearance") ?? Clearance.None,
            r.Ranges("unavailable"),
            r.Int("leadTimeDays"),
            r.Int("maxTourDays"),
            r.Decimal("dailyCost"),
            r.Int("deployedDaysLast365") ?? 0)
        {
            Credentials = r.Dates("credentials", "credential"),
        };
    }

    /// <summary>The rows of the positions file grouped into operations, in the order each operation first appears.</summary>
    private sealed class OperationGroups
    {
        private readonly List<(string Id, string? Name, CsvRecord FirstRow, CsvRecord NamedOn, ImmutableArray<Position>.Builder Positions)> groups = [];
        // Each operation's teams in the order they first appear: the first row's name and least, and the positions.
        private readonly List<List<(string Id, string? Name, int? Least, CsvRecord FirstRow, List<string> Positions)>> teams = [];
        private readonly Dictionary<string, int> indexOf = new(StringComparer.Ordinal);

        /// <summary>Reads a row into its operation.</summary>
        public Position Read(CsvRecord r, int _)
        {
            r.Id = r.Text("id");
            var operation = r.Text("operation", required: true) ?? "";
            if (!indexOf.TryGetValue(operation, out var k))
            {
                indexOf.Add(operation, k = groups.Count);
                groups.Add((operation, null, r, r, ImmutableArray.CreateBuilder<Position>()));
                teams.Add([]);
            }
            var group = groups[k];
            r.RecordPath = ErrorLocation.Index(ErrorLocation.Property(ErrorLocation.Index("operations", k), "positions"), group.Positions.Count);
            if (r.Text("operationName") is { } name)
            {
                if (group.Name is null) groups[k] = group = group with { Name = name, NamedOn = r };
                else if (name != group.Name)
                    r.Fail(r.At("operationName"), $"'{ReadErrors.Echo(name)}' differs from the name '{ReadErrors.Echo(group.Name)}' that line {group.NamedOn.Line} gives operation '{operation}'; "
                        + "every row of an operation gives the same name, or none");
            }
            var position = ReadPosition(r);
            group.Positions.Add(position);
            ReadTeam(r, teams[k], position.Id);
            return position;
        }

        /// <summary>Adds the row's position to its team; the team's name and least come from its rows that give them, which agree.</summary>
        private static void ReadTeam(CsvRecord r, List<(string Id, string? Name, int? Least, CsvRecord FirstRow, List<string> Positions)> teams, string position)
        {
            var (name, least) = (r.Text("teamName"), r.Int("teamMinAgencies"));
            if (r.Text("team") is not { } id)
            {
                if (name is not null || least is not null) r.Fail(r.At("team"), "is required when teamName or teamMinAgencies is given");
                return;
            }
            var k = teams.FindIndex(t => t.Id == id);
            if (k < 0)
            {
                teams.Add((id, name, least, r, [position]));
                return;
            }
            var team = teams[k];
            team.Positions.Add(position);
            if (name is not null && team.Name is not null && name != team.Name)
                r.Fail(r.At("teamName"), $"'{ReadErrors.Echo(name)}' differs from the name '{ReadErrors.Echo(team.Name)}' that line {team.FirstRow.Line} gives team '{id}'");
            if (least is not null && team.Least is not null && least != team.Least)
                r.Fail(r.At("teamMinAgencies"), $"{least} differs from the {team.Least} that line {team.FirstRow.Line} gives team '{id}'");
            teams[k] = team with { Name = team.Name ?? name, Least = team.Least ?? least };
        }

        /// <summary>Adds each operation's first row, which stands for the operation in errors, under the operation's path.</summary>
        public void AddFirstRows(Dictionary<string, CsvRecord> rows)
        {
            for (var k = 0; k < groups.Count; k++) rows.Add(ErrorLocation.Index("operations", k), groups[k].FirstRow);
        }

        /// <summary>The operations; an operation whose rows give no name is named by its id.</summary>
        public ImmutableArray<Operation> ToImmutable() => [.. groups.Select((g, k) => new Operation(g.Id, g.Name ?? g.Id, g.Positions.ToImmutable())
        {
            Teams = [.. teams[k].Select(t => new Team(t.Id, t.Name ?? t.Id, [.. t.Positions], t.Least))],
        })];
    }

    private static Position ReadPosition(CsvRecord r)
    {
        var id = r.Text("id", required: true) ?? "";
        return new Position(
            id,
            r.Text("title") ?? id,
            r.Levels("requires", "skill"),
            r.List("languages"),
            r.Enum("clearance", JsonNames.Clearances, "clearance") ?? Clearance.None,
            r.Int("headcount") ?? 1,
            // A missing or bad day stands for the widest window, so that no check against it (a lock's dates, say) raises a false alarm.
            new DateRange(r.Date("start", required: true) ?? DateOnly.MinValue, r.Date("end", required: true) ?? DateOnly.MaxValue),
            r.Int("rotationDays"),
            r.Enum("priority", JsonNames.Priorities, "priority") ?? Priority.Normal,
            r.Enums("allowedComponents", JsonNames.Components, "component"))
        {
            Credentials = r.List("credentials"),
        };
    }

    private static AssignmentLock ReadLock(CsvRecord r, int index)
    {
        r.RecordPath = ErrorLocation.Index("locks", index);
        r.Id = ErrorLocation.PairId(r.Text("member"), r.Text("position"));
        return new AssignmentLock(r.Text("member", required: true) ?? "", r.Text("position", required: true) ?? "", r.Date("start"), r.Date("end"));
    }

    private static Exclusion ReadExclusion(CsvRecord r, int index)
    {
        r.RecordPath = ErrorLocation.Index("exclusions", index);
        r.Id = ErrorLocation.ExclusionId(r.Text("member"), r.Text("position"), r.Text("operation"));
        return new Exclusion(r.Text("member", required: true) ?? "", r.Text("position"), r.Text("operation"));
    }

    /// <summary>The policy file, read by the JSON reader; its errors name the file and the field. <see langword="null"/> when it has errors.</summary>
    private static Policy? ReadPolicy(TextFile file, ReadErrors errors)
    {
        var read = JsonOutput.Parse(file.Text, ProblemReader.ReadPolicy);
        foreach (var error in read.Errors) errors.Add(PolicyLocation(error.Field, file.Name), error.Id, error.Message);
        return read.Value;
    }

    private static string[] MemberCells(Member m, bool credentials) =>
    [
        m.Id, m.Name, JsonNames.Components.Name(m.Component), m.Agency ?? "", CsvCells.Levels(m.Skills, "skill"),
        CsvCells.List(m.Languages, "language"), JsonNames.Clearances.Name(m.Clearance), CsvCells.List(m.Unavailable.Select(CsvCells.Range), "range"),
        CsvCells.Number(m.LeadTimeDays), CsvCells.Number(m.MaxTourDays), CsvCells.Number(m.DailyCost), CsvCells.Number<int>(m.DeployedDaysLast365),
        .. credentials ? [CsvCells.Dates(m.Credentials, "credential")] : Array.Empty<string>(),
    ];

    private static string[] PositionCells(Operation o, Position p, bool credentials, bool teams)
    {
        // The team's name and least on its first position's row only.
        var team = o.Teams.FirstOrDefault(t => t.Positions.Contains(p.Id));
        var first = team is not null && team.Positions[0] == p.Id;
        return
        [
            o.Id, o.Name, p.Id, p.Title, CsvCells.Levels(p.Requires, "skill"), CsvCells.List(p.Languages, "language"),
            JsonNames.Clearances.Name(p.Clearance), CsvCells.Number<int>(p.Headcount), CsvCells.Day(p.Window.Start), CsvCells.Day(p.Window.End),
            CsvCells.Number(p.RotationDays), JsonNames.Priorities.Name(p.Priority),
            CsvCells.List(p.AllowedComponents.Select(JsonNames.Components.Name), "component"),
            .. credentials ? [CsvCells.List(p.Credentials, "credential")] : Array.Empty<string>(),
            .. teams ? [team?.Id ?? "", first ? team!.Name : "", first ? CsvCells.Number(team!.MinAgencies) : ""] : Array.Empty<string>(),
        ];
    }

    private static string[] LockCells(AssignmentLock l) => [l.Member, l.Position, CsvCells.Day(l.Start), CsvCells.Day(l.End)];

    private static string[] ExclusionCells(Exclusion e) => [e.Member, e.Position ?? "", e.Operation ?? ""];

    // The validator names records by their JSON paths: members[3], operations[0].positions[2], locks[1], exclusions[0].
    [GeneratedRegex(@"operations\[\d+\](?:\.positions\[\d+\])?|members\[\d+\]|locks\[\d+\]|exclusions\[\d+\]")]
    private static partial Regex RecordPath();

    [GeneratedRegex(@"^\.(\w+)")]
    private static partial Regex FirstProperty();

    private static bool IsPolicy(string field) => field == "policy" || field.StartsWith("policy.", StringComparison.Ordinal);

    /// <summary>Whether <paramref name="field"/> lies in a row whose cells cannot be trusted.</summary>
    private static bool InBrokenRecord(string field, Dictionary<string, CsvRecord> rows)
    {
        if (RecordPath().Match(field) is not { Success: true, Index: 0 } match || !rows.TryGetValue(match.Value, out var row)) return false;
        // An operation (a key without its own row) is as unreliable as its least reliable row.
        return row.RecordPath == match.Value
            ? row.Broken
            : rows.Values.Any(r => r.Broken && r.RecordPath.StartsWith(match.Value + ".", StringComparison.Ordinal));
    }

    /// <summary>A rule error of the validator, said in the files' terms: its field becomes a file, line and column, and so do the records its message names.</summary>
    private static InputError Translate(InputError error, Dictionary<string, CsvRecord> rows, string? policyFile)
    {
        var message = RecordPath().Replace(error.Message, m => rows.TryGetValue(m.Value, out var row) ? CsvTable.Location(row.File, row.Line) : m.Value);
        if (IsPolicy(error.Field)) return error with { Field = PolicyLocation(error.Field, policyFile ?? PolicyFile), Message = message };
        if (RecordPath().Match(error.Field) is not { Success: true, Index: 0 } match || !rows.TryGetValue(match.Value, out var record))
            return error with { Message = message };
        var property = FirstProperty().Match(error.Field[match.Length..]) is { Success: true } p ? p.Groups[1].Value : null;
        // An operation's own fields are the position rows' operation and operationName columns.
        var column = match.Value.Contains(".positions[", StringComparison.Ordinal) || !match.Value.StartsWith("operations", StringComparison.Ordinal)
            ? property
            : property switch { "id" => "operation", "name" => "operationName", _ => null };
        return error with { Field = CsvTable.Location(record.File, record.Line, column), Message = message };
    }

    private static string PolicyLocation(string field, string file) =>
        field is ErrorLocation.Document or "policy" ? file : $"{file}, field {field["policy.".Length..]}";
}
