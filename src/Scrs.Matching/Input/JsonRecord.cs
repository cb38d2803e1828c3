using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Scrs.Matching.Validation;

namespace Scrs.Matching.Input;

/// <summary>Reads the fields of one JSON object, reporting every problem to a shared <see cref="ReadErrors"/> instead of throwing.</summary>
/// <remarks>
/// Each getter returns <see langword="null"/> (or an empty collection) when the field is absent, <c>null</c> or wrong, so callers
/// substitute the documented default or a placeholder; the error names the field's path and the record's id.
/// </remarks>
internal sealed class JsonRecord
{
    private readonly JsonElement element;
    private readonly ReadErrors errors;
    private readonly string? brokenRecord;

    private JsonRecord(JsonElement element, string path, string? id, string? brokenRecord, ReadErrors errors)
    {
        this.element = element;
        this.errors = errors;
        this.brokenRecord = brokenRecord;
        Path = path;
        Id = id;
    }

    /// <summary>Path of the object; empty for the document itself.</summary>
    public string Path { get; }

    /// <summary>Id reported with this record's errors.</summary>
    public string? Id { get; set; }

    /// <summary>Opens <paramref name="element"/> as a record, or reports that it is not an object.</summary>
    /// <param name="element">The value.</param>
    /// <param name="path">Its path.</param>
    /// <param name="id">Id to report with its errors (a nested record reports its owner's).</param>
    /// <param name="brokenRecord">The record that a format error in this object makes unreliable; <see langword="null"/> when placeholders are harmless.</param>
    /// <param name="errors">Where errors go.</param>
    public static JsonRecord? Open(JsonElement element, string path, string? id, string? brokenRecord, ReadErrors errors)
    {
        if (element.ValueKind == JsonValueKind.Object) return new JsonRecord(element, path, id, brokenRecord, errors);
        errors.Add(path.Length == 0 ? ErrorLocation.Document : path, id, $"expected an object but found {ReadErrors.Describe(element)}", brokenRecord);
        return null;
    }

    /// <summary>The string value of <paramref name="name"/> if it is a string, without reporting anything; for ids needed before reading.</summary>
    public string? Peek(string name) =>
        element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>Reports every property not in <paramref name="known"/> and every property given twice.</summary>
    /// <remarks>An unknown property is an error, not ignored: a misspelt <c>headcont</c> silently defaulting to 1 would be a trap.</remarks>
    public void Expect(string[] known)
    {
        ulong seen = 0; // one bit per known name; no record has more than 64 fields
        foreach (var property in element.EnumerateObject())
        {
            var index = IndexOf(property, known);
            if (index < 0)
            {
                var name = property.Name;
                errors.Add(Field(name), Id, $"unknown property '{ReadErrors.Echo(name)}'{Spelling.Suggest(name, known)}; allowed: {string.Join(", ", known)}");
            }
            else if ((seen & (1UL << index)) != 0)
                errors.Add(Field(known[index]), Id, $"property '{known[index]}' is given more than once");
            else
                seen |= 1UL << index;
        }
    }

    /// <summary>A string field.</summary>
    public string? String(string name, bool required = false)
    {
        if (!TryGet(name, required, out var v)) return null;
        if (v.ValueKind == JsonValueKind.String) return v.GetString();
        WrongType(name, "a string", v);
        return null;
    }

