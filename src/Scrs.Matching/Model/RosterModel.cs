using System.Collections.Immutable;
using Scrs.Matching.Eligibility;
using Scrs.Matching.Replanning;
using Scrs.Matching.Solver;

namespace Scrs.Matching.Model;

/// <summary>
/// The roster as a 0-1 program: column j &lt; <see cref="TourCount"/> is candidate tour <c>Tours[j]</c>; the columns after
/// them are auxiliary (continuous, each the number of some tours on one rotation slot, defined by an equality row); rows
/// keep the rules; one objective vector per level of the lexicographic objective, over the tour columns.
/// </summary>
internal sealed class RosterModel(
    LinearModel linear,
    CandidateSet candidates,
    int[] auxiliaryRows,
    double[][] objectives,
    decimal costScale,
    ImmutableArray<string> infeasible,
    RowCounts rows,
    ImmutableArray<RuleRows> rules)
{
    public LinearModel Linear { get; } = linear;

    public CandidateSet Candidates { get; } = candidates;

    /// <summary>The tour of each tour column.</summary>
    public CandidateTour[] Tours => Candidates.Tours;

    /// <summary>Columns <c>0..TourCount-1</c> are the tours; the auxiliary columns follow.</summary>
    public int TourCount => Candidates.Tours.Length;

    /// <summary>
    /// The model of <paramref name="candidates"/>, a subset of this model's tours (<paramref name="kept"/>: the tour
    /// column of each, increasing), with every auxiliary column and every row of this one that can still bind: the rows
    /// over tours not kept lose those entries. Its rosters are this model's rosters that use kept tours only: every row
    /// here is a rule the subset must keep too, and the rows a model built for the subset would have are among them (the
    /// seat, clique, chain and surge rows of fewer tours are the same rows with fewer entries, or rows that cannot bind).
    /// The rows of each member who lost tours are made anew; left are rows a build would not make (a seat or surge row of the wider model
    /// that lost tours, the share rows of days no kept tour starts or ends).
    /// </summary>
    /// <param name="candidates">The subset, as a candidate set of its own problem.</param>
    /// <param name="kept">The tour column of each of its tours, increasing.</param>
    /// <param name="previous">The previous roster of the changes level, which need not be this model's.</param>
    public RosterModel Restricted(CandidateSet candidates, int[] kept, PreviousRoster? previous)
    {
        var auxiliaries = Linear.ColumnCount - TourCount;
        var columns = new int[kept.Length + auxiliaries];
        kept.CopyTo(columns, 0);
        for (var a = 0; a < auxiliaries; a++) columns[kept.Length + a] = TourCount + a;
        // A patch sets the budget's row and checks the locks'.
        var referred = Rules.Where(r => r.Kind != RuleKind.SurgeLimit).SelectMany(r => r.Rows.Rows).ToHashSet();
        // The rows of a member who lost tours are made anew over the kept ones: the wider model's cliques, restricted,
        // are the narrower model's and many more (a member away for a month splits its tours, and every clique that lost
        // some stays). A member who kept every tour keeps its rows.
        var starts = MemberRows ?? throw new InvalidOperationException("Only a built model is restricted.");
        var changed = Enumerable.Range(0, candidates.Index.Members.Length)
            .Where(m => candidates.MemberOffsets[m + 1] - candidates.MemberOffsets[m] != Candidates.MemberOffsets[m + 1] - Candidates.MemberOffsets[m]).ToList();
        var remade = new bool[Linear.RowCount];
        foreach (var m in changed)
        {
            for (var i = starts[m]; i < starts[m + 1]; i++) remade[i] = true;
        }
        var (linear, rows) = Linear.Restricted(columns, referred.Contains, i => remade[i]);
        RosterModelBuilder.AddMemberRows(candidates, linear, changed);
        var names = Linear.ColumnNames;
        linear.ColumnNames = j => j < kept.Length
            ? RosterModelBuilder.TourName(candidates, j)
            : names?.Invoke(j - kept.Length + TourCount) ?? $"x{j}";
        var shift = TourCount - kept.Length;
        var rules = Rules.Select(r => r with
        {
            Rows = new ConditionalRows([.. r.Rows.Rows.Select(i => rows[i]).Where(i => i >= 0)], Array.ConvertAll(r.Rows.Bounds, b => (b.Column - shift, b.RelaxedUpper))),
        });
        // An objective over the columns after the tours (the cost of training) keeps them, shifted with them.
        var objectives = Array.ConvertAll(Objectives, o => o.Length > TourCount ? [.. kept.Select(j => o[j]), .. o[TourCount..]] : Array.ConvertAll(kept, j => o[j]));
        objectives[(int)ObjectiveLevel.Changes] = previous?.Coefficients(candidates) ?? new double[kept.Length];
        return new RosterModel(linear, candidates, Array.ConvertAll(auxiliaryRows, i => rows[i]), objectives, CostScale, Infeasible, Rows, [.. rules])
        {
            PreviousDays = previous?.Days ?? 0,
            MostKept = previous?.MostKept(candidates) ?? 0,
            Presences = Array.ConvertAll(Presences, x => (x.Column - shift, rows[x.Row])),
            Trainings = Trainings is { } t ? t with { First = t.First - shift } : null,
        };
    }

    /// <summary>A copy whose rows and bounds can change on their own (the candidates and objectives, never changed, are shared).</summary>
    public RosterModel Clone() =>
        new(Linear.Clone(), Candidates, auxiliaryRows, Objectives, CostScale, Infeasible, Rows, Rules)
        {
            PreviousDays = PreviousDays, MostKept = MostKept, MemberRows = MemberRows, Presences = Presences, Trainings = Trainings,
            Keys = Keys?.Clone(),
        };

    /// <summary>Full column values for a roster given as tour columns: 1 for each chosen tour, auxiliaries set (<see cref="SetAuxiliaries"/>).</summary>
    public double[] ColumnValues(IEnumerable<int> tours)
    {
        var values = new double[Linear.ColumnCount];
        foreach (var j in tours) values[j] = 1;
        SetAuxiliaries(values);
        return values;
    }

    /// <summary>
    /// Sets each auxiliary column of <paramref name="values"/> to the sum of the tour values its defining row gives it, so that
    /// the vector keeps every definition (for any tour values, fractional ones included).
    /// </summary>
    public void SetAuxiliaries(double[] values)
    {
        for (var a = 0; a < auxiliaryRows.Length; a++)
        {
            // Row: scale x aux - sum of its tours = 0, so aux = -(the row's other terms) / scale, which are all tours.
            var column = TourCount + a;
            var columns = Linear.RowColumns(auxiliaryRows[a]);
            var coefficients = Linear.RowCoefficients(auxiliaryRows[a]);
            var (sum, scale) = (0.0, 1.0);
            for (var k = 0; k < columns.Length; k++)
            {
                if (columns[k] != column) sum -= coefficients[k] * values[columns[k]];
                else scale = coefficients[k];
            }
            values[column] = sum / scale;
        }
        // A presence: 1 where its tours are there at all, capped at 1 (fractional sums, in an LP's point, keep its row).
        foreach (var (column, row) in Presences)
        {
            var columns = Linear.RowColumns(row);
            var coefficients = Linear.RowCoefficients(row);
            var sum = 0.0;
            for (var k = 0; k < columns.Length; k++)
            {
                if (columns[k] != column) sum -= coefficients[k] * values[columns[k]];
            }
            values[column] = Math.Min(1, sum);
        }
    }

    /// <summary>
    /// Objective coefficients of each level (indexed by <see cref="ObjectiveLevel"/>), in model units, over the tour columns
    /// only (<see cref="TourCount"/> of them): auxiliary columns never enter an objective.
    /// </summary>
    public double[][] Objectives { get; } = objectives;

    /// <summary>Model cost = real cost x this power of ten, chosen so that every coefficient is an integer.</summary>
    public decimal CostScale { get; } = costScale;

    /// <summary>Reasons found while building that make the problem infeasible (a lock no candidate tour can keep).</summary>
    public ImmutableArray<string> Infeasible { get; } = infeasible;

    public RowCounts Rows { get; } = rows;

    /// <summary>
    /// The rows of each rule that can make the problem infeasible (every lock that has a candidate tour, the budget,
    /// every surge limit), for explaining infeasibility: without all of them the empty roster keeps every other row.
    /// </summary>
    public ImmutableArray<RuleRows> Rules { get; } = rules;

    /// <summary>
    /// Where the rows that keep each member's tours apart (cliques, chains) start, member by member, and after the last
    /// member where they end: one block, in a built model; <see langword="null"/> in a restricted one.
    /// </summary>
    public int[]? MemberRows { get; init; }

    /// <summary>
    /// The presence columns of teams with a least number of agencies, each with its row <c>column - tours &lt;= 0</c>: set
    /// to the tours' count capped at 1 by <see cref="SetAuxiliaries"/>. They follow the defined auxiliary columns.
    /// </summary>
    public (int Column, int Row)[] Presences { get; init; } = [];

    /// <summary>
    /// The structure of each row as far as tours go (<see cref="RowKey"/>), in a built model: what lets tours stay
    /// implicit (<see cref="Pool.ImplicitTours"/>); <see langword="null"/> in a restricted one.
    /// </summary>
    public RowKeys? Keys { get; init; }

    /// <summary>
    /// Adds a row with its key: the entries of tours not stored are left out (<see cref="LinearModel.StoreOnly"/>), and
    /// the key gives them when they are.
    /// </summary>
    public int AddRow(RowKey key, ReadOnlySpan<int> columns, ReadOnlySpan<double> coefficients, RowSense sense, double rhs, bool cut = false)
    {
        var row = cut ? Linear.AddCut(columns, coefficients, rhs) : Linear.AddRow(columns, coefficients, sense, rhs);
        Keys?.Set(row, key);
        return row;
    }

    /// <summary>Writes the entries of those of <paramref name="tours"/> (tour columns) that are not stored yet.</summary>
    public void Store(IEnumerable<int> tours) => Linear.Implicit?.Store(tours);

    /// <summary>The training columns, after every other column; none without courses.</summary>
    public TrainingColumns? Trainings { get; init; }

    /// <summary>The previous roster's person-days: the changes level's value is this plus the model's objective value.</summary>
    public long PreviousDays { get; init; }

    /// <summary>The most previous days a roster of this model keeps (<see cref="Replanning.PreviousRoster.MostKept"/>): minus it bounds the changes level.</summary>
    public long MostKept { get; init; }

    /// <summary>A level's value as reported: the changes level counts the previous days not kept, the model minus the days kept.</summary>
    public double Reported(ObjectiveLevel level, double value) => level == ObjectiveLevel.Changes ? PreviousDays + value : value;

    /// <summary>Whether every coefficient of <paramref name="level"/> is an integer, so its optimum can be fixed exactly.</summary>
    public bool IsIntegral(ObjectiveLevel level) => Array.TrueForAll(Objectives[(int)level], c => c == Math.Floor(c));

    /// <summary>The value of <paramref name="level"/> for a full vector of column values.</summary>
    public double Value(ObjectiveLevel level, ReadOnlySpan<double> values)
    {
        var coefficients = Objectives[(int)level];
        var sum = 0.0;
        for (var j = 0; j < coefficients.Length; j++) sum += coefficients[j] * values[j];
        return sum;
    }
}

