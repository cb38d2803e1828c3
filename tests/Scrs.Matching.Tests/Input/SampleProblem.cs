using System.Collections.Immutable;
using Scrs.Matching.Domain;

namespace Scrs.Matching.Tests.Input;

/// <summary>
/// A small valid problem built in code: a member of each component, two operations, surge limits of each kind, a budget, a lock
/// and an exclusion of each kind.
/// </summary>
public static class SampleProblem
{
    /// <summary>The problem.</summary>
    public static DeploymentProblem Create() => new(
        new DateOnly(2025, 3, 1),
        [
            new Member("M1", "Layla Haddad", Component.Active, "State",
                ImmutableDictionary.CreateRange(new Dictionary<string, int> { ["governance"] = 4, ["rule of law"] = 3 }),
                ["Arabic", "French"], Clearance.Secret, []),
            new Member("M2", "Tom Okafor", Component.Standby, "USAID",
                ImmutableDictionary.CreateRange(new Dictionary<string, int> { ["public health"] = 5 }),
                ["French"], Clearance.Confidential, [new DateRange(new(2025, 5, 1), new(2025, 5, 14))],
                DeployedDaysLast365: 90),
            new Member("M3", "Rosa Vega", Component.Reserve, "Justice",
                ImmutableDictionary.CreateRange(new Dictionary<string, int> { ["rule of law"] = 5 }),
                ["Spanish"], Clearance.TopSecret, [], LeadTimeDays: 45, MaxTourDays: 120),
            new Member("M4", "Karim Nasser", Component.Contractor, null,
                ImmutableDictionary.CreateRange(new Dictionary<string, int> { ["security sector"] = 4 }),
                ["Arabic"], Clearance.Secret, [], DailyCost: 1350.50m),
        ],
        [
            new Operation("OP-A", "Operation Amber",
            [
                new Position("A-1", "Governance advisor",
                    ImmutableDictionary.CreateRange(new Dictionary<string, int> { ["governance"] = 3 }),
                    ["Arabic"], Clearance.Secret, 1, new DateRange(new(2025, 3, 10), new(2025, 9, 30)), 90, Priority.Critical, []),
                new Position("A-2", "Security sector advisor",
                    ImmutableDictionary.CreateRange(new Dictionary<string, int> { ["security sector"] = 3 }),
                    [], Clearance.Confidential, 2, new DateRange(new(2025, 4, 1), new(2025, 6, 30)), null, Priority.High,
                    [Component.Active, Component.Contractor]),
            ]),
            new Operation("OP-B", "Operation Birch",
            [
                new Position("B-1", "Health coordinator",
                    ImmutableDictionary.CreateRange(new Dictionary<string, int> { ["public health"] = 4 }),
                    ["French"], Clearance.None, 1, new DateRange(new(2025, 4, 1), new(2025, 12, 31)), null, Priority.Normal, []),
            ]),
        ],
        new Policy(
            Policy.DefaultComponents.SetItem(Component.Standby, new ComponentPolicy(21, 180, 500m)),
            14, 60,
            [
                new SurgeLimit(Agency: "State", MaxConcurrent: 1),
                new SurgeLimit(Component: Component.Standby, MaxShare: 0.5),
                new SurgeLimit(Component: Component.Contractor, Operation: "OP-A", MaxShare: 0.3),
            ],
            2_000_000m),
        [new AssignmentLock("M1", "A-1", new DateOnly(2025, 3, 10), new DateOnly(2025, 6, 7)), new AssignmentLock("M2", "B-1")])
    {
        Exclusions = [new Exclusion("M4"), new Exclusion("M3", Operation: "OP-B"), new Exclusion("M2", "A-2"), new Exclusion("M1", "A-2", "OP-A")],
    };
}
