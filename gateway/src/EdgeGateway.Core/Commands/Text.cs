namespace EdgeGateway.Core.Commands;

internal static class Text
{
    /// <summary>At most 80 characters of untrusted text, for error messages and logs.</summary>
    public static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
