using System.Text.RegularExpressions;

namespace EdgeGateway.Firmware.Tests;

/// <summary>
/// What the real compile (<see cref="NanoFramework.NanoFrameworkCompileTests"/>) cannot catch, checked by scanning:
/// <list type="bullet">
/// <item>generic types and methods declared in firmware/core: csc accepts them against nanoFramework's mscorlib
///   (generics are metadata), but the nanoFramework 1.x runtime and its metadata processor do not;</item>
/// <item>firmware/devices, which is never compiled here (its nanoFramework packages are not on the feed the tests
///   restore from), so every rule applies to it.</item>
/// </list>
/// </summary>
public sealed partial class CoreSourceScanTests
{
    private static readonly (Regex Pattern, string Why)[] DeviceRules =
    [
        (GenericRegex(), "generic type or method"),
        (new Regex(@"\basync\b|\bawait\b"), "async/await"),
        (new Regex(@"System\.Linq|\.Select\(|\.Where\(|\.ToList\(|\.ToArray\(\)"), "LINQ"),
        (new Regex(@"\bSpan\b|\bReadOnlySpan\b|\bMemory<|stackalloc"), "Span/Memory"),
        (new Regex(@"\$"""), "string interpolation"),
        (new Regex(@"\b(string|object|int|long|byte\[\])\?"), "nullable annotation"),
        (new Regex(@"System\.Text\.Json|System\.Threading\.Tasks|System\.Collections\.Generic"), "API missing on nanoFramework"),
        (new Regex(@"\brecord\b|\binit;|\bwith\s*\{"), "records/init"),
    ];

    public static string FirmwareDirectory(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EdgeGateway.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repo root not found"), "firmware", name);
    }

    [Fact]
    public void Core_sources_declare_no_generic_types_or_methods()
    {
        var problems = Scan(FirmwareDirectory("core"), [(GenericDeclarationRegex(), "generic declaration"), (GenericRegex(), "generic type")]);
        Assert.True(problems.Count == 0, "generics in firmware/core (nanoFramework 1.x has none):\n" + string.Join('\n', problems));
    }

    [Fact]
    public void Device_sources_use_only_nanoFramework_compatible_apis()
    {
        var problems = Scan(FirmwareDirectory("devices"), DeviceRules);
        Assert.True(problems.Count == 0, "nanoFramework-incompatible code in firmware/devices:\n" + string.Join('\n', problems));
    }

    [Theory]
    [InlineData("public T First<T>(T x) { return x; }")]
    [InlineData("public sealed class Box<T> { }")]
    public void The_scan_catches_the_generics_the_compile_lets_through(string line)
    {
        Assert.True(GenericDeclarationRegex().IsMatch(StripCommentsAndStrings(line)) || GenericRegex().IsMatch(StripCommentsAndStrings(line)));
    }

    [Theory]
    [InlineData("List<int> x = new List<int>();")]
    [InlineData("public async void Go() { await X(); }")]
    [InlineData("var y = items.Select(i => i);")]
    [InlineData("string? name = null;")]
    public void The_device_scan_catches_what_it_forbids(string line)
    {
        Assert.Contains(DeviceRules, f => f.Pattern.IsMatch(StripCommentsAndStrings(line)));
    }

    private static List<string> Scan(string directory, (Regex Pattern, string Why)[] rules)
    {
        var files = Directory.GetFiles(directory, "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        var problems = new List<string>();
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var code = StripCommentsAndStrings(lines[i]);
                foreach (var (pattern, why) in rules)
                    if (pattern.IsMatch(code)) problems.Add($"{Path.GetFileName(file)}:{i + 1}: {why}: {lines[i].Trim()}");
            }
        }
        return problems;
    }

    private static string StripCommentsAndStrings(string line)
    {
        var noComment = line.Contains("//", StringComparison.Ordinal) ? line[..line.IndexOf("//", StringComparison.Ordinal)] : line;
        if (noComment.TrimStart().StartsWith('*') || noComment.TrimStart().StartsWith("/*", StringComparison.Ordinal)) return "";
        return Regex.Replace(noComment, "\"(?:\\\\.|[^\"\\\\])*\"", "\"\"").Replace("'<'", "''", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\b[A-Z]\w*<\s*[A-Za-z_][\w\[\], ]*>")]
    private static partial Regex GenericRegex();

    [GeneratedRegex(@"\b\w+\s*<\s*[A-Z]\w*(\s*,\s*[A-Z]\w*)*\s*>\s*\(")]
    private static partial Regex GenericDeclarationRegex();
}
