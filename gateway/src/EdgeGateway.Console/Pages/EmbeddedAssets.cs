using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;

namespace EdgeGateway.Console.Pages;

/// <summary>The console's pages, script and style, compiled into the assembly (no files beside the binary, no CDN).</summary>
internal static partial class EmbeddedAssets
{
    private static readonly ConcurrentDictionary<string, byte[]?> Cache = new();

    public static readonly IReadOnlyDictionary<string, string> Types = new Dictionary<string, string>
    {
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    /// <summary>The bytes of <c>wwwroot/{name}</c>, or null when there is no such asset.</summary>
    public static byte[]? Get(string name) => Cache.GetOrAdd(name, n =>
    {
        using var stream = typeof(EmbeddedAssets).Assembly.GetManifestResourceStream("wwwroot/" + n);
        if (stream is null) return null;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    /// <summary>
    /// An HTML template with every <c>&lt;!--include _fragment.html--&gt;</c> replaced by that fragment (the shared head
    /// and navigation) and then every <c>{{key}}</c> replaced by its value, HTML-encoded.
    /// </summary>
    public static string Render(string name, IReadOnlyDictionary<string, string> values)
    {
        var text = Include().Replace(Text(name), m => Text(m.Groups[1].Value));
        foreach (var (key, value) in values) text = text.Replace("{{" + key + "}}", WebUtility.HtmlEncode(value), StringComparison.Ordinal);
        return text;
    }

    /// <summary>True for fragments (names starting with <c>_</c>): parts of pages, never served on their own.</summary>
    public static bool IsFragment(string name) => name.StartsWith('_');

    private static string Text(string name) =>
        System.Text.Encoding.UTF8.GetString(Get(name) ?? throw new InvalidOperationException($"missing embedded page {name}"));

    [GeneratedRegex(@"<!--include (_[A-Za-z0-9_.-]+\.html)-->")]
    private static partial Regex Include();
}