/// <summary>
/// How many rows of each kind the model has (rows that could never bind are not built). <see cref="Definitions"/> are the
/// equality rows defining the auxiliary columns; a seat row replaced by the definition of its slot's fill column (whose
/// upper bound is then the headcount) counts there.
/// </summary>
internal sealed record RowCounts(int Seats, int Members, int Chains, int Surge, int Budget, int Locks, int Definitions, int Teams = 0, int Training = 0)
{
    public int Total => Seats + Members + Chains + Surge + Budget + Locks + Definitions + Teams + Training;
}

/// <summary>The training columns of a model, the last ones: column <c>First + k</c> trains member <c>Columns[k].Member</c> in session <c>Columns[k].Session</c>.</summary>
/// <param name="First">The first training column.</param>
/// <param name="Columns">Member and session (an index into <see cref="Eligibility.PlanningIndex.Sessions"/>) of each.</param>
/// <param name="Rows">The rows they added.</param>
internal sealed record TrainingColumns(int First, (int Member, int Session)[] Columns, int Rows);

/// <summary>The kind of a rule whose rows <see cref="RuleRows"/> gathers.</summary>
internal enum RuleKind
{
    /// <summary>An assignment lock; its number is its index in the problem's locks.</summary>
    Lock,
    /// <summary>The budget.</summary>
    Budget,
    /// <summary>A surge limit; its number is its index in the policy's surge limits.</summary>
    SurgeLimit,
    /// <summary>A team's all-or-nothing rows; its number is its index among the problem's teams, operation by operation.</summary>
    Team,
}

/// <summary>The rows (and capped column bounds) of one rule of the problem.</summary>
/// <param name="Kind">What kind of rule.</param>
/// <param name="Number">Its index among the problem's rules of that kind.</param>
/// <param name="Rows">Its rows, and the auxiliary columns whose upper bound it sets.</param>
internal sealed record RuleRows(RuleKind Kind, int Number, ConditionalRows Rows);
