namespace Scrs.Matching.Solver;

/// <summary>
/// Rows of a <see cref="LinearModel"/> that hold only while one switch is on (a literal of a CP-SAT model, for assumptions):
/// the rows, and columns whose upper bound belongs to the same rule, each with the bound it has without the rule.
/// </summary>
/// <param name="Rows">The rows enforced by the switch.</param>
/// <param name="Bounds">Columns whose upper bound the switch enforces, each with its upper bound when the switch is off.</param>
internal sealed record ConditionalRows(int[] Rows, (int Column, double RelaxedUpper)[] Bounds);
