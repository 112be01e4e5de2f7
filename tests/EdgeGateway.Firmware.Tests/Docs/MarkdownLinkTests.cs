using System.Text.RegularExpressions;

namespace EdgeGateway.Firmware.Tests.Docs;

/// <summary>The repository's docs stand on their own: every relative Markdown link resolves to a file inside it.</summary>
public sealed partial class MarkdownLinkTests
{
    private static string RepoRoot() => Path.GetDirectoryName(CoreSourceScanTests.FirmwareDirectory("core"))![..^"/firmware".Length];

    [Fact]
    public void Every_relative_link_in_the_repositorys_markdown_resolves_inside_the_repository()
    {
        var root = Path.GetFullPath(RepoRoot());
        var files = Directory.GetFiles(root, "*.md", SearchOption.AllDirectories)
            .Where(f => !Regex.IsMatch(f, @"[\\/](bin|obj|\.git|node_modules)[\\/]")).ToList();
        Assert.Contains(files, f => f.EndsWith(Path.Combine("docs", "SPEC.md"), StringComparison.Ordinal));
        var broken = new List<string>();
        var checkedLinks = 0;
        foreach (var file in files)
        {
            foreach (var target in Links(File.ReadAllText(file)))
            {
                checkedLinks++;
                var resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, Uri.UnescapeDataString(target)));
                var inside = resolved.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
                if (!inside || !(File.Exists(resolved) || Directory.Exists(resolved)))
                    broken.Add($"{Path.GetRelativePath(root, file)}: {target}{(inside ? "" : " (outside the repository)")}");
            }
        }
        Assert.True(checkedLinks > 3, "found only " + checkedLinks + " relative links: is the scan working?");
        Assert.True(broken.Count == 0, "broken links:\n" + string.Join('\n', broken));
    }

    [Theory]
    [InlineData("see [spec](../shared/SPEC.md#devices)", "../shared/SPEC.md")]
    [InlineData("![wiring](img/a.png \"title\")", "img/a.png")]
    [InlineData("[site](https://example.org) and [top](#top)", null)]
    public void The_link_scan_finds_relative_targets_and_skips_urls_and_anchors(string markdown, string? expected)
    {
        var links = Links(markdown).ToList();
        if (expected is null) Assert.Empty(links);
        else Assert.Equal([expected], links);
    }

    /// <summary>Relative link targets without their #fragment; absolute URLs, mail links and pure anchors are skipped.</summary>
    private static IEnumerable<string> Links(string markdown)
    {
        foreach (Match m in LinkRegex().Matches(markdown))
        {
            var target = m.Groups[1].Value;
            if (target.StartsWith('#') || target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal)) continue;
            var hash = target.IndexOf('#', StringComparison.Ordinal);
            yield return hash >= 0 ? target[..hash] : target;
        }
    }

    [GeneratedRegex(@"\]\(\s*<?([^)\s>]+)>?(?:\s+""[^""]*"")?\s*\)")]
    private static partial Regex LinkRegex();
}
