using Google.OrTools.Sat;

namespace Scrs.Matching.Solver.CpSat;

/// <summary>
/// A <see cref="LinearModel"/> as an exact CP-SAT model: CP-SAT takes integer variables and integer coefficients only,
/// so a model is translated only when that changes nothing, and otherwise <see cref="Unsupported"/> says why.
/// </summary>
/// <remarks>
/// <para><b>Continuous columns.</b> A continuous column is declared integer when an equality row (not a conditional
/// one) proves that it is one (<see cref="Integrality.ImpliedIntegers"/>). Then the feasible sets, projected on the
/// other columns, are the same, the objective takes the same values, and so the optimum is the same; its bounds round
/// inward (ceil lower, floor upper) without losing any integer. Any other continuous column makes the model unsupported.</para>
/// <para><b>Coefficients.</b> A row whose coefficients are not all integers is multiplied by the smallest factor
/// that makes them integers, each read as the shortest decimal that round-trips (up to 9 places) or else as the
/// simplest fraction that does (denominator up to 10^6: a share of 1/3); its right-hand side is
/// scaled too and then rounded inward (an integer activity is &lt;= r exactly when it is &lt;= floor(r)), within
/// <see cref="SolutionCheck.Tolerance"/>. The objective is scaled the same way (<see cref="ObjectiveScale"/>). A row
/// or objective that has no such reading makes the model unsupported, as does an infinite column bound.</para>
/// </remarks>
internal sealed class CpSatModel(CpModel model, long objectiveScale, int columns, int[] literals, string? unsupported, bool infeasible)
{

    /// <summary>The CP-SAT model: variable j is column j; the conditional groups' literals follow.</summary>
    public CpModel Model { get; } = model;

    /// <summary>CP-SAT objective = model objective (without offset) x this power of ten; maximization is negated by the scaling factor -1.</summary>
    public long ObjectiveScale { get; } = objectiveScale;

    /// <summary>Columns of the <see cref="LinearModel"/> (the first variables).</summary>
    public int ColumnCount { get; } = columns;

    /// <summary>The variable index of each conditional group's literal.</summary>
    public int[] Literals { get; } = literals;

    /// <summary>Why the model cannot be solved exactly by CP-SAT; <see langword="null"/> when it can.</summary>
    public string? Unsupported { get; } = unsupported;

    /// <summary>A row has no integer activity in its range (for example <c>2x = 1</c>): the model is infeasible as it stands.</summary>
    public bool RowsInfeasible { get; } = infeasible;

