namespace Scrs.Matching.Solver;

/// <summary>
/// The first <see cref="Count"/> columns of a <see cref="LinearModel"/> whose entries the rows keep only once stored
/// (<see cref="LinearModel.StoreOnly"/>): a pool of millions of tours of which an LP and a search use a few, priced from
/// the structure of the rows rather than from written entries.
/// </summary>
/// <remarks>
/// The entries it gives are the entries the rows would hold with the column stored, in every row of the model, those
/// added after the build included: pricing, the restricted LP and the searches then see the same model as with every
/// column written, and every bound stays a bound over the whole pool.
/// </remarks>
internal interface IImplicitColumns
{
    /// <summary>How many columns, from column 0, are implicit until stored.</summary>
    int Count { get; }

    /// <summary>
    /// For every implicit column not stored, <c>reduced[j] = cost[j] - sum_i duals[i] A_ij</c> over every row of the model.
    /// </summary>
    void Reduce(double[] duals, double[] cost, double[] reduced);

    /// <summary>The entries (row, coefficient) of implicit column <paramref name="column"/> in every row of the model, into <paramref name="into"/> (cleared first).</summary>
    void Entries(int column, List<(int Row, double Value)> into);

    /// <summary>A test, safe to call from several threads, of whether an implicit column has an entry in a row marked in <paramref name="rows"/>.</summary>
    Func<int, bool> Touching(bool[] rows);

    /// <summary>
    /// How much the Lagrangian bound rises when each member's clique rows (at most one of the member's overlapping tours)
    /// are kept as constraints rather than priced: for the duals <paramref name="duals"/> and the reduced costs
    /// <paramref name="reduced"/> of every column (priced over every row), the sum over the members whose tours are all 0-1
    /// with lower bound zero of <c>F_m - sum_cliques y_i - sum_j min(d_j, 0)</c>, where F_m is the least reduced cost of a
    /// schedule of the member (tours that share no clique) with the clique duals left out. Sets
    /// <paramref name="increments"/>[j], for every tour of such a member not fixed at zero, to how much more than F_m the
    /// best schedule holding that tour costs; NaN for every other column.
    /// </summary>
    double ScheduleBound(double[] duals, double[] reduced, double[] increments);

    /// <summary>
    /// The least and most activity the implicit columns not stored can add to row <paramref name="row"/> within their
    /// bounds, or wider (infinite where not counted). Their coefficients in any row are integers.
    /// </summary>
    (double Least, double Most) Range(int row);

    /// <summary>
    /// Takes the rows from <paramref name="firstRow"/> on as rows over the stored columns only: added when every implicit
    /// column not stored is fixed at zero (cuts derived from the stored columns), so no other has an entry in them.
    /// </summary>
    /// <exception cref="InvalidOperationException">An implicit column not stored is not fixed at zero.</exception>
    void RowsOverStored(int firstRow);

    /// <summary>Writes the entries of those of <paramref name="columns"/> that are not stored yet into the rows.</summary>
    void Store(IEnumerable<int> columns);
}
