using System.Collections.Immutable;
using Scrs.Matching.Domain;

namespace Scrs.Matching.Eligibility;

/// <summary>Every tour the rules allow, grouped by member, with the slots of every position.</summary>
internal sealed class CandidateSet(PlanningIndex index, Slot[][] slots, CandidateTour[] tours, int[] memberOffsets, EligibilityFunnel[] funnels,
    List<int>[] eligible)
{
    public PlanningIndex Index { get; } = index;

    /// <summary>Rotation slots of each position.</summary>
    public Slot[][] Slots { get; } = slots;

    /// <summary>All candidate tours, ordered by member, position, first slot, last slot.</summary>
    public CandidateTour[] Tours { get; } = tours;

    /// <summary>Tours of member m are <c>Tours[MemberOffsets[m]..MemberOffsets[m+1]]</c>.</summary>
    public int[] MemberOffsets { get; } = memberOffsets;

    /// <summary>Requirement funnel of each position.</summary>
    public EligibilityFunnel[] Funnels { get; } = funnels;

    /// <summary>
    /// The members meeting each position's skills, languages, clearance and component, exclusions aside (positions with
    /// the same requirements share one list): what a narrower problem's funnel is counted from.
    /// </summary>
    public List<int>[] Eligible { get; } = eligible;

    public ReadOnlySpan<CandidateTour> ToursOf(int member) => Tours.AsSpan(MemberOffsets[member]..MemberOffsets[member + 1]);
}

/// <summary>
/// Generates the candidate tours: for each position, the members with the skills, languages, clearance and component it
/// requires whom no exclusion rules out there; for each such member, every run of consecutive whole slots that starts after
/// the member's lead time, lasts at most the member's maximum tour and avoids the member's unavailable days.
/// </summary>
/// <remarks>
/// A dated lock is a decision already taken (a tour under way, an offer accepted), so the slots meeting its days are
/// exempt from its member's lead time on its position: a run may start in them before the lead time is over.
/// </remarks>
/// <remarks>
/// Positions with the same requirements share one scan of the corps, and each scan starts from the members holding the
/// rarest required skill, so the work grows with the eligible pairs rather than with members times positions.
/// </remarks>
internal static class CandidateGenerator
{
    public static CandidateSet Generate(PlanningIndex index)
    {
        var problem = index.Problem;
        var slots = Array.ConvertAll(index.Positions, p => Slots.Cut(p.Window, problem.RotationDays(p)));
        var traits = new MemberTraits(index.Members);
        var perMember = new List<CandidateTour>?[index.Members.Length];
        var funnels = new EligibilityFunnel[index.Positions.Length];
        var eligibleOf = new List<int>[index.Positions.Length];
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var p = 0; p < index.Positions.Length; p++)
        {
            var key = RequirementKey(index.Positions[p]);
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
            list.Add(p);
        }

        var exempt = DatedLockDays(index);
        var excluded = new ExcludedPairs(index);
        var available = new List<bool>();
        foreach (var positions in groups.Values)
        {
            var (eligible, funnel) = traits.Eligible(index.Positions[positions[0]]);
            foreach (var p in positions)
            {
                eligibleOf[p] = eligible;
                var (allowed, credentialed, withTour) = AddPositionTours(index, p, slots[p], eligible, excluded, exempt, m => perMember[m] ??= [], available);
                funnels[p] = funnel with { NotExcluded = allowed, Credentialed = credentialed, WithTour = withTour };
            }
        }

