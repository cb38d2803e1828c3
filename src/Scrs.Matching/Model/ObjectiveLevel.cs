namespace Scrs.Matching.Model;

/// <summary>The levels of the lexicographic objective, in the order they are optimized.</summary>
internal enum ObjectiveLevel
{
    Critical,
    High,
    Normal,
    Low,
    /// <summary>Person-days of the previous roster not kept; all zero coefficients (and skipped) without one.</summary>
    Changes,
    Cost,
    Load,
}

internal static class ObjectiveLevels
{
    public static readonly ObjectiveLevel[] InOrder = Enum.GetValues<ObjectiveLevel>();

    /// <summary>Coverage levels are maximized; changes, cost and load are minimized.</summary>
    public static bool IsMaximized(this ObjectiveLevel level) => level <= ObjectiveLevel.Low;

    public static string Name(this ObjectiveLevel level) => level.ToString().ToLowerInvariant();
}
