using Scrs.Matching.Domain;

namespace Scrs.Matching.Eligibility;

/// <summary>
/// Whether a member holds, or can be trained for, every credential of a position over a tour's days: a credential is
/// held through its last valid day, or gained in a session that ends before the tour starts and stays valid through the
/// tour's end. Only sessions that start on or after the planning date and none of whose days the member is away are
/// counted (a trained member serves no tour on a session's days either, which the model keeps).
/// </summary>
internal sealed class CredentialCheck
{
    /// <summary>Per credential: the last day it is held (int.MinValue when not), and the sessions that give it: index, last day, last valid day.</summary>
    private readonly (int Held, (int Session, int End, int Through)[] Sessions)[] _needs;

    private CredentialCheck((int, (int, int, int)[])[] needs) => _needs = needs;

    /// <summary>No credential to hold: every tour is allowed.</summary>
    public static CredentialCheck None { get; } = new([]);

    /// <summary>The check of member <paramref name="m"/> on position <paramref name="p"/>, or <see langword="null"/> when some credential can be neither held nor gained.</summary>
    public static CredentialCheck? For(PlanningIndex index, int m, int p)
    {
        var credentials = index.Positions[p].Credentials;
        if (credentials.IsDefaultOrEmpty) return None;
        var member = index.Members[m];
        var needs = new (int, (int, int, int)[])[credentials.Length];
        for (var c = 0; c < credentials.Length; c++)
        {
            var held = member.HoldsThrough([credentials[c]]) is { } last ? last.DayNumber : int.MinValue;
            var sessions = new List<(int, int, int)>();
            for (var k = 0; k < index.Sessions.Length; k++)
            {
                var (course, session) = index.Sessions[k];
                if (!string.Equals(course.Credential, credentials[c], StringComparison.OrdinalIgnoreCase) || session.Days.Start.DayNumber < index.PlanningDay
                    || member.Unavailable.Any(u => u.Overlaps(session.Days))) continue;
                sessions.Add((k, session.Days.End.DayNumber, session.Days.End.DayNumber + course.ValidDays));
            }
            if (held == int.MinValue && sessions.Count == 0) return null;
            needs[c] = (held, [.. sessions]);
        }
        return new CredentialCheck(needs);
    }

    /// <summary>Whether a tour over days <paramref name="start"/>..<paramref name="end"/> can have every credential.</summary>
    public bool Allows(int start, int end)
    {
        foreach (var (held, sessions) in _needs)
        {
            if (end <= held) continue;
            var any = false;
            foreach (var (_, last, through) in sessions) any |= last < start && end <= through;
            if (!any) return false;
        }
        return true;
    }

    /// <summary>
    /// For each credential the tour over <paramref name="start"/>..<paramref name="end"/> does not hold through its end,
    /// the sessions (indices into <see cref="PlanningIndex.Sessions"/>) that give it in time: the tour needs one of each.
    /// </summary>
    public IEnumerable<int[]> Needs(int start, int end)
    {
        foreach (var (held, sessions) in _needs)
        {
            if (end > held) yield return [.. sessions.Where(s => s.End < start && end <= s.Through).Select(s => s.Session)];
        }
    }
}
