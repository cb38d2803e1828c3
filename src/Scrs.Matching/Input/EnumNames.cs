using Scrs.Matching.Domain;
using Scrs.Matching.Report;

namespace Scrs.Matching.Input;

/// <summary>The names an enum's values have in the JSON formats, both ways.</summary>
/// <typeparam name="T">The enum.</typeparam>
internal sealed class EnumNames<T> where T : struct, Enum
{
    private readonly Dictionary<T, string> names;
    private readonly Dictionary<string, T> values;

    /// <summary>Maps each value to its name; reading ignores case.</summary>
    public EnumNames(params (T Value, string Name)[] entries)
    {
        names = entries.ToDictionary(e => e.Value, e => e.Name);
        values = entries.ToDictionary(e => e.Name, e => e.Value, StringComparer.OrdinalIgnoreCase);
        Names = [.. entries.Select(e => e.Name)];
        Allowed = string.Join(", ", Names);
    }

    /// <summary>The names, in order, for suggesting the one a user meant.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The names, comma-separated, for error messages.</summary>
    public string Allowed { get; }

    /// <summary>Whether <paramref name="value"/> is one of the named values (code can cast any integer to an enum).</summary>
    public bool IsDefined(T value) => names.ContainsKey(value);

    /// <summary>The name of <paramref name="value"/>; its number for a value outside the enum, so that writing never loses it silently.</summary>
    public string Name(T value) => names.TryGetValue(value, out var name) ? name : value.ToString();

    /// <summary>Parses a name, ignoring case.</summary>
    public bool TryParse(string text, out T value) => values.TryGetValue(text, out value);
}

/// <summary>The JSON names of the domain enums.</summary>
internal static class JsonNames
{
    public static EnumNames<Component> Components { get; } = new(
        (Component.Active, "active"), (Component.Standby, "standby"), (Component.Reserve, "reserve"), (Component.Contractor, "contractor"));

    public static EnumNames<Clearance> Clearances { get; } = new(
        (Clearance.None, "none"), (Clearance.Confidential, "confidential"), (Clearance.Secret, "secret"), (Clearance.TopSecret, "top-secret"));

    public static EnumNames<Priority> Priorities { get; } = new(
        (Priority.Critical, "critical"), (Priority.High, "high"), (Priority.Normal, "normal"), (Priority.Low, "low"));

    public static EnumNames<ChangeKind> ChangeKinds { get; } = new(
        (ChangeKind.Kept, "kept"), (ChangeKind.Shortened, "shortened"), (ChangeKind.Extended, "extended"), (ChangeKind.Moved, "moved"),
        (ChangeKind.Added, "added"), (ChangeKind.Removed, "removed"));

    public static EnumNames<RosterStatus> Statuses { get; } = new(
        (RosterStatus.Optimal, "optimal"), (RosterStatus.Feasible, "feasible"), (RosterStatus.Infeasible, "infeasible"),
        (RosterStatus.TimeLimit, "timeLimit"), (RosterStatus.Cancelled, "cancelled"));

    public static EnumNames<Simulation.SimulationMode> Modes { get; } = new(
        (Simulation.SimulationMode.Static, "static"), (Simulation.SimulationMode.Rolling, "rolling"));

    /// <summary>The format of every date: ISO days.</summary>
    public const string DateFormat = "yyyy-MM-dd";
}
