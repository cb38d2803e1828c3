namespace Scrs.Matching.Validation;

/// <summary>Builds the field paths and record ids that <see cref="InputError"/> reports, the same way for the JSON reader and the validator.</summary>
/// <remarks>
/// Paths follow the JSON format: <c>members[12].component</c>, <c>members[3].skills['rule of law']</c>,
/// <c>policy.components.standby.leadTimeDays</c>; the document itself is <c>$</c>.
/// </remarks>
internal static class ErrorLocation
{
    /// <summary>The path of the whole document.</summary>
    public const string Document = "$";

    /// <summary>The path of property <paramref name="name"/> of the record at <paramref name="parent"/> (empty for the document).</summary>
    public static string Property(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    /// <summary>The path of element <paramref name="index"/> of the array at <paramref name="parent"/>.</summary>
    public static string Index(string parent, int index) => $"{parent}[{index}]";

    /// <summary>The path of entry <paramref name="key"/> of the object used as a dictionary at <paramref name="parent"/>.</summary>
    /// <remarks>Keys are quoted because skill names may hold spaces or dots.</remarks>
    public static string Key(string parent, string key) => $"{parent}['{key}']";

    /// <summary>The id reported for a lock or a tour, which have none of their own: <c>member/position</c>.</summary>
    /// <returns><see langword="null"/> when both parts are unknown.</returns>
    public static string? PairId(string? member, string? position) =>
        member is null && position is null ? null : $"{member ?? "?"}/{position ?? "?"}";

    /// <summary>
    /// The id reported for an exclusion: <c>member/position</c>, else <c>member/operation</c>, else <c>member</c>, naming the
    /// narrowest place it rules out.
    /// </summary>
    /// <returns><see langword="null"/> when every part is unknown.</returns>
    public static string? ExclusionId(string? member, string? position, string? operation) =>
        position is null && operation is null ? member : PairId(member, position ?? operation);
}
