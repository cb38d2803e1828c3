using System.Collections.Immutable;
using System.Globalization;
using CsvHelper;
using Scrs.Matching.Domain;

namespace Scrs.Matching.Input;

/// <summary>One CSV file read with CsvHelper (RFC 4180): its header checked against the known columns, and its rows.</summary>
/// <remarks>
/// Every problem goes to a shared <see cref="ReadErrors"/> instead of throwing: an unknown, repeated or missing column, a
/// row with more or fewer cells than the header, malformed quoting. Columns may come in any order; optional ones may be left out.
/// </remarks>
internal sealed class CsvTable
{
    // The separator is fixed rather than detected: a file whose cells hold lists like "Arabic;French" could pass for one separated by ';'.
    private static readonly CsvReaderOptions ReaderOptions = CsvReaderOptions.Default with
    {
        Separator = ',',
        TrackLineNumbers = true,
        TrimWhitespace = true,
        DetectSeparatorHint = false,
    };

    // Cells that start or end with a space are quoted, so that the reader's trimming (outside quotes) keeps them.
    private static readonly CsvWriterOptions WriterOptions = CsvWriterOptions.Default with { Quoting = CsvQuoting.WhenNeededOrWhitespace };

    private CsvTable(string file, ImmutableArray<CsvRecord> rows, bool complete)
    {
        File = file;
        Rows = rows;
        Complete = complete;
    }

    /// <summary>The name of the file, as errors name it.</summary>
    public string File { get; }

    /// <summary>The data rows, in file order.</summary>
    public ImmutableArray<CsvRecord> Rows { get; }

    /// <summary>Whether every required column is there; when not, no row can be trusted.</summary>
    public bool Complete { get; }

    /// <summary>Reads <paramref name="text"/>, the content of the file <paramref name="file"/>, each row with <paramref name="read"/>.</summary>
    /// <param name="file">The file's name, as errors name it.</param>
    /// <param name="text">Its content.</param>
    /// <param name="known">Every column the file may have.</param>
    /// <param name="required">The columns it must have.</param>
    /// <param name="errors">Where errors go.</param>
    /// <param name="read">Makes the value of a row (and its index among the rows), setting the row's id and record path.</param>
    /// <param name="values">The values of the rows, in file order.</param>
    /// <remarks>Rows are read as they come, so that errors are in the order of the lines.</remarks>
    public static CsvTable Read<T>(string file, string text, string[] known, string[] required, ReadErrors errors,
        Func<CsvRecord, int, T> read, out ImmutableArray<T> values)
    {
        var malformed = new List<(long Line, string Reason)>();
        using var reader = CsvReader.FromText(text, ReaderOptions with { OnMalformedRecord = m => malformed.Add((m.LineNumber, m.Reason.ToString())) });
        var header = reader.Headers;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var headerAt = Location(file);
        if (header.Count == 0) errors.Add(headerAt, null, $"the file is empty; its first line must name the columns, such as {string.Join(',', known)}");
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i];
            if (!known.Contains(name, StringComparer.Ordinal))
                errors.Add(headerAt, null, $"unknown column '{ReadErrors.Echo(name)}'{Spelling.Suggest(name, known)}; allowed: {string.Join(", ", known)}");
            else if (!index.TryAdd(name, i))
                errors.Add(headerAt, null, $"column '{ReadErrors.Echo(name)}' is given more than once");
        }
        var missing = header.Count == 0 ? required : required.Where(c => !index.ContainsKey(c)).ToArray();
        if (header.Count > 0)
            foreach (var column in missing) errors.Add(headerAt, null, $"missing column '{column}', which is required");
        var rows = ImmutableArray.CreateBuilder<CsvRecord>();
        var built = ImmutableArray.CreateBuilder<T>();
        while (reader.Read())
        {
            var line = (int)reader.LineNumber;
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++) cells[i] = reader.GetString(i);
            var row = new CsvRecord(file, line, cells, index, missing.Length == 0, errors);
            built.Add(read(row, rows.Count));
            foreach (var (_, reason) in malformed.Where(m => m.Line == line))
                row.Fail(Location(file, line), $"malformed quoting ({reason}): {reader.Current.ToString()}");
            malformed.RemoveAll(m => m.Line == line);
            if (cells.Length != header.Count)
                row.Fail(Location(file, line), $"the row has {cells.Length} cells but the header has {header.Count} columns");
            rows.Add(row);
        }
        values = built.ToImmutable();
        return new CsvTable(file, rows.ToImmutable(), missing.Length == 0);
    }

    /// <summary>Where an error is: the file, and the line and column when known.</summary>
    public static string Location(string file, int? line = null, string? column = null) =>
        line is null ? $"{file}, header" : column is null ? $"{file}, line {line}" : $"{file}, line {line}, column {column}";

    /// <summary>Writes a CSV text: the header, then one record per row, each with a cell per column.</summary>
    public static string Write(string[] header, IEnumerable<string?[]> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = CsvWriter.Create(text, WriterOptions, leaveOpen: true))
        {
            writer.WriteHeader(header);
            foreach (var row in rows) writer.WriteRecord(row!);
        }
        return text.ToString();
    }
}

