namespace Scrs.Matching.Input;

/// <summary>Suggests the name a user probably meant when they misspelt one (a JSON property, a command-line option).</summary>
internal static class Spelling
{
    /// <summary>
    /// <c> (did you mean 'x'?)</c> for the name of <paramref name="known"/> closest to <paramref name="name"/> (ignoring case)
    /// when at most two edits away, else an empty string.
    /// </summary>
    public static string Suggest(string name, IReadOnlyCollection<string> known)
    {
        var best = known.MinBy(k => Distance(name.ToLowerInvariant(), k.ToLowerInvariant()));
        return best is not null && Distance(name.ToLowerInvariant(), best.ToLowerInvariant()) <= 2 ? $" (did you mean '{best}'?)" : "";
    }

    // Levenshtein distance; only computed for unknown names, which are rare.
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
