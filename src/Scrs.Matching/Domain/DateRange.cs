namespace Scrs.Matching.Domain;

/// <summary>A range of whole days that includes both its <see cref="Start"/> and its <see cref="End"/>.</summary>
/// <param name="Start">First day of the range.</param>
/// <param name="End">Last day of the range (inclusive).</param>
public readonly record struct DateRange(DateOnly Start, DateOnly End)
{
    /// <summary>Number of days in the range, counting both ends; zero or less when <see cref="End"/> is before <see cref="Start"/>.</summary>
    public int Days => End.DayNumber - Start.DayNumber + 1;

    /// <summary>Whether <paramref name="day"/> lies in the range.</summary>
    /// <param name="day">The day to test.</param>
    /// <returns><see langword="true"/> when <see cref="Start"/> &lt;= day &lt;= <see cref="End"/>.</returns>
    public bool Contains(DateOnly day) => Start <= day && day <= End;

    /// <summary>Whether the two ranges share at least one day.</summary>
    /// <param name="other">The other range.</param>
    /// <returns><see langword="true"/> when some day lies in both ranges.</returns>
    public bool Overlaps(DateRange other) => Start <= other.End && other.Start <= End;

    /// <summary>Whether <paramref name="other"/> lies entirely within this range.</summary>
    /// <param name="other">The other range.</param>
    /// <returns><see langword="true"/> when every day of <paramref name="other"/> lies in this range.</returns>
    public bool Covers(DateRange other) => Start <= other.Start && other.End <= End;

    /// <inheritdoc/>
    public override string ToString() => $"{Start:yyyy-MM-dd}..{End:yyyy-MM-dd}";
}
