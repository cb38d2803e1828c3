using System.ComponentModel;

namespace Scrs.Matching.Host.Server.Schema;

// The results format (docs/scenario-format.md) field by field, for the OpenAPI document. The host writes results with
// the library's writer; a test reads what ScenarioJson.WriteResults writes into these records, unknown members
// disallowed, so they cannot drift from the format.

[Description("A simulation's results, as simulate --out writes them (docs/scenario-format.md).")]
internal sealed record SimulationResultsDocument(
    [property: Description("Replications measured.")] int Replications,
    [property: Description("The seed.")] int Seed,
    [property: Description("static or rolling.")] string Mode,
    [property: Description("Whether the run was cancelled before its end.")] bool Partial,
    [property: Description("Why it ended early, or null.")] string? StoppedBy,
    [property: Description("Replications whose coverage a time limit left unproven.")] int UnprovenReplications,
    [property: Description("Wall time.")] double ElapsedSeconds,
    [property: Description("Per priority, the fill rate over the horizon.")] FillByPriorityDocument Fill,
    [property: Description("The scenario's sustain thresholds, by priority.")] Dictionary<string, double> Sustain,
    [property: Description("The share of replications in which every threshold held in every month.")] SustainDocument? SustainProbability,
    [property: Description("Per calendar month, each priority's fill rate percentiles.")] MonthFillDocument[] Months,
    [property: Description("Every position of the problem.")] PositionOutcomeDocument[] Positions,
    [property: Description("The requirements behind the empty seats, most first.")] BottleneckDocument[] Bottlenecks);

[Description("The fill rate of each priority.")]
internal sealed record FillByPriorityDocument(FillStatisticsDocument Critical, FillStatisticsDocument High, FillStatisticsDocument Normal, FillStatisticsDocument Low);

[Description("A fill rate over the replications: mean, its 95% interval (Student's t), percentiles (R7).")]
internal sealed record FillStatisticsDocument(double? Mean, IntervalDocument? Confidence95, double? P5, double? P50, double? P95);

[Description("A closed interval.")]
internal sealed record IntervalDocument(double Low, double High);

[Description("A share of replications with its 95% Wilson interval.")]
internal sealed record SustainDocument(double Estimate, IntervalDocument Confidence95);

[Description("One month's fill rate percentiles per priority (null where the month requires none of it).")]
internal sealed record MonthFillDocument(string Month, PercentilesDocument? Critical, PercentilesDocument? High, PercentilesDocument? Normal, PercentilesDocument? Low);

[Description("5th, 50th and 95th percentiles.")]
internal sealed record PercentilesDocument(double? P5, double? P50, double? P95);

[Description("How one position fared over the replications.")]
internal sealed record PositionOutcomeDocument(string Position, string Operation, PriorityName Priority, double UnfilledProbability, double MeanUncoveredSeatDays);

[Description("A requirement and the expected uncovered seat-days of the positions that have it.")]
internal sealed record BottleneckDocument(string Requirement, string Kind, double ExpectedUncoveredSeatDays);