    /// <summary>Translates <paramref name="linear"/>, with each of <paramref name="conditional"/> enforced by a new literal.</summary>
    public static CpSatModel Build(LinearModel linear, IReadOnlyList<ConditionalRows>? conditional = null)
    {
        conditional ??= [];
        int n = linear.ColumnCount, m = linear.RowCount;
        var groupOf = new int[m];
        Array.Fill(groupOf, -1);
        var relaxed = new Dictionary<int, (int Group, double Upper)>();
        for (var g = 0; g < conditional.Count; g++)
        {
            foreach (var row in conditional[g].Rows) groupOf[row] = g;
            foreach (var (column, relaxedUpper) in conditional[g].Bounds) relaxed[column] = (g, relaxedUpper);
        }

        var model = new CpModel();
        var proto = model.Model;
        var integral = Integrality.ImpliedIntegers(linear, i => groupOf[i] >= 0);
        var lower = new long[n];
        var upper = new long[n];
        for (var j = 0; j < n; j++)
        {
            if (!integral[j]) return Refused(model, $"column {linear.ColumnName(j)} is continuous and not implied integer");
            var hi = relaxed.TryGetValue(j, out var r) ? Math.Max(r.Upper, linear.Upper(j)) : linear.Upper(j);
            if (!Integrality.Bounded(linear.Lower(j)) || !Integrality.Bounded(hi)) return Refused(model, $"column {linear.ColumnName(j)} has an infinite or huge bound");
            lower[j] = (long)Math.Ceiling(linear.Lower(j) - SolutionCheck.Tolerance);
            upper[j] = (long)Math.Floor(hi + SolutionCheck.Tolerance);
            if (lower[j] > upper[j]) return new CpSatModel(model, 1, n, [], null, infeasible: true);
            proto.Variables.Add(new IntegerVariableProto { Domain = { lower[j], upper[j] } });
        }
        var literals = new int[conditional.Count];
        for (var g = 0; g < literals.Length; g++)
        {
            literals[g] = proto.Variables.Count;
            proto.Variables.Add(new IntegerVariableProto { Domain = { 0, 1 } });
        }
        foreach (var (column, (group, _)) in relaxed.OrderBy(x => x.Key))
        {
            var bound = (long)Math.Floor(linear.Upper(column) + SolutionCheck.Tolerance);
            if (bound >= upper[column]) continue;
            proto.Constraints.Add(new ConstraintProto
            {
                EnforcementLiteral = { literals[group] },
                Linear = new LinearConstraintProto { Vars = { column }, Coeffs = { 1 }, Domain = { lower[column], bound } },
            });
        }

        var coefficients = new List<long>();
        for (var i = 0; i < m; i++)
        {
            // A cut only strengthens an LP relaxation; CP-SAT's integer solutions keep it anyway.
            if (linear.IsCut(i)) continue;
            var columns = linear.RowColumns(i);
            if (Integrality.Scale(linear.RowCoefficients(i), coefficients) is not { } scale)
                return Refused(model, $"row {linear.RowName(i)} has coefficients that are no decimals of up to {Integrality.MaxPowerOfTen} places nor fractions with denominators up to {Integrality.MaxDenominator}");
            // The range an integer activity can take: the row's side(s) scaled and rounded inward, the open side the
            // activity's own extreme (CP-SAT needs finite domains that cannot overflow).
            if (ActivityRange(columns, coefficients, lower, upper) is not var (least, most))
                return Refused(model, $"row {linear.RowName(i)} could overflow 64-bit integers");
            var rhs = linear.Rhs(i) * scale;
            if (!Integrality.Bounded(rhs)) return Refused(model, $"row {linear.RowName(i)} has a huge right-hand side");
            var slack = SolutionCheck.Tolerance * Math.Max(1, Math.Abs(rhs));
            var sense = linear.Sense(i);
            var lo = sense == RowSense.LessOrEqual ? least : Math.Max(least, (long)Math.Ceiling(rhs - slack));
            var hi = sense == RowSense.GreaterOrEqual ? most : Math.Min(most, (long)Math.Floor(rhs + slack));
            if (lo > hi)
            {
                if (groupOf[i] < 0) return new CpSatModel(model, 1, n, [], null, infeasible: true);
                // A conditional row that cannot hold: its literal is false.
                proto.Constraints.Add(new ConstraintProto { BoolAnd = new BoolArgumentProto { Literals = { -literals[groupOf[i]] - 1 } } });
                continue;
            }
            var constraint = new ConstraintProto
            {
                Linear = new LinearConstraintProto { Vars = { columns.ToArray() }, Coeffs = { coefficients }, Domain = { lo, hi } },
            };
            if (groupOf[i] >= 0) constraint.EnforcementLiteral.Add(literals[groupOf[i]]);
            proto.Constraints.Add(constraint);
        }

        var objective = new double[n];
        for (var j = 0; j < n; j++) objective[j] = linear.Objective(j);
        if (Integrality.Scale(objective, coefficients) is not { } objectiveScale)
            return Refused(model, $"the objective has coefficients that are no decimals of up to {Integrality.MaxPowerOfTen} places nor fractions with denominators up to {Integrality.MaxDenominator}");
        var sign = linear.Maximize ? -1 : 1;
        var cpObjective = new CpObjectiveProto { ScalingFactor = sign };
        for (var j = 0; j < n; j++)
        {
            if (coefficients[j] == 0) continue;
            cpObjective.Vars.Add(j);
            cpObjective.Coeffs.Add(sign * coefficients[j]);
        }
        if (cpObjective.Vars.Count > 0) proto.Objective = cpObjective;
        return new CpSatModel(model, objectiveScale, n, literals, null, infeasible: false);
    }

    /// <summary>Sets the hint to <paramref name="values"/> (rounded), every variable included: CP-SAT completes a partial hint by search.</summary>
    public void SetHint(ReadOnlySpan<double> values)
    {
        var hint = new PartialVariableAssignment();
        for (var j = 0; j < ColumnCount; j++)
        {
            hint.Vars.Add(j);
            hint.Values.Add((long)Math.Round(values[j]));
        }
        Model.Model.SolutionHint = hint;
    }

    /// <summary>The column values of a CP-SAT solution.</summary>
    public double[] Values(IList<long> solution)
    {
        var values = new double[ColumnCount];
        for (var j = 0; j < values.Length; j++) values[j] = solution[j];
        return values;
    }

    /// <summary>A CP-SAT objective value (or bound) in model units, offset included.</summary>
    public double ModelObjective(LinearModel linear, double cpObjective) =>
        cpObjective / ObjectiveScale + linear.ObjectiveOffset;

    private static CpSatModel Refused(CpModel model, string reason) => new(model, 1, 0, [], reason, infeasible: false);

    /// <summary>The least and most activity of a row within the column bounds; <see langword="null"/> when it overflows.</summary>
    private static (long Least, long Most)? ActivityRange(ReadOnlySpan<int> columns, List<long> coefficients, long[] lower, long[] upper)
    {
        long least = 0, most = 0;
        try
        {
            for (var k = 0; k < columns.Length; k++)
            {
                var c = coefficients[k];
                least = checked(least + c * (c > 0 ? lower[columns[k]] : upper[columns[k]]));
                most = checked(most + c * (c > 0 ? upper[columns[k]] : lower[columns[k]]));
            }
        }
        catch (OverflowException)
        {
            return null;
        }
        return (least, most);
    }

}
