using System.Collections;
using System.Collections.Immutable;
using System.Reflection;

namespace Scrs.Matching.Tests.Input;

/// <summary>
/// Structural comparison of domain values: records compared property by property, <see cref="ImmutableArray{T}"/> element by
/// element and dictionaries by their entries (the records' own equality compares these by reference).
/// </summary>
public static class Structural
{
    /// <summary>Fails with the path of the first difference, such as <c>Members[2].Skills['governance']: 3 != 4</c>.</summary>
    public static void Equal(object? expected, object? actual)
    {
        if (Difference(expected, actual, "") is { } difference) Assert.Fail(difference);
    }

    /// <summary>The first difference between the two values, or <see langword="null"/> when they are structurally equal.</summary>
    public static string? Difference(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
            return expected is null && actual is null ? null : $"{Show(path)}: {expected ?? "null"} != {actual ?? "null"}";
        var type = expected.GetType();
        if (type != actual.GetType()) return $"{Show(path)}: type {type.Name} != {actual.GetType().Name}";
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
        {
            var isDefault = type.GetProperty(nameof(ImmutableArray<int>.IsDefault))!;
            bool expectedDefault = (bool)isDefault.GetValue(expected)!, actualDefault = (bool)isDefault.GetValue(actual)!;
            if (expectedDefault || actualDefault)
                return expectedDefault == actualDefault ? null : $"{Show(path)}: default array != initialized array";
        }
        return expected switch
        {
            IDictionary dictionary => DictionaryDifference(dictionary, (IDictionary)actual, path),
            IEnumerable sequence when expected is not string => SequenceDifference(sequence, (IEnumerable)actual, path),
            _ when type.Namespace?.StartsWith("Scrs.Matching", StringComparison.Ordinal) == true && !type.IsEnum => PropertiesDifference(type, expected, actual, path),
            _ => Equals(expected, actual) ? null : $"{Show(path)}: {expected} != {actual}",
        };
    }

    private static string? DictionaryDifference(IDictionary expected, IDictionary actual, string path)
    {
        if (expected.Count != actual.Count) return $"{Show(path)}: {expected.Count} entries != {actual.Count}";
        foreach (DictionaryEntry entry in expected)
        {
            if (!actual.Contains(entry.Key)) return $"{Show(path)}: key '{entry.Key}' is missing";
            if (Difference(entry.Value, actual[entry.Key], $"{path}['{entry.Key}']") is { } d) return d;
        }
        return null;
    }

    private static string? SequenceDifference(IEnumerable expected, IEnumerable actual, string path)
    {
        var e = expected.Cast<object?>().ToList();
        var a = actual.Cast<object?>().ToList();
        if (e.Count != a.Count) return $"{Show(path)}: {e.Count} items != {a.Count}";
        for (var i = 0; i < e.Count; i++)
            if (Difference(e[i], a[i], $"{path}[{i}]") is { } d) return d;
        return null;
    }

    private static string? PropertiesDifference(Type type, object expected, object actual, string path)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0) continue;
            var name = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            if (Difference(property.GetValue(expected), property.GetValue(actual), name) is { } d) return d;
        }
        return null;
    }

    private static string Show(string path) => path.Length == 0 ? "value" : path;
}
