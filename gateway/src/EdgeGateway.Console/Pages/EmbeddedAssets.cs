using System.Collections.Concurrent;
using System.Net;

namespace EdgeGateway.Console.Pages;

/// <summary>The console's pages, script and style, compiled into the assembly (no files beside the binary, no CDN).</summary>
internal static class EmbeddedAssets
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

    /// <summary>An HTML template with every <c>{{key}}</c> replaced by its value, HTML-encoded.</summary>
    public static string Render(string name, IReadOnlyDictionary<string, string> values)
    {
        var text = System.Text.Encoding.UTF8.GetString(Get(name) ?? throw new InvalidOperationException($"missing embedded page {name}"));
        foreach (var (key, value) in values) text = text.Replace("{{" + key + "}}", WebUtility.HtmlEncode(value), StringComparison.Ordinal);
        return text;
    }
}
