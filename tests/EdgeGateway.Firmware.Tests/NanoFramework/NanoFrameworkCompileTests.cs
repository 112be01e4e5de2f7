namespace EdgeGateway.Firmware.Tests.NanoFramework;

/// <summary>
/// firmware/core compiled for real against nanoFramework: the SDK's csc with <c>-nostdlib -langversion:9</c> and
/// nanoFramework.CoreLibrary 1.17.11's mscorlib (the version the device projects pin). The bad snippets prove that
/// the same compile refuses what nanoFramework lacks.
/// </summary>
public sealed class NanoFrameworkCompileTests
{
    [Fact]
    public void Every_firmware_core_source_compiles_against_nanoFrameworks_real_mscorlib()
    {
        var sources = Directory.GetFiles(CoreSourceScanTests.FirmwareDirectory("core"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.True(sources.Count > 30, "expected the whole core, found " + sources.Count + " files");

        var result = NanoFrameworkCompiler.Instance.Compile("EdgeGateway.Firmware.Core", sources);

        Assert.True(result.ExitCode == 0, "firmware/core does not compile for nanoFramework:\n" + result.Output);
        Assert.Empty(result.ErrorCodes);
    }

    [Theory]
    [InlineData("generic_list", "using System.Collections.Generic; class C { List<int> X = new List<int>(); }", "CS0234")]
    [InlineData("async_task", "class C { async System.Threading.Tasks.Task Go() { } }", "CS0234")]
    [InlineData("async_void", "class C { async void Go() { } }", "CS0518")]
    [InlineData("linq", "using System.Linq; class C { object Go(int[] a) { return a.Select(x => x); } }", "CS0234")]
    [InlineData("string_replace", "class C { string Go(string s) { return s.Replace(\"secret\", \"***\"); } }", "CS1061")]
    [InlineData("formattable_interpolation", "using System; class C { string Go(int x) { return FormattableString.Invariant($\"{x}\"); } }", "CS0103")]
    [InlineData("string_join", "class C { string Go(string[] a) { return string.Join(\",\", a); } }", "CS0117")]
    [InlineData("nullable_annotation", "class C { string? Name; }", "CS8632")]
    [InlineData("span", "class C { System.Span<byte> Go(byte[] b) { return b; } }", "CS0234")]
    public void A_snippet_using_what_nanoFramework_lacks_fails_with_the_expected_error(string name, string source, string expectedError)
    {
        var result = NanoFrameworkCompiler.Instance.CompileText("bad_" + name, source);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(expectedError, result.ErrorCodes);
    }

    [Fact]
    public void A_snippet_using_only_declared_members_compiles()
    {
        const string source = """
            using System.Collections;
            using System.Text;
            class C
            {
                string Go(Hashtable t, byte[] b)
                {
                    StringBuilder sb = new StringBuilder();
                    foreach (DictionaryEntry e in t) sb.Append((string)e.Key).Append('=').Append(e.Value);
                    sb.Replace("secret", "***");
                    return sb.ToString() + Encoding.UTF8.GetString(b, 0, b.Length) + $"{b.Length}";
                }
            }
            """;

        var result = NanoFrameworkCompiler.Instance.CompileText("good_snippet", source);

        Assert.True(result.ExitCode == 0, result.Output);
    }
}