/// <summary>One data row of a <see cref="CsvTable"/>, whose cells are parsed by column name, reporting every bad cell.</summary>
/// <remarks>
/// Like <see cref="JsonRecord"/>, each getter returns <see langword="null"/> (or an empty collection) for an empty cell, a missing
/// column or a bad value, so that callers substitute the documented default or a placeholder; the error names the file, the line,
/// the column and the value. A row with an error is <see cref="Broken"/>: the rule errors of its record may only echo a placeholder.
/// </remarks>
internal sealed class CsvRecord(string file, int line, string[] cells, Dictionary<string, int> index, bool fileComplete, ReadErrors errors)
{
    /// <summary>The separator of the entries of a list cell.</summary>
    public const char ListSeparator = ';';

    private bool badCell;

    /// <summary>The separator of a name and its level in a levels cell.</summary>
    public const char LevelSeparator = ':';

    /// <summary>The separator of the first and last day of a range.</summary>
    public const string RangeSeparator = "..";

    /// <summary>The name of the file, as errors name it.</summary>
    public string File { get; } = file;

    /// <summary>The line of the file the row starts on (1-based, the header's line counted).</summary>
    public int Line { get; } = line;

    /// <summary>Id reported with this row's errors.</summary>
    public string? Id { get; set; }

    /// <summary>The path, in the JSON format's terms, of the record this row becomes (such as <c>members[3]</c>); set by its reader.</summary>
    public string RecordPath { get; set; } = "";

    /// <summary>Whether a cell of the row was bad, or its file lacks a required column (so that every row has a placeholder).</summary>
    public bool Broken => badCell || !fileComplete;

    /// <summary>Reports an error of this row.</summary>
    public void Fail(string location, string message)
    {
        badCell = true;
        errors.Add(location, Id, message);
    }

    /// <summary>The text of a cell; <see langword="null"/> when it is empty or the file has no such column.</summary>
    public string? Text(string column, bool required = false)
    {
        var text = index.TryGetValue(column, out var i) && i < cells.Length && cells[i].Length > 0 ? cells[i] : null;
        if (text is null && required && index.ContainsKey(column)) Fail(At(column), "is required (the cell is empty)");
        return text;
    }

    /// <summary>A whole-number cell.</summary>
    public int? Int(string column) => Parse(column, "a whole number", ParseInt);

    /// <summary>A decimal-number cell (money).</summary>
    public decimal? Decimal(string column) => Parse(column, "a number", t =>
        decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : (decimal?)null);

    /// <summary>A date cell, <c>yyyy-MM-dd</c>.</summary>
    public DateOnly? Date(string column, bool required = false)
    {
        if (Text(column, required) is not { } text) return null;
        if (ParseDate(text) is { } date) return date;
        Fail(At(column), $"'{ReadErrors.Echo(text)}' is not a valid date; expected {JsonNames.DateFormat}, for example 2027-03-01");
        return null;
    }

    /// <summary>An enum cell, by its name in the JSON format (ignoring case).</summary>
    public T? Enum<T>(string column, EnumNames<T> names, string what, bool required = false) where T : struct, System.Enum =>
        Text(column, required) is { } text ? EnumValue(column, text, names, what) : null;

