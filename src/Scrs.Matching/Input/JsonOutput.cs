using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Scrs.Matching.Validation;

namespace Scrs.Matching.Input;

/// <summary>Shared settings and helpers for writing the JSON formats.</summary>
internal static class JsonOutput
{
    /// <summary>Indented, and keeps non-ASCII names (accents, scripts of languages) readable.</summary>
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Options for parsing: comments and trailing commas are tolerated in hand-written files.</summary>
    public static readonly JsonDocumentOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Runs <paramref name="write"/> on a fresh writer and returns the text.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) write(writer);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes a day as <c>yyyy-MM-dd</c>.</summary>
    public static void WriteDate(this Utf8JsonWriter writer, string name, DateOnly date) =>
        writer.WriteString(name, date.ToString(JsonNames.DateFormat, CultureInfo.InvariantCulture));

    /// <summary>Writes a day, or <c>null</c>.</summary>
    public static void WriteDate(this Utf8JsonWriter writer, string name, DateOnly? date)
    {
        if (date is { } d) writer.WriteDate(name, d);
        else writer.WriteNull(name);
    }

    /// <summary>Writes a number, or <c>null</c> for none and for infinities and NaN, which JSON cannot hold.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) writer.WriteNumber(name, v);
        else writer.WriteNull(name);
    }

    /// <summary>Writes <paramref name="items"/> as an array, each with <paramref name="write"/>; a default array as an empty one.</summary>
    public static void WriteArray<T>(this Utf8JsonWriter writer, string name, System.Collections.Immutable.ImmutableArray<T> items, Action<Utf8JsonWriter, T> write)
    {
        writer.WriteStartArray(name);
        if (!items.IsDefault)
            foreach (var item in items) write(writer, item);
        writer.WriteEndArray();
    }

    /// <summary>Parses <paramref name="json"/>, turning a syntax error into a result instead of an exception.</summary>
    public static ReadResult<T> Parse<T>(string json, Func<JsonElement, ReadResult<T>> read)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(() => JsonDocument.Parse(json, ReaderOptions), read);
    }

    /// <summary>Parses <paramref name="utf8Json"/>, turning a syntax error into a result instead of an exception.</summary>
    public static ReadResult<T> Parse<T>(Stream utf8Json, Func<JsonElement, ReadResult<T>> read)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return Parse(() => JsonDocument.Parse(utf8Json, ReaderOptions), read);
    }

    private static ReadResult<T> Parse<T>(Func<JsonDocument> open, Func<JsonElement, ReadResult<T>> read)
    {
        JsonDocument document;
        try
        {
            document = open();
        }
        catch (JsonException e)
        {
            return ReadResult<T>.Failure([ReadErrors.Malformed(e)]);
        }
        using (document)
        {
            try
            {
                return read(document.RootElement);
            }
            catch (InvalidOperationException) when (Untranscodable(document.RootElement, "") is { } error)
            {
                // The parser takes an escaped lone surrogate ("\ud800"), but it is no text: reading it as a string throws.
                return ReadResult<T>.Failure([error]);
            }
        }
    }

    /// <summary>
    /// The error for the first string or property name in <paramref name="element"/> (at <paramref name="path"/>) that
    /// cannot be read as text (an escaped lone surrogate, <c>"\ud800"</c>), or null when every one can.
    /// </summary>
    internal static InputError? Untranscodable(JsonElement element, string path)
    {
        const string Why = "holds a lone surrogate escape (\\ud800 to \\udfff without its pair), which is not text";
        var field = path.Length == 0 ? ErrorLocation.Document : path;
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Readable(() => element.GetString()) ? null : new InputError(field, null, $"malformed JSON: the string {Why}");
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Untranscodable(item, ErrorLocation.Index(path, i++)) is { } error) return error;
                }
                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!Readable(() => property.Name)) return new InputError(field, null, $"malformed JSON: a property name {Why}");
                    if (Untranscodable(property.Value, ErrorLocation.Property(path, property.Name)) is { } error) return error;
                }
                return null;
            default:
                return null;
        }
    }

    private static bool Readable(Func<string?> read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
