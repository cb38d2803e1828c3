namespace Scrs.Matching.Input;

/// <summary>The text of a file and its name.</summary>
/// <param name="Name">What errors call the file: its path as the user gave it, or a plain name such as <c>members.csv</c>.</param>
/// <param name="Text">Its content.</param>
public sealed record TextFile(string Name, string Text);

/// <summary>A problem as spreadsheets (<c>docs/csv-format.md</c>): the members and positions files, and the optional others.</summary>
/// <param name="Members">One row per member.</param>
/// <param name="Positions">One row per position, grouped into operations by their <c>operation</c> column.</param>
/// <param name="Locks">One row per lock; <see langword="null"/> for none.</param>
/// <param name="Exclusions">One row per exclusion; <see langword="null"/> for none.</param>
/// <param name="Policy">The problem format's <c>policy</c> object as JSON; <see langword="null"/> for the default policy.</param>
/// <remarks>The planning date is not in the files: a planner sets it when importing them.</remarks>
public sealed record ProblemCsvFiles(TextFile Members, TextFile Positions, TextFile? Locks = null, TextFile? Exclusions = null, TextFile? Policy = null)
{
    /// <summary>The files given, in the order above.</summary>
    public IEnumerable<TextFile> All => new[] { Members, Positions, Locks, Exclusions, Policy }.OfType<TextFile>();
}