        var offsets = new int[index.Members.Length + 1];
        for (var m = 0; m < index.Members.Length; m++) offsets[m + 1] = offsets[m] + (perMember[m]?.Count ?? 0);
        var tours = new CandidateTour[offsets[^1]];
        for (var m = 0; m < index.Members.Length; m++)
        {
            if (perMember[m] is not { } list) continue;
            list.Sort(ByPositionAndSlots);
            list.CopyTo(tours, offsets[m]);
        }
        return new CandidateSet(index, slots, tours, offsets, funnels, eligibleOf);
    }

    /// <summary>
    /// The candidate set of <paramref name="index"/>'s problem drawn from <paramref name="wider"/>'s, when that problem
    /// only narrows the wider one's in what eligibility sees: the same members in the same order with the same fields
    /// but more unavailable days, the same positions in the same order, the same planning date and policy, more
    /// exclusions, and no dated lock that exempts a slot from the lead time where the wider problem had none (the
    /// caller checks this; see <see cref="Sessions.Narrowing"/>). Then the tours are exactly the wider ones that avoid
    /// the new unavailable days and exclusions, and the funnels are counted anew from the same eligible members: the
    /// result equals <see cref="Generate"/> on <paramref name="index"/>, with no scan of the corps.
    /// </summary>
    /// <returns>The set, and for each of its tours the index of the same tour in <paramref name="wider"/>.</returns>
    /// <param name="wider">The wider problem's candidate set.</param>
    /// <param name="index">The narrower problem.</param>
    /// <param name="least">The fewest tours worth a set: with fewer kept, the scan stops and the result is <see langword="null"/>.</param>
    public static (CandidateSet Candidates, int[] Kept)? Narrow(CandidateSet wider, PlanningIndex index, int least = 0)
    {
        var excluded = new ExcludedPairs(index);
        var offsets = new int[index.Members.Length + 1];
        var kept = new List<int>(wider.Tours.Length);
        for (var m = 0; m < index.Members.Length; m++)
        {
            var unavailable = index.Members[m].Unavailable;
            var changed = unavailable != wider.Index.Members[m].Unavailable;
            for (var j = wider.MemberOffsets[m]; j < wider.MemberOffsets[m + 1]; j++)
            {
                var t = wider.Tours[j];
                if (excluded.Contains(m, t.Position)) continue;
                if (changed && !IsFree(unavailable, new Slot(t.Start, t.End))) continue;
                kept.Add(j);
            }
            offsets[m + 1] = kept.Count;
            // Even if every later tour stayed, too few would: no set is worth making.
            if (kept.Count + wider.Tours.Length - wider.MemberOffsets[m + 1] < least) return null;
        }
        var tours = kept.ConvertAll(j => wider.Tours[j]).ToArray();
        var withTour = new HashSet<int>[index.Positions.Length];
        foreach (var t in tours) (withTour[t.Position] ??= []).Add(t.Member);
        var funnels = new EligibilityFunnel[index.Positions.Length];
        for (var p = 0; p < funnels.Length; p++)
        {
            var (allowed, credentialed) = (0, 0);
            foreach (var m in wider.Eligible[p])
            {
                if (excluded.Contains(m, p)) continue;
                allowed++;
                credentialed += CredentialCheck.For(index, m, p) is null ? 0 : 1;
            }
            funnels[p] = wider.Funnels[p] with { NotExcluded = allowed, Credentialed = credentialed, WithTour = withTour[p]?.Count ?? 0 };
        }
        return (new CandidateSet(index, wider.Slots, tours, offsets, funnels, wider.Eligible), [.. kept]);
    }

    /// <summary>
    /// The candidate set of <paramref name="index"/>'s problem drawn from <paramref name="narrower"/>'s, when that problem
    /// only adds members after the narrower one's (recruits): the same members first, unchanged, and the same planning
    /// date, policy, positions, locks and exclusions (the caller checks this: <see cref="OnlyAddsMembers"/>). Then the
    /// tours are the narrower set's followed by the added members' own, and each funnel and list of eligible members
    /// gains the added members that meet it: the result equals <see cref="Generate"/> on <paramref name="index"/>, with
    /// only the added members scanned.
    /// </summary>
    public static CandidateSet Widen(CandidateSet narrower, PlanningIndex index)
    {
        var first = narrower.Index.Members.Length;
        var added = index.Members[first..];
        // The added members alone as a corps: the same tests, in the same order, count them as Generate counts everyone.
        var traits = new MemberTraits(added);
        var exempt = DatedLockDays(index);
        var excluded = new ExcludedPairs(index);
        var available = new List<bool>();
        var funnels = (EligibilityFunnel[])narrower.Funnels.Clone();
        var eligible = new List<int>[index.Positions.Length];
        // Positions with the same requirements share one list, as Generate's do.
        var copies = new Dictionary<List<int>, List<int>>(ReferenceEqualityComparer.Instance);
        var scans = new Dictionary<string, (List<int> Eligible, EligibilityFunnel Funnel)>(StringComparer.Ordinal);
        var perMember = new List<CandidateTour>[added.Length];
        for (var a = 0; a < added.Length; a++) perMember[a] = [];
        for (var p = 0; p < index.Positions.Length; p++)
        {
            var wider = narrower.Eligible[p];
            var key = RequirementKey(index.Positions[p]);
            if (!scans.TryGetValue(key, out var scan)) scans[key] = scan = traits.Eligible(index.Positions[p]);
            if (!copies.TryGetValue(wider, out var list))
            {
                copies[wider] = list = [.. wider];
                list.AddRange(scan.Eligible.Select(a => first + a));
            }
            eligible[p] = list;
            var (allowed, credentialed, withTour) = AddPositionTours(index, p, narrower.Slots[p], scan.Eligible.Select(a => first + a), excluded, exempt,
                m => perMember[m - first], available);
            var f = funnels[p];
            funnels[p] = new EligibilityFunnel(f.Skills + scan.Funnel.Skills, f.Languages + scan.Funnel.Languages, f.Clearance + scan.Funnel.Clearance,
                f.Component + scan.Funnel.Component, f.NotExcluded + allowed, f.Credentialed + credentialed, f.WithTour + withTour);
        }
        var offsets = new int[index.Members.Length + 1];
        narrower.MemberOffsets.CopyTo(offsets, 0);
        var tours = new List<CandidateTour>(narrower.Tours.Length + perMember.Sum(l => l.Count));
        tours.AddRange(narrower.Tours);
        for (var a = 0; a < added.Length; a++)
        {
            perMember[a].Sort(ByPositionAndSlots);
            tours.AddRange(perMember[a]);
            offsets[first + a + 1] = tours.Count;
        }
        return new CandidateSet(index, narrower.Slots, [.. tours], offsets, funnels, eligible);
    }

    /// <summary>
    /// Whether <paramref name="wider"/> is <paramref name="narrower"/> with members added after its own and nothing else
    /// changed, as <see cref="Widen"/> needs (each field the same object, as an edit that adds members leaves them).
    /// </summary>
    public static bool OnlyAddsMembers(DeploymentProblem wider, DeploymentProblem narrower) =>
        wider.Members.Length > narrower.Members.Length
        && wider.PlanningDate == narrower.PlanningDate
        && ReferenceEquals(wider.Policy, narrower.Policy)
        && wider.Operations == narrower.Operations
        && wider.Locks == narrower.Locks
        && wider.Exclusions == narrower.Exclusions
        && Enumerable.Range(0, narrower.Members.Length).All(m => ReferenceEquals(wider.Members[m], narrower.Members[m]));

    private static readonly Comparison<CandidateTour> ByPositionAndSlots = static (a, b) => a.Position != b.Position ? a.Position.CompareTo(b.Position)
        : a.FirstSlot != b.FirstSlot ? a.FirstSlot.CompareTo(b.FirstSlot) : a.LastSlot.CompareTo(b.LastSlot);

    /// <summary>
    /// Adds the tours on position <paramref name="p"/> of <paramref name="members"/> (those meeting its requirements) whom no
    /// exclusion rules out there, each to its list (<paramref name="toursOf"/>); returns how many were not ruled out, how
    /// many of those hold the position's credentials, and how many got a tour: the last three counts of its funnel.
    /// </summary>
    private static (int Allowed, int Credentialed, int WithTour) AddPositionTours(PlanningIndex index, int p, Slot[] slots, IEnumerable<int> members,
        ExcludedPairs excluded, Dictionary<(int Member, int Position), List<(int Start, int End)>> exempt, Func<int, List<CandidateTour>> toursOf,
        List<bool> available)
    {
        int allowed = 0, credentialed = 0, withTour = 0;
        foreach (var m in members)
        {
            if (excluded.Contains(m, p)) continue;
            allowed++;
            if (CredentialCheck.For(index, m, p) is not { } credentials) continue;
            credentialed++;
            var list = toursOf(m);
            var before = list.Count;
            AddTours(index, m, p, slots, exempt.GetValueOrDefault((m, p)), credentials, list, available);
            if (list.Count > before) withTour++;
        }
        return (allowed, credentialed, withTour);
    }

    /// <summary>
    /// Every run of whole slots member <paramref name="m"/> can serve on position <paramref name="p"/> with the position's
    /// credentials held or gained in time (<paramref name="credentials"/>); slots that meet <paramref name="lockedDays"/>
    /// (the member's dated locks there) may start before the lead time is over.
    /// </summary>
    private static void AddTours(PlanningIndex index, int m, int p, Slot[] slots, List<(int Start, int End)>? lockedDays, CredentialCheck credentials,
        List<CandidateTour> output, List<bool> available)
    {
        var unavailable = index.Members[m].Unavailable;
        var earliest = index.EarliestStart[m];
        var maxTour = index.MaxTourDays[m];
        available.Clear();
        // A slot is open when the member is free on its days and either the lead time is over or a dated lock meets it.
        foreach (var s in slots)
            available.Add(IsFree(unavailable, s) && (s.Start >= earliest || lockedDays is not null && lockedDays.Exists(d => d.Start <= s.End && s.Start <= d.End)));
        for (var a = 0; a < slots.Length; a++)
        {
            // A tour that cannot have its credentials cannot when longer either: their last valid days are fixed.
            for (var b = a; b < slots.Length && available[b] && slots[b].End - slots[a].Start + 1 <= maxTour && credentials.Allows(slots[a].Start, slots[b].End); b++)
                output.Add(new CandidateTour(m, p, a, b, slots[a].Start, slots[b].End));
        }
    }

    /// <summary>The days of every lock with dates, by (member, position).</summary>
    private static Dictionary<(int Member, int Position), List<(int Start, int End)>> DatedLockDays(PlanningIndex index)
    {
        var days = new Dictionary<(int, int), List<(int, int)>>();
        foreach (var @lock in index.Problem.Locks)
        {
            if (@lock is not { Start: { } start, End: { } end }) continue;
            var key = (index.MemberIndex[@lock.Member], index.PositionIndex[@lock.Position]);
            if (!days.TryGetValue(key, out var list)) days[key] = list = [];
            list.Add((start.DayNumber, end.DayNumber));
        }
        return days;
    }

    /// <summary>
    /// The exclusions resolved to indices once: members ruled out everywhere by a flag, the others as (member, position)
    /// pairs, so that checking a pair costs no string comparison.
    /// </summary>
    private sealed class ExcludedPairs
    {
        private readonly bool[] _everywhere;
        private readonly HashSet<(int Member, int Position)> _pairs = [];

        public ExcludedPairs(PlanningIndex index)
        {
            _everywhere = new bool[index.Members.Length];
            foreach (var e in index.Problem.Exclusions)
            {
                var m = index.MemberIndex[e.Member];
                if (e is { Position: null, Operation: null }) _everywhere[m] = true;
                else if (e.Position is not null) _pairs.Add((m, index.PositionIndex[e.Position]));
                else
                    for (var p = 0; p < index.Positions.Length; p++)
                        if (index.OperationOf(p).Id == e.Operation) _pairs.Add((m, p));
            }
        }

        public bool Contains(int member, int position) => _everywhere[member] || _pairs.Count > 0 && _pairs.Contains((member, position));
    }

    private static bool IsFree(ImmutableArray<DateRange> unavailable, Slot slot)
    {
        foreach (var u in unavailable)
        {
            if (u.Start.DayNumber <= slot.End && slot.Start <= u.End.DayNumber) return false;
        }
        return true;
    }

    private static string RequirementKey(Position p) => string.Join('|',
        string.Join(',', p.Requires.OrderBy(r => r.Key, StringComparer.OrdinalIgnoreCase).Select(r => $"{r.Key.ToUpperInvariant()}>={r.Value}")),
        string.Join(',', p.Languages.Select(l => l.ToUpperInvariant()).Order(StringComparer.Ordinal)),
        p.Clearance,
        string.Join(',', p.AllowedComponents.Order()));

    /// <summary>Skills and languages of every member as dense arrays, with an index of who holds each skill.</summary>
    private sealed class MemberTraits
    {
        private readonly Member[] _members;
        private readonly Dictionary<string, int> _skillIds = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, int> _languageIds = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<List<int>> _holders = [];
        private readonly Dictionary<int, byte>[] _levels;
        private readonly HashSet<int>[] _languages;

        public MemberTraits(Member[] members)
        {
            _members = members;
            _levels = new Dictionary<int, byte>[members.Length];
            _languages = new HashSet<int>[members.Length];
            for (var m = 0; m < members.Length; m++)
            {
                var levels = _levels[m] = new Dictionary<int, byte>(members[m].Skills.Count);
                foreach (var (skill, level) in members[m].Skills)
                {
                    if (!_skillIds.TryGetValue(skill, out var id))
                    {
                        _skillIds[skill] = id = _holders.Count;
                        _holders.Add([]);
                    }
                    if (levels.TryAdd(id, (byte)Math.Clamp(level, 0, 255))) _holders[id].Add(m);
                }
                var languages = _languages[m] = new HashSet<int>(members[m].Languages.Length);
                foreach (var language in members[m].Languages)
                {
                    if (!_languageIds.TryGetValue(language, out var id)) _languageIds[language] = id = _languageIds.Count;
                    languages.Add(id);
                }
            }
        }

        /// <summary>Members meeting every static requirement of <paramref name="position"/>, in member order, with the funnel counts.</summary>
        public (List<int> Eligible, EligibilityFunnel Funnel) Eligible(Position position)
        {
            var required = new List<(int Skill, int Level)>(position.Requires.Count);
            foreach (var (skill, level) in position.Requires)
            {
                if (!_skillIds.TryGetValue(skill, out var id)) return ([], default);
                required.Add((id, level));
            }
            var languages = new List<int>(position.Languages.Length);
            var unknownLanguage = false;
            foreach (var language in position.Languages)
            {
                if (_languageIds.TryGetValue(language, out var id)) languages.Add(id);
                else unknownLanguage = true;
            }

            IEnumerable<int> pool = required.Count == 0
                ? Enumerable.Range(0, _members.Length)
                : _holders[required.MinBy(r => _holders[r.Skill].Count).Skill];
            var allowed = position.AllowedComponents;
            int skills = 0, withLanguages = 0, clearance = 0, component = 0;
            var eligible = new List<int>();
            foreach (var m in pool)
            {
                if (!HasSkills(m, required)) continue;
                skills++;
                if (unknownLanguage || !languages.TrueForAll(_languages[m].Contains)) continue;
                withLanguages++;
                if (_members[m].Clearance < position.Clearance) continue;
                clearance++;
                if (!allowed.IsEmpty && !allowed.Contains(_members[m].Component)) continue;
                component++;
                eligible.Add(m);
            }
            return (eligible, new EligibilityFunnel(skills, withLanguages, clearance, component, 0, 0, 0));
        }

        private bool HasSkills(int m, List<(int Skill, int Level)> required)
        {
            foreach (var (skill, level) in required)
            {
                if (!_levels[m].TryGetValue(skill, out var have) || have < level) return false;
            }
            return true;
        }
    }
}
