using System.Collections.Immutable;
using System.Text.Json;
using Scrs.Matching.Validation;

namespace Scrs.Matching.Input;

/// <summary>The errors found while reading a document, and the records they make unreliable.</summary>
/// <remarks>
/// A record with a format error is still built, with a placeholder for the bad field, so that references to it resolve.
/// Semantic errors inside such a record are dropped (see <see cref="CoversRecordOf"/>) because they may only echo the placeholder.
/// </remarks>
internal sealed class ReadErrors
{
    private readonly List<InputError> errors = [];
    private readonly HashSet<string> brokenRecords = new(StringComparer.Ordinal);

    /// <summary>Number of errors so far.</summary>
    public int Count => errors.Count;

    /// <summary>Records an error; <paramref name="brokenRecord"/> names the record whose value it makes unreliable, if any.</summary>
    public void Add(string field, string? id, string message, string? brokenRecord = null)
    {
        // The field and the id may carry a document's own text (a map key, an unknown property's name, an id): cut.
        errors.Add(new InputError(Echo(field), id is null ? null : Echo(id), message));
        if (brokenRecord is not null) brokenRecords.Add(brokenRecord);
    }

    /// <summary>Whether <paramref name="field"/> lies in a record that had a format error.</summary>
    public bool CoversRecordOf(string field)
    {
        if (brokenRecords.Count == 0) return false;
        if (brokenRecords.Contains(field)) return true;
        for (var i = 1; i < field.Length; i++)
            if (field[i] is '.' or '[' && brokenRecords.Contains(field[..i])) return true;
        return false;
    }

    /// <summary>The errors, in the order found.</summary>
    public ImmutableArray<InputError> ToImmutable() => [.. errors];

    /// <summary>The error for a document that is not JSON, with its line and position (1-based) and without a stack trace.</summary>
    public static InputError Malformed(JsonException exception)
    {
        // The parser's message ends with " LineNumber: 2 | BytePositionInLine: 10."; say it in a user's words instead.
        var message = exception.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0) message = message[..cut];
        var where = exception.LineNumber is { } line
            ? $" at line {line + 1}, position {(exception.BytePositionInLine ?? 0) + 1}"
            : "";
        return new InputError(ErrorLocation.Document, null, $"malformed JSON{where}: {message}");
    }

    /// <summary>Describes what a JSON value is, for "expected ... but found ..." messages.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Echo(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {Echo(value.GetRawText())}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };

    /// <summary>The longest input value an error message repeats whole.</summary>
    public const int EchoLength = 100;

    /// <summary>
    /// <paramref name="text"/> as an error message repeats it: whole up to <see cref="EchoLength"/> characters, else its
    /// start, an ellipsis and its length, so a 10 MB value gives a short message, not a 10 MB one.
    /// </summary>
    public static string Echo(string text) => text.Length <= EchoLength
        ? text
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{text.AsSpan(0, EchoLength)}... ({text.Length:#,0} characters)");
}
