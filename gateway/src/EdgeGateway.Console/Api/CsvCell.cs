namespace EdgeGateway.Console.Api;

/// <summary>
/// One CSV cell (RFC 4180): quoted when it holds a comma, a quote, CR or LF, quotes doubled. A text cell that a
/// spreadsheet would read as a formula (it starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or CR) gets a leading
/// <c>'</c>, so a device label or event data cannot run a formula in the officer's spreadsheet (CSV injection).
/// </summary>
internal static class CsvCell
{
    public static string Of(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (text[0] is '=' or '+' or '-' or '@' or '\t' or '\r') text = "'" + text;
        return text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
