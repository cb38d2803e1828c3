using System.Collections.Immutable;
using Scrs.Matching.Validation;

namespace Scrs.Matching.Input;

/// <summary>The outcome of reading an input: the value, or every problem found in it.</summary>
/// <typeparam name="T">The type read.</typeparam>
/// <param name="Value">The value read; only set when <see cref="Errors"/> is empty (otherwise <see langword="null"/>, or the default of a value type).</param>
/// <param name="Errors">Every problem found, each naming the field and the id of its record; empty on success.</param>
/// <remarks>Reading never throws for a user's mistake: malformed JSON, wrong types and broken rules all end up in <see cref="Errors"/>.</remarks>
public sealed record ReadResult<T>(T? Value, ImmutableArray<InputError> Errors)
{
    /// <summary>Whether the input was read without any error, so that <see cref="Value"/> holds it.</summary>
    public bool Ok => Errors.IsDefaultOrEmpty;

    internal static ReadResult<T> Success(T value) => new(value, ImmutableArray<InputError>.Empty);

    internal static ReadResult<T> Failure(ImmutableArray<InputError> errors) => new(default, errors);
}
