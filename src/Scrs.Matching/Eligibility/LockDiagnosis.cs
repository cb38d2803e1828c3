using Scrs.Matching.Domain;

namespace Scrs.Matching.Eligibility;

/// <summary>Explains, in a planner's words, why no allowed tour can keep a lock.</summary>
internal static class LockDiagnosis
{
    public static string Explain(CandidateSet candidates, AssignmentLock @lock)
    {
        var index = candidates.Index;
        var member = index.Members[index.MemberIndex[@lock.Member]];
        var p = index.PositionIndex[@lock.Position];
        var position = index.Positions[p];
        var prefix = $"lock {@lock.Member} -> {@lock.Position}: ";
        foreach (var (skill, level) in position.Requires)
        {
            var have = member.Skills.FirstOrDefault(s => string.Equals(s.Key, skill, StringComparison.OrdinalIgnoreCase)).Value;
            if (have < level) return prefix + $"the member has {skill} at level {have}, the position requires {level}";
        }
        foreach (var language in position.Languages)
        {
            if (!member.Languages.Contains(language, StringComparer.OrdinalIgnoreCase)) return prefix + $"the member does not speak {language}";
        }
        if (member.Clearance < position.Clearance) return prefix + $"the member's clearance {member.Clearance} is below the required {position.Clearance}";
        if (!position.AllowedComponents.IsEmpty && !position.AllowedComponents.Contains(member.Component))
            return prefix + $"component {member.Component} is not allowed on the position";
        foreach (var credential in position.Credentials)
        {
            if (member.HoldsThrough([credential]) is not { } last) return prefix + $"the member lacks credential {credential}";
            if (@lock.End is { } end && last < end) return prefix + $"the member's credential {credential} is valid until {last:yyyy-MM-dd}, the locked days end {end:yyyy-MM-dd}";
        }
        var m = index.MemberIndex[@lock.Member];
        var maxTour = index.MaxTourDays[m];
        // The slots meeting a dated lock are exempt from the lead time; an undated lock needs a tour after it.
        return @lock.Start is null
            ? prefix + "no run of whole rotation slots fits the member's lead time "
                + $"(earliest start {PlanningIndex.Day(index.EarliestStart[m]):yyyy-MM-dd}), maximum tour ({maxTour} days) and availability"
            : prefix + $"no run of whole rotation slots covering the locked days fits the member's maximum tour ({maxTour} days) and availability";
    }
}
