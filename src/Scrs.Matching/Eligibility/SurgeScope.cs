using Scrs.Matching.Domain;

namespace Scrs.Matching.Eligibility;

/// <summary>
/// A surge limit resolved against the corps: which members it counts, on which operation, and its capacity.
/// </summary>
/// <param name="Limit">The limit as given.</param>
/// <param name="Operation">Index of the limit's operation, or -1 when it counts every operation.</param>
/// <param name="InScope">Whether each member matches the limit's agency and component.</param>
/// <param name="Cap">Fixed capacity (maxConcurrent, or floor(maxShare x members in scope)); <see langword="null"/> for a share of an operation.</param>
/// <param name="OperationShare">For a share of an operation: in-scope members on it &lt;= this x all members on it.</param>
internal sealed record SurgeScope(SurgeLimit Limit, int Operation, bool[] InScope, int? Cap, double? OperationShare)
{
    /// <summary>Whether a tour of <paramref name="member"/> on a position of <paramref name="operation"/> counts toward the limit.</summary>
    public bool Counts(int member, int operation) => InScope[member] && (Operation < 0 || Operation == operation);

    public static SurgeScope[] Resolve(PlanningIndex index) => index.Problem.Policy.Surge.Select(limit =>
    {
        var operation = limit.Operation is null ? -1 : index.Problem.Operations.IndexOf(index.Problem.Operations.First(o => o.Id == limit.Operation));
        var inScope = Array.ConvertAll(index.Members, m =>
            (limit.Agency is null || string.Equals(m.Agency, limit.Agency, StringComparison.Ordinal))
            && (limit.Component is not { } c || m.Component == c));
        if (limit.MaxShare is { } share && operation >= 0) return new SurgeScope(limit, operation, inScope, null, share);
        var cap = limit.MaxConcurrent ?? ShareCap(limit.MaxShare!.Value, inScope.Count(x => x));
        return new SurgeScope(limit, operation, inScope, cap, null);
    }).ToArray();

    /// <summary>floor(share x members); the epsilon keeps binary fractions such as 0.1 x 30 from flooring to 2.</summary>
    public static int ShareCap(double share, int members) => (int)Math.Floor(share * members + 1e-9);
}
