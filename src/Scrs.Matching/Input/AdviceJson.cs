using System.Text.Json;
using Scrs.Matching.Advice;

namespace Scrs.Matching.Input;

/// <summary>Writes an <see cref="AdviceReport"/> as the <c>advise</c> command's JSON (docs/advice.md).</summary>
public static class AdviceJson
{
    /// <summary>Writes <paramref name="report"/> as indented JSON: <c>{"baseline", "baselineProven", "considered", "advice": [...]}</c>.</summary>
    /// <param name="report">The advice.</param>
    /// <returns>The document; the same advice always gives the same text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is <see langword="null"/>.</exception>
    public static string Write(AdviceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonOutput.Write(w =>
        {
            w.WriteStartObject();
            WriteSeatDays(w, "baseline", report.Baseline);
            w.WriteBoolean("baselineProven", report.BaselineProven);
            w.WriteNumber("considered", report.Considered);
            w.WriteArray("advice", report.Advice, (w, a) =>
            {
                w.WriteStartObject();
                w.WriteString("kind", a.Kind switch { AdviceKind.Recruit => "recruit", AdviceKind.Release => "release", _ => "train" });
                WriteSeatDays(w, "gain", a.Gain);
                w.WriteString("sentence", a.Sentence);
                w.WriteBoolean("proven", a.Proven);
                if (a.Kind == AdviceKind.Recruit) w.WriteArray("members", a.Members, ProblemJson.WriteMember);
                if (a is { LimitIndex: { } index, From: { } from, To: { } to })
                {
                    w.WriteStartObject("limit");
                    w.WriteNumber("index", index);
                    w.WritePropertyName("from");
                    ProblemJson.WriteSurgeLimit(w, from);
                    w.WritePropertyName("to");
                    ProblemJson.WriteSurgeLimit(w, to);
                    w.WriteEndObject();
                }
                if (a is { Kind: AdviceKind.Train, Credential: { } credential, Session: { } session })
                {
                    w.WriteStartObject("training");
                    w.WriteString("credential", credential);
                    w.WriteBoolean("newSession", a.NewSession);
                    w.WritePropertyName("session");
                    ProblemJson.WriteSession(w, session);
                    w.WriteArray("trained", a.Trainings, (w, t) => w.WriteStringValue(t.Member));
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            });
            w.WriteEndObject();
        });
    }

    private static void WriteSeatDays(Utf8JsonWriter w, string name, SeatDays days)
    {
        w.WriteStartObject(name);
        w.WriteNumber("critical", days.Critical);
        w.WriteNumber("high", days.High);
        w.WriteNumber("normal", days.Normal);
        w.WriteNumber("low", days.Low);
        w.WriteEndObject();
    }
}
