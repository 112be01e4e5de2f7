using Microsoft.AspNetCore.Http;

namespace EdgeGateway.Console.Api;

/// <summary>Checks shared by the API's query strings: unknown parameters and bounded whole numbers, each a 400 naming the parameter.</summary>
internal static class QueryParams
{
    /// <summary>A 400 naming the first parameter not in <paramref name="known"/>, or null.</summary>
    public static IResult? Unknown(IQueryCollection query, IReadOnlyCollection<string> known) =>
        query.Keys.FirstOrDefault(k => !known.Contains(k, StringComparer.Ordinal)) is { } key
            ? Problems.BadField(key, $"unknown query parameter '{Shorten(key)}'" + (known.Count == 0 ? "; this route takes none" : $"; expected {string.Join(", ", known)}"))
            : null;

    /// <summary><paramref name="fallback"/> when absent; a 400 naming it when not a whole number in [min, max].</summary>
    public static bool TryInt(IQueryCollection query, string name, int min, int max, int fallback, out int value, out IResult? problem)
    {
        problem = null;
        value = fallback;
        var text = query[name].ToString();
        if (text.Length == 0) return true;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value) && value >= min && value <= max) return true;
        problem = Problems.BadField(name, $"'{name}' must be a whole number {min}..{max}");
        return false;
    }

    /// <summary>One of <paramref name="allowed"/> (the first when absent), or a 400 naming the parameter.</summary>
    public static bool TryChoice(IQueryCollection query, string name, string[] allowed, out string value, out IResult? problem)
    {
        problem = null;
        value = query[name].ToString();
        if (value.Length == 0) value = allowed[0];
        if (allowed.Contains(value, StringComparer.Ordinal)) return true;
        problem = Problems.BadField(name, $"'{name}' is '{Shorten(value)}'; expected one of {string.Join(", ", allowed.Where(a => a.Length > 0))}");
        return false;
    }

    public static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
