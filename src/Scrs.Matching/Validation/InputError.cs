using System.Collections.Immutable;

namespace Scrs.Matching.Validation;

/// <summary>One problem found in an input, naming the field and the id of the record it belongs to.</summary>
/// <param name="Field">Path of the field, for example <c>members[12].component</c> or <c>operations[0].positions[3].end</c>.</param>
/// <param name="Id">Id of the member, operation, position or lock concerned; <see langword="null"/> when the record has none.</param>
/// <param name="Message">What is wrong, in a user's words.</param>
public sealed record InputError(string Field, string? Id, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => Id is null ? $"{Field}: {Message}" : $"{Field} (id '{Id}'): {Message}";
}

/// <summary>Thrown when a problem with input errors is given to the planner; <see cref="Errors"/> lists all of them.</summary>
public sealed class InvalidProblemException : Exception
{
    /// <summary>Creates the exception from the list of errors.</summary>
    /// <param name="errors">Every error found.</param>
    public InvalidProblemException(ImmutableArray<InputError> errors)
        : base($"The problem has {errors.Length} input error(s):{Environment.NewLine}" + string.Join(Environment.NewLine, errors))
        => Errors = errors;

    /// <summary>Every error found, in input order.</summary>
    public ImmutableArray<InputError> Errors { get; }
}
