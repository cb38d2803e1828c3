using System.Globalization;

namespace Scrs.Matching.Solver.Gap;

/// <summary>
/// A Generalized Assignment Problem instance in the OR-Library format: <c>m n</c>, then m rows of n costs, m rows of
/// n weights, and m capacities. Used as a solver benchmark with known optima: minimise the total cost of assigning
/// every item to exactly one agent within each agent's capacity.
/// </summary>
internal sealed class GapInstance
{
    private readonly int[] _costs, _weights, _capacities;

    private GapInstance(int agents, int items, int[] costs, int[] weights, int[] capacities)
    {
        Agents = agents;
        Items = items;
        _costs = costs;
        _weights = weights;
        _capacities = capacities;
    }

    public int Agents { get; }
    public int Items { get; }

    public int Cost(int agent, int item) => _costs[agent * Items + item];
    public int Weight(int agent, int item) => _weights[agent * Items + item];
    public int Capacity(int agent) => _capacities[agent];

    /// <summary>Reads the whitespace-separated integers of an OR-Library GAP file.</summary>
    /// <exception cref="FormatException">A token is not an integer, or the count does not match <c>m n</c>.</exception>
    public static GapInstance Parse(string text)
    {
        var tokens = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var numbers = new int[tokens.Length];
        for (var k = 0; k < tokens.Length; k++)
        {
            if (!int.TryParse(tokens[k], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out numbers[k]))
                throw new FormatException($"GAP token {k + 1} ('{tokens[k]}') is not an integer.");
        }
        if (numbers.Length < 2 || numbers[0] <= 0 || numbers[1] <= 0)
            throw new FormatException("GAP data must start with positive agent and item counts 'm n'.");
        int m = numbers[0], n = numbers[1];
        var expected = 2 + 2L * m * n + m;
        if (numbers.Length != expected)
            throw new FormatException($"GAP data with m={m}, n={n} needs {expected} integers, found {numbers.Length}.");
        return new GapInstance(m, n,
            numbers[2..(2 + m * n)],
            numbers[(2 + m * n)..(2 + 2 * m * n)],
            numbers[(2 + 2 * m * n)..]);
    }

    /// <summary>Column of <c>x[agent, item]</c> in <see cref="ToModel"/>.</summary>
    public int Column(int agent, int item) => agent * Items + item;

    /// <summary>
    /// Binary <c>x[agent, item]</c> (column <see cref="Column"/>), minimising cost; one equality row per item
    /// (assigned once) and one capacity row per agent.
    /// </summary>
    public LinearModel ToModel(string name)
    {
        var model = new LinearModel(name)
        {
            ColumnNames = c => $"x_{c / Items}_{c % Items}",
            RowNames = r => r < Items ? $"assign_{r}" : $"capacity_{r - Items}",
        };
        for (var i = 0; i < Agents; i++)
            for (var j = 0; j < Items; j++)
                model.AddColumn(0, 1, Cost(i, j), isInteger: true);

        var ones = Enumerable.Repeat(1.0, Agents).ToArray();
        var agentColumns = new int[Agents];
        for (var j = 0; j < Items; j++)
        {
            for (var i = 0; i < Agents; i++) agentColumns[i] = Column(i, j);
            model.AddRow(agentColumns, ones, RowSense.Equal, 1);
        }
        var itemColumns = new int[Items];
        var weights = new double[Items];
        for (var i = 0; i < Agents; i++)
        {
            for (var j = 0; j < Items; j++)
            {
                itemColumns[j] = Column(i, j);
                weights[j] = Weight(i, j);
            }
            model.AddRow(itemColumns, weights, RowSense.LessOrEqual, Capacity(i));
        }
        return model;
    }
}
