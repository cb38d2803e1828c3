using Scrs.Matching.Eligibility;

namespace Scrs.Matching.Baseline;

/// <summary>
/// A partial roster of candidate tours that answers, for one more tour, whether every rule still holds: seats,
/// the member's other tours (overlap, rest, continuous deployment), surge limits on each day, and the budget.
/// </summary>
internal sealed class RosterState
{
    private readonly CandidateSet _candidates;
    private readonly int[][] _seats;
    private readonly List<(int Start, int End)>[] _memberTours;
    private readonly SurgeScope[] _surge;
    private readonly int[][] _surgeUse;
    private readonly int[][] _operationUse;
    private readonly int _firstDay;
    private decimal _budgetLeft;

    public RosterState(CandidateSet candidates)
    {
        _candidates = candidates;
        var index = candidates.Index;
        _seats = Array.ConvertAll(candidates.Slots, s => new int[s.Length]);
        _memberTours = new List<(int, int)>[index.Members.Length];
        _surge = SurgeScope.Resolve(index);
        _firstDay = candidates.Tours.Length == 0 ? 0 : candidates.Tours.Min(t => t.Start);
        var days = candidates.Tours.Length == 0 ? 0 : candidates.Tours.Max(t => t.End) - _firstDay + 1;
        _surgeUse = Array.ConvertAll(_surge, _ => new int[days]);
        _operationUse = Array.ConvertAll(index.Problem.Operations.ToArray(), _ => new int[days]);
        _budgetLeft = index.Problem.Policy.Budget ?? decimal.MaxValue;
        _needsTraining = NeedsTraining.GetValue(candidates, Trained);
    }

    /// <summary>Each candidate set's tours that need a training (a credential gained in a session), found once.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CandidateSet, bool[]> NeedsTraining = [];

    /// <summary>
    /// The greedy roster trains nobody: a tour that needs a training is left to the exact search, which chooses the
    /// sessions together with the tours (a roster without training keeps every training rule).
    /// </summary>
    private readonly bool[] _needsTraining;

    private static bool[] Trained(CandidateSet candidates)
    {
        var index = candidates.Index;
        var needs = new bool[candidates.Tours.Length];
        if (index.Sessions.Length == 0) return needs;
        var checks = new Dictionary<(int, int), CredentialCheck?>();
        for (var j = 0; j < needs.Length; j++)
        {
            var t = candidates.Tours[j];
            if (index.Positions[t.Position].Credentials.IsDefaultOrEmpty) continue;
            if (!checks.TryGetValue((t.Member, t.Position), out var check)) checks[(t.Member, t.Position)] = check = CredentialCheck.For(index, t.Member, t.Position);
            needs[j] = check!.Needs(t.Start, t.End).Any();
        }
        return needs;
    }

    public List<int> Chosen { get; } = [];

    /// <summary>
    /// Whether <see cref="Fits"/> leaves out the shares of an operation: a share can recover when others join the
    /// operation, so a tour that breaks it now may keep it once the roster is complete (<see cref="SharesHold"/>).
    /// </summary>
    public bool DeferShares { get; set; }

    public int SeatsTaken(int position, int slot) => _seats[position][slot];

    public bool Fits(int tour)
    {
        if (_needsTraining[tour]) return false;
        var t = _candidates.Tours[tour];
        var index = _candidates.Index;
        for (var s = t.FirstSlot; s <= t.LastSlot; s++)
        {
            if (_seats[t.Position][s] >= index.Positions[t.Position].Headcount) return false;
        }
        if (t.Days * index.DailyCost[t.Member] > _budgetLeft) return false;
        return FitsMember(t) && FitsSurge(t);
    }

    public void Add(int tour)
    {
        var t = _candidates.Tours[tour];
        var index = _candidates.Index;
        Chosen.Add(tour);
        for (var s = t.FirstSlot; s <= t.LastSlot; s++) _seats[t.Position][s]++;
        (_memberTours[t.Member] ??= []).Add((t.Start, t.End));
        _budgetLeft -= t.Days * index.DailyCost[t.Member];
        var operation = index.PositionOperation[t.Position];
        for (var d = t.Start; d <= t.End; d++) _operationUse[operation][d - _firstDay]++;
        for (var k = 0; k < _surge.Length; k++)
        {
            if (!_surge[k].Counts(t.Member, operation)) continue;
            for (var d = t.Start; d <= t.End; d++) _surgeUse[k][d - _firstDay]++;
        }
    }

    /// <summary>Whether every share of an operation holds on every day of the roster so far.</summary>
    public bool SharesHold()
    {
        for (var k = 0; k < _surge.Length; k++)
        {
            if (_surge[k].OperationShare is not { } share) continue;
            var (use, total) = (_surgeUse[k], _operationUse[_surge[k].Operation]);
            for (var d = 0; d < use.Length; d++)
            {
                if (use[d] > share * total[d] + 1e-9) return false;
            }
        }
        return true;
    }

    private bool FitsMember(CandidateTour t)
    {
        if (_memberTours[t.Member] is not { } tours) return true;
        var rest = _candidates.Index.Problem.Policy.RestDays;
        foreach (var (start, end) in tours)
        {
            if (!(t.Start > end + rest || start > t.End + rest)) return false;
        }
        if (rest > 0) return true;
        // With no rest, tours that follow day after day are one deployment: its whole length counts toward the maximum tour.
        int first = t.Start, last = t.End;
        for (var grown = true; grown;)
        {
            grown = false;
            foreach (var (start, end) in tours)
            {
                if (end == first - 1) { first = start; grown = true; }
                else if (start == last + 1) { last = end; grown = true; }
            }
        }
        return last - first + 1 <= _candidates.Index.MaxTourDays[t.Member];
    }

    private bool FitsSurge(CandidateTour t)
    {
        var operation = _candidates.Index.PositionOperation[t.Position];
        for (var k = 0; k < _surge.Length; k++)
        {
            var scope = _surge[k];
            if (!scope.Counts(t.Member, operation) || DeferShares && scope.Cap is null) continue;
            var use = _surgeUse[k];
            for (var d = t.Start - _firstDay; d <= t.End - _firstDay; d++)
            {
                var ok = scope.Cap is { } cap
                    ? use[d] + 1 <= cap
                    : use[d] + 1 <= scope.OperationShare!.Value * (_operationUse[operation][d] + 1) + 1e-9;
                if (!ok) return false;
            }
        }
        return true;
    }
}