    /// <summary>A whole-number field.</summary>
    public int? Int(string name, bool required = false)
    {
        if (!TryGet(name, required, out var v)) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n)) return n;
        WrongType(name, "a whole number", v);
        return null;
    }

    /// <summary>A whole-number field that may exceed an <see cref="int"/> (seat-days, milliseconds).</summary>
    public long? Long(string name)
    {
        if (!TryGet(name, false, out var v)) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n)) return n;
        WrongType(name, "a whole number", v);
        return null;
    }

    /// <summary>A true-or-false field.</summary>
    public bool? Bool(string name)
    {
        if (!TryGet(name, false, out var v)) return null;
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        WrongType(name, "true or false", v);
        return null;
    }

    /// <summary>A decimal-number field (money).</summary>
    public decimal? Decimal(string name)
    {
        if (!TryGet(name, false, out var v)) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d)) return d;
        WrongType(name, "a number", v);
        return null;
    }

    /// <summary>A floating-point field (a share).</summary>
    public double? Double(string name)
    {
        if (!TryGet(name, false, out var v)) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d)) return d;
        WrongType(name, "a number", v);
        return null;
    }

    /// <summary>A date field, written <c>yyyy-MM-dd</c>.</summary>
    public DateOnly? Date(string name, bool required = false)
    {
        if (!TryGet(name, required, out var v)) return null;
        if (v.ValueKind != JsonValueKind.String)
        {
            WrongType(name, $"a date ({JsonNames.DateFormat})", v);
            return null;
        }
        var text = v.GetString()!;
        if (DateOnly.TryParseExact(text, JsonNames.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        Fail(Field(name), $"'{ReadErrors.Echo(text)}' is not a valid date; expected {JsonNames.DateFormat}, for example 2025-03-01");
        return null;
    }

    /// <summary>An enum field, by its JSON name.</summary>
    /// <param name="name">The field.</param>
    /// <param name="names">The enum's names.</param>
    /// <param name="what">What the value is, for the message (for example <c>component</c>).</param>
    /// <param name="required">Whether a missing field is an error.</param>
    public T? Enum<T>(string name, EnumNames<T> names, string what, bool required = false) where T : struct, System.Enum
    {
        if (!TryGet(name, required, out var v)) return null;
        return EnumValue(v, Field(name), names, what);
    }

    /// <summary>A list of strings; empty when absent (an error too when <paramref name="required"/>).</summary>
    public ImmutableArray<string> Strings(string name, bool required = false)
    {
        if (!TryGetArray(name, out var array, required)) return [];
        var builder = ImmutableArray.CreateBuilder<string>(array.GetArrayLength());
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String) builder.Add(item.GetString()!);
            else Fail(ErrorLocation.Index(Field(name), i), $"expected a string but found {ReadErrors.Describe(item)}");
            i++;
        }
        return builder.ToImmutable();
    }

    /// <summary>A list of enum values by their JSON names; empty when absent.</summary>
    public ImmutableArray<T> Enums<T>(string name, EnumNames<T> names, string what) where T : struct, System.Enum
    {
        if (!TryGetArray(name, out var array)) return [];
        var builder = ImmutableArray.CreateBuilder<T>(array.GetArrayLength());
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (EnumValue(item, ErrorLocation.Index(Field(name), i++), names, what) is { } value) builder.Add(value);
        }
        return builder.ToImmutable();
    }

    /// <summary>An object used as a map from a name (skill, language) to a level; empty when absent.</summary>
    /// <param name="name">The field.</param>
    /// <param name="what">What a key is, for the message (for example <c>skill</c>).</param>
    /// <remarks>Keys keep their spelling; the map compares them ignoring case, as the domain does, so two spellings of one name are an error.</remarks>
    public ImmutableDictionary<string, int> Levels(string name, string what) =>
        Map(name, what, "level", "a whole-number level", (JsonElement v, out int level) =>
        {
            level = 0;
            return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out level);
        });

    /// <summary>An object used as a map from a name (a credential) to a date; empty when absent.</summary>
    /// <param name="name">The field.</param>
    /// <param name="what">What a key is, for the message (for example <c>credential</c>).</param>
    /// <remarks>Keys keep their spelling and compare ignoring case, as in <see cref="Levels"/>.</remarks>
    public ImmutableDictionary<string, DateOnly> Dates(string name, string what) =>
        Map(name, what, "last valid day", $"a date ({JsonNames.DateFormat})", (JsonElement v, out DateOnly date) =>
        {
            date = default;
            return v.ValueKind == JsonValueKind.String
                && DateOnly.TryParseExact(v.GetString(), JsonNames.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
        });

    private delegate bool TryRead<T>(JsonElement value, out T result);

    /// <summary>An object of name to value, keys compared ignoring case; every bad value and repeated key is an error of its own.</summary>
    private ImmutableDictionary<string, T> Map<T>(string name, string what, string valueName, string expected, TryRead<T> read)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, T>(StringComparer.OrdinalIgnoreCase);
        if (!TryGet(name, false, out var v)) return builder.ToImmutable();
        if (v.ValueKind != JsonValueKind.Object)
        {
            WrongType(name, $"an object of {what} name to {valueName}", v);
            return builder.ToImmutable();
        }
        foreach (var entry in v.EnumerateObject())
        {
            var key = entry.Name;
            var field = ErrorLocation.Key(Field(name), key);
            if (!read(entry.Value, out var value))
                Fail(field, $"expected {expected} but found {ReadErrors.Describe(entry.Value)}");
            else if (builder.TryGetKey(key, out var earlier))
                Fail(field, $"{what} '{ReadErrors.Echo(key)}' is given more than once (as '{ReadErrors.Echo(earlier)}'; names are compared ignoring case)");
            else
                builder.Add(key, value);
        }
        return builder.ToImmutable();
    }

    /// <summary>A list of objects, each read by <paramref name="read"/>; empty when absent.</summary>
    /// <param name="name">The field.</param>
    /// <param name="ownRecords">Whether each element is a record of its own (with its own id) rather than part of this one.</param>
    /// <param name="read">Reads one opened element.</param>
    /// <param name="wellFormed">False when the field is present but not an array, or required but absent.</param>
    /// <param name="required">
    /// Whether a missing field is an error: a problem without its <c>members</c> key is a mistake, not an empty corps
    /// (an empty list must be written <c>[]</c>).
    /// </param>
    public ImmutableArray<T> Records<T>(string name, bool ownRecords, Func<JsonRecord, T> read, out bool wellFormed, bool required = false)
    {
        wellFormed = true;
        if (!TryGet(name, required, out var array))
        {
            wellFormed = !required;
            return [];
        }
        if (array.ValueKind != JsonValueKind.Array)
        {
            WrongType(name, "an array", array);
            wellFormed = false;
            return [];
        }
        var builder = ImmutableArray.CreateBuilder<T>(array.GetArrayLength());
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = ErrorLocation.Index(Field(name), i++);
            var record = ownRecords ? Open(item, path, null, path, errors) : Open(item, path, Id, brokenRecord, errors);
            if (record is not null) builder.Add(read(record));
        }
        return builder.ToImmutable();
    }

    /// <summary>A list of objects that are part of this record; empty when absent.</summary>
    public ImmutableArray<T> Records<T>(string name, Func<JsonRecord, T> read) => Records(name, false, read, out _);

    /// <summary>An object-valued field, opened as a record of its own.</summary>
    /// <param name="name">The field.</param>
    /// <param name="brokenWhenBad">The record a format error inside makes unreliable; <see langword="null"/> when placeholders are harmless.</param>
    /// <param name="wellFormed">False when the field is present but not an object.</param>
    /// <returns><see langword="null"/> when absent or not an object.</returns>
    public JsonRecord? Child(string name, string? brokenWhenBad, out bool wellFormed)
    {
        wellFormed = true;
        if (!TryGet(name, false, out var v)) return null;
        var child = Open(v, Field(name), Id, brokenWhenBad, errors);
        wellFormed = child is not null;
        return child;
    }

    /// <summary>The names of this object's properties, in order (for objects keyed by a name, like <c>sustain</c>).</summary>
    public IEnumerable<string> Names() => element.EnumerateObject().Select(p => p.Name);

    /// <summary>The properties of this object as named child records (for objects keyed by a name, like <c>policy.components</c>).</summary>
    public IEnumerable<(string Name, JsonRecord? Record)> NamedChildren()
    {
        foreach (var property in element.EnumerateObject())
        {
            var path = ErrorLocation.Property(Path, property.Name);
            yield return (property.Name, Open(property.Value, path, Id, path, errors));
        }
    }

    /// <summary>The value of <paramref name="name"/> as it is, for a reader of its own; null when absent or null.</summary>
    public JsonElement? Raw(string name, bool required = false) => TryGet(name, required, out var v) ? v : null;

    /// <summary>Reports an error on <paramref name="field"/> of this record.</summary>
    public void Fail(string field, string message) => errors.Add(field, Id, message, brokenRecord);

    /// <summary>The path of field <paramref name="name"/>.</summary>
    public string Field(string name) => ErrorLocation.Property(Path, name);

    private T? EnumValue<T>(JsonElement v, string field, EnumNames<T> names, string what) where T : struct, System.Enum
    {
        if (v.ValueKind == JsonValueKind.String && names.TryParse(v.GetString()!, out var value)) return value;
        var found = v.ValueKind == JsonValueKind.String ? $"'{ReadErrors.Echo(v.GetString()!)}'" : ReadErrors.Describe(v);
        Fail(field, $"unknown {what} {found}; allowed values: {names.Allowed}");
        return null;
    }

    private bool TryGetArray(string name, out JsonElement array, bool required = false)
    {
        if (!TryGet(name, required, out array)) return false;
        if (array.ValueKind == JsonValueKind.Array) return true;
        WrongType(name, "an array", array);
        return false;
    }

    private bool TryGet(string name, bool required, out JsonElement value)
    {
        // JSON null means "not given", so optional fields fall back to their defaults.
        if (element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null) return true;
        if (required) Fail(Field(name), "is required");
        return false;
    }

    private void WrongType(string name, string expected, JsonElement found) =>
        Fail(Field(name), $"expected {expected} but found {ReadErrors.Describe(found)}");

    private static int IndexOf(JsonProperty property, string[] known)
    {
        for (var i = 0; i < known.Length; i++)
            if (property.NameEquals(known[i])) return i;
        return -1;
    }
}
