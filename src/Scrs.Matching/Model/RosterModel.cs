using System.Collections.Immutable;
using Scrs.Matching.Eligibility;
using Scrs.Matching.Solver;

namespace Scrs.Matching.Model;

/// <summary>
/// The roster as a 0-1 program: column j is candidate tour <c>Tours[j]</c>; rows keep the rules; one objective vector per
/// level of the lexicographic objective.
/// </summary>
internal sealed class RosterModel(
    LinearModel linear,
    CandidateSet candidates,
    double[][] objectives,
    decimal costScale,
    ImmutableArray<string> infeasible,
    RowCounts rows)
{
    public LinearModel Linear { get; } = linear;

    public CandidateSet Candidates { get; } = candidates;

    /// <summary>The tour of each column.</summary>
    public CandidateTour[] Tours => Candidates.Tours;

    /// <summary>Objective coefficients of each level (indexed by <see cref="ObjectiveLevel"/>), in model units.</summary>
    public double[][] Objectives { get; } = objectives;

    /// <summary>Model cost = real cost x this power of ten, chosen so that every coefficient is an integer.</summary>
    public decimal CostScale { get; } = costScale;

    /// <summary>Reasons found while building that make the problem infeasible (a lock no candidate tour can keep).</summary>
    public ImmutableArray<string> Infeasible { get; } = infeasible;

    public RowCounts Rows { get; } = rows;

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

/// <summary>How many rows of each kind the model has (rows that could never bind are not built).</summary>
internal sealed record RowCounts(int Seats, int Members, int Chains, int Surge, int Budget, int Locks)
{
    public int Total => Seats + Members + Chains + Surge + Budget + Locks;
}
