namespace Scrs.Matching.Domain;

/// <summary>The part of the corps a member belongs to.</summary>
/// <remarks>The component sets a member's defaults (lead time, maximum tour, daily cost) through <see cref="Policy.Components"/>.</remarks>
public enum Component
{
    /// <summary>Full-time members, deployable within about 48 hours.</summary>
    Active,
    /// <summary>Employees of partner agencies, deployable within about 30 days for tours of up to about 180 days.</summary>
    Standby,
    /// <summary>Reserve members, deployable within 45 to 60 days.</summary>
    Reserve,
    /// <summary>Contractors on retainer.</summary>
    Contractor,
}

/// <summary>Security clearance, ordered from lowest to highest.</summary>
public enum Clearance
{
    /// <summary>No clearance.</summary>
    None,
    /// <summary>Confidential.</summary>
    Confidential,
    /// <summary>Secret.</summary>
    Secret,
    /// <summary>Top secret.</summary>
    TopSecret,
}

/// <summary>Priority class of a position, ordered from most to least important.</summary>
/// <remarks>The objective is strictly lexicographic: one more person-day on a critical position beats any amount of lower-priority coverage, cost or load.</remarks>
public enum Priority
{
    /// <summary>Critical: filled before anything else.</summary>
    Critical,
    /// <summary>High.</summary>
    High,
    /// <summary>Normal (the default).</summary>
    Normal,
    /// <summary>Low.</summary>
    Low,
}
