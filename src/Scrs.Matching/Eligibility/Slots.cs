using Scrs.Matching.Domain;

namespace Scrs.Matching.Eligibility;

/// <summary>A rotation slot of a position: days <see cref="Start"/> to <see cref="End"/> (day numbers, inclusive).</summary>
internal readonly record struct Slot(int Start, int End)
{
    public int Days => End - Start + 1;
}

/// <summary>Cuts a position's window into rotation slots.</summary>
internal static class Slots
{
    /// <summary>
    /// Slots of <paramref name="rotationDays"/> days from the window's start; the last may be shorter. Without a rotation
    /// length the whole window is one slot.
    /// </summary>
    public static Slot[] Cut(DateRange window, int? rotationDays)
    {
        var start = window.Start.DayNumber;
        var end = window.End.DayNumber;
        if (rotationDays is not { } r || r >= end - start + 1) return [new Slot(start, end)];
        var slots = new Slot[(end - start) / r + 1];
        for (var k = 0; k < slots.Length; k++)
            slots[k] = new Slot(start + k * r, Math.Min(start + (k + 1) * r - 1, end));
        return slots;
    }
}
