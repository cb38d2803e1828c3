using System.Text.Json;
using Scrs.Matching.Replanning;

namespace Scrs.Matching.Input;

/// <summary>Writes <see cref="Recommendations"/> in the format of <c>docs/replanning.md</c> (recommend).</summary>
public static class RecommendationsJson
{
    /// <summary>Writes <paramref name="recommendations"/> as indented JSON.</summary>
    /// <param name="recommendations">The ranking.</param>
    /// <returns>The document; the same ranking always gives the same text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="recommendations"/> is <see langword="null"/>.</exception>
    public static string Write(Recommendations recommendations)
    {
        ArgumentNullException.ThrowIfNull(recommendations);
        return JsonOutput.Write(w =>
        {
            var r = recommendations;
            w.WriteStartObject();
            w.WriteString("position", r.Position);
            w.WriteStartObject("seat");
            w.WriteDate("start", r.Seat.Start);
            w.WriteDate("end", r.Seat.End);
            w.WriteEndObject();
            w.WriteArray("heldBy", r.HeldBy, (w, m) => w.WriteStringValue(m));
            w.WriteNumber("considered", r.Considered);
            RosterJson.WriteObjective(w, r.Baseline, "baseline");
            w.WriteArray("candidates", r.Candidates, (w, c) =>
            {
                w.WriteStartObject();
                w.WriteString("member", c.Member);
                WriteEffect(w, c.Effect);
                w.WriteBoolean("proven", c.Proven);
                w.WriteArray("changes", c.Changes, RosterJson.WriteChange);
                w.WriteEndObject();
            });
            if (r.Member is { } m)
            {
                w.WriteStartObject("member");
                w.WriteString("member", m.Member);
                w.WriteBoolean("eligible", m.Eligible);
                if (m.Reason is null) w.WriteNull("reason");
                else w.WriteString("reason", m.Reason);
                WriteEffect(w, m.Effect);
                w.WriteArray("instead", m.Instead, RosterJson.WriteAssignment);
                w.WriteArray("conflicts", m.Conflicts, (w, c) => w.WriteStringValue(c));
                w.WriteArray("changes", m.Changes, RosterJson.WriteChange);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        });
    }

    private static void WriteEffect(Utf8JsonWriter w, ObjectiveEffect? e)
    {
        if (e is null)
        {
            w.WriteNull("effect");
            return;
        }
        w.WriteStartObject("effect");
        w.WriteNumber("critical", e.Critical);
        w.WriteNumber("high", e.High);
        w.WriteNumber("normal", e.Normal);
        w.WriteNumber("low", e.Low);
        w.WriteNumber("changes", e.Changes);
        w.WriteNumber("cost", e.Cost);
        w.WriteNumber("load", e.Load);
        w.WriteEndObject();
    }
}
