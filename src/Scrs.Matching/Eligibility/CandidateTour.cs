namespace Scrs.Matching.Eligibility;

/// <summary>
/// A tour the rules allow: member <see cref="Member"/> on position <see cref="Position"/> for slots
/// <see cref="FirstSlot"/>..<see cref="LastSlot"/>, i.e. days <see cref="Start"/>..<see cref="End"/> (day numbers, inclusive).
/// </summary>
internal readonly record struct CandidateTour(int Member, int Position, int FirstSlot, int LastSlot, int Start, int End)
{
    public int Days => End - Start + 1;
}

/// <summary>
/// How many members pass each requirement of a position, in order; explains an unfilled position.
/// </summary>
/// <param name="Skills">Members with every required skill at the level.</param>
/// <param name="Languages">... and every required language.</param>
/// <param name="Clearance">... and the clearance.</param>
/// <param name="Component">... and an allowed component.</param>
/// <param name="NotExcluded">... and no exclusion from the position.</param>
/// <param name="Credentialed">... and every credential the position requires (valid until some day).</param>
/// <param name="WithTour">... and at least one whole-slot tour within lead time, maximum tour, availability and the credentials' last days.</param>
internal readonly record struct EligibilityFunnel(int Skills, int Languages, int Clearance, int Component, int NotExcluded, int Credentialed, int WithTour);