    /// <summary>A list cell, entries separated by <c>;</c> (and trimmed); empty when the cell is.</summary>
    public ImmutableArray<string> List(string column) =>
        Text(column) is { } text ? [.. text.Split(ListSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : [];

    /// <summary>A list of enum values by their names, such as <c>active;standby</c>.</summary>
    public ImmutableArray<T> Enums<T>(string column, EnumNames<T> names, string what) where T : struct, System.Enum
    {
        var builder = ImmutableArray.CreateBuilder<T>();
        foreach (var entry in List(column))
            if (EnumValue(column, entry, names, what) is { } value) builder.Add(value);
        return builder.ToImmutable();
    }

    /// <summary>A cell of names with levels, such as <c>rule-of-law:4;governance:3</c>.</summary>
    /// <param name="column">The column.</param>
    /// <param name="what">What a name is, for the message (for example <c>skill</c>).</param>
    /// <remarks>A name ends at its last <c>:</c>; names are compared ignoring case, as the domain does, so two spellings of one name are an error.</remarks>
    public ImmutableDictionary<string, int> Levels(string column, string what) =>
        Named(column, what, "level", $"rule-of-law{LevelSeparator}4", ParseInt);

    /// <summary>A cell of names with dates, such as <c>FACT:2027-09-30;medical:2027-05-01</c> (a credential's last valid day).</summary>
    /// <remarks>As <see cref="Levels"/>: a name ends at its last <c>:</c>, and names are compared ignoring case.</remarks>
    public ImmutableDictionary<string, DateOnly> Dates(string column, string what) =>
        Named(column, what, "last valid day", $"FACT{LevelSeparator}2027-09-30", ParseDate);

    private ImmutableDictionary<string, T> Named<T>(string column, string what, string valueName, string example, Func<string, T?> parse) where T : struct
    {
        var builder = ImmutableDictionary.CreateBuilder<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in List(column))
        {
            var colon = entry.LastIndexOf(LevelSeparator);
            var name = colon < 0 ? "" : entry[..colon].TrimEnd();
            if (name.Length == 0 || parse(entry[(colon + 1)..].TrimStart()) is not { } value)
                Fail(At(column), $"'{ReadErrors.Echo(entry)}' is not a {what} with its {valueName}; expected name{LevelSeparator}{valueName.Replace(' ', '-')}, for example {example}");
            else if (builder.TryGetKey(name, out var earlier))
                Fail(At(column), $"{what} '{ReadErrors.Echo(name)}' is given more than once (as '{ReadErrors.Echo(earlier)}'; names are compared ignoring case)");
            else
                builder.Add(name, value);
        }
        return builder.ToImmutable();
    }

    /// <summary>A cell of ranges of days, such as <c>2027-03-01..2027-03-20;2027-06-01..2027-06-05</c>.</summary>
    public ImmutableArray<DateRange> Ranges(string column)
    {
        var builder = ImmutableArray.CreateBuilder<DateRange>();
        foreach (var entry in List(column))
        {
            var dots = entry.IndexOf(RangeSeparator, StringComparison.Ordinal);
            if (dots >= 0 && ParseDate(entry[..dots].TrimEnd()) is { } start && ParseDate(entry[(dots + RangeSeparator.Length)..].TrimStart()) is { } end)
                builder.Add(new DateRange(start, end));
            else
                Fail(At(column), $"'{ReadErrors.Echo(entry)}' is not a range of days; expected start{RangeSeparator}end in {JsonNames.DateFormat}, for example 2027-03-01{RangeSeparator}2027-03-20");
        }
        return builder.ToImmutable();
    }

    /// <summary>Where the cell of <paramref name="column"/> is.</summary>
    public string At(string column) => CsvTable.Location(File, Line, column);

    private T? Parse<T>(string column, string expected, Func<string, T?> parse) where T : struct
    {
        if (Text(column) is not { } text) return null;
        if (parse(text) is { } value) return value;
        Fail(At(column), $"'{ReadErrors.Echo(text)}' is not {expected}");
        return null;
    }

    private T? EnumValue<T>(string column, string text, EnumNames<T> names, string what) where T : struct, System.Enum
    {
        if (names.TryParse(text, out var value)) return value;
        Fail(At(column), $"unknown {what} '{ReadErrors.Echo(text)}'{Spelling.Suggest(text, names.Names)}; allowed values: {names.Allowed}");
        return null;
    }

    private static int? ParseInt(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text, JsonNames.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}

/// <summary>Formats the cells of the spreadsheet formats, the inverse of <see cref="CsvRecord"/>'s getters.</summary>
internal static class CsvCells
{
    /// <summary>A day, <c>yyyy-MM-dd</c>.</summary>
    public static string Day(DateOnly day) => day.ToString(JsonNames.DateFormat, CultureInfo.InvariantCulture);

    /// <summary>A day, or an empty cell.</summary>
    public static string Day(DateOnly? day) => day is { } d ? Day(d) : "";

    /// <summary>A range of days, <c>start..end</c>.</summary>
    public static string Range(DateRange range) => Day(range.Start) + CsvRecord.RangeSeparator + Day(range.End);

    /// <summary>A number in the invariant culture, or an empty cell.</summary>
    public static string Number<T>(T? value) where T : struct, IFormattable => value?.ToString(null, CultureInfo.InvariantCulture) ?? "";

    /// <summary>A list, entries separated by <c>;</c>.</summary>
    /// <exception cref="ArgumentException">An entry would not read back as itself: empty, with a <c>;</c>, or with spaces around it.</exception>
    public static string List(IEnumerable<string> entries, string what)
    {
        var list = entries.ToList();
        if (list.FirstOrDefault(e => e.Length == 0 || e.Contains(CsvRecord.ListSeparator, StringComparison.Ordinal) || e.Trim().Length != e.Length) is { } bad)
            throw new ArgumentException($"{what} '{bad}' cannot be written in a list cell: it is empty, holds '{CsvRecord.ListSeparator}' or has spaces around it");
        return string.Join(CsvRecord.ListSeparator, list);
    }

    /// <summary>Names with levels, ordered by name so that the same problem always gives the same text.</summary>
    public static string Levels(ImmutableDictionary<string, int> levels, string what) =>
        List(levels.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + CsvRecord.LevelSeparator + Number<int>(e.Value)), what);

    /// <summary>Names with dates, ordered by name.</summary>
    public static string Dates(ImmutableDictionary<string, DateOnly> dates, string what) =>
        List(dates.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + CsvRecord.LevelSeparator + Day(e.Value)), what);
}
