using System.Text.RegularExpressions;

namespace EdgeGateway.Firmware.Tests;

/// <summary>
/// firmware/core compiles for .NET nanoFramework too, which lacks generics, async/await, LINQ, Span and more.
/// This scan fails the build's tests when a core file uses them.
/// </summary>
public sealed partial class CoreSourceCompatibilityTests
{
    private static readonly (Regex Pattern, string Why)[] Forbidden =
    [
        (GenericRegex(), "generic type or method"),
        (new Regex(@"\basync\b|\bawait\b"), "async/await"),
        (new Regex(@"System\.Linq|\.Select\(|\.Where\(|\.ToList\(|\.ToArray\(\)"), "LINQ"),
        (new Regex(@"\bSpan\b|\bReadOnlySpan\b|\bMemory<|stackalloc"), "Span/Memory"),
        (new Regex(@"\$"""), "string interpolation"),
        (new Regex(@"\b(string|object|int|long|byte\[\])\?"), "nullable annotation"),
        (new Regex(@"System\.Text\.Json|System\.Threading\.Tasks|System\.Collections\.Generic"), "API missing on nanoFramework"),
        (new Regex(@"\brecord\b|\binit;|\bwith\s*\{"), "records/init (C# 9+ runtime support)"),
    ];

    public static string CoreDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EdgeGateway.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repo root not found"), "firmware", "core");
    }

    [Fact]
    public void Core_sources_use_only_nanoFramework_compatible_apis()
    {
        var files = Directory.GetFiles(CoreDirectory(), "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        var problems = new List<string>();
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var code = StripCommentsAndStrings(lines[i]);
                foreach (var (pattern, why) in Forbidden)
                    if (pattern.IsMatch(code)) problems.Add($"{Path.GetFileName(file)}:{i + 1}: {why}: {lines[i].Trim()}");
            }
        }
        Assert.True(problems.Count == 0, "nanoFramework-incompatible code in firmware/core:\n" + string.Join('\n', problems));
    }

    [Theory]
    [InlineData("List<int> x = new List<int>();")]
    [InlineData("public async void Go() { await X(); }")]
    [InlineData("var y = items.Select(i => i);")]
    [InlineData("ReadOnlySpan<byte> s = data;")]
    [InlineData("string? name = null;")]
    public void The_scan_catches_what_it_forbids(string line)
    {
        Assert.Contains(Forbidden, f => f.Pattern.IsMatch(StripCommentsAndStrings(line)));
    }

    private static string StripCommentsAndStrings(string line)
    {
        var noComment = line.Contains("//", StringComparison.Ordinal) ? line[..line.IndexOf("//", StringComparison.Ordinal)] : line;
        if (noComment.TrimStart().StartsWith('*') || noComment.TrimStart().StartsWith("/*", StringComparison.Ordinal)) return "";
        return Regex.Replace(noComment, "\"(?:\\\\.|[^\"\\\\])*\"", "\"\"").Replace("'<'", "''", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\b[A-Z]\w*<\s*[A-Za-z_][\w\[\], ]*>")]
    private static partial Regex GenericRegex();
}
