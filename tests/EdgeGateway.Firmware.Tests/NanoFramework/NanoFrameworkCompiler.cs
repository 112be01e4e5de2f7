using System.Diagnostics;
using System.Reflection;

namespace EdgeGateway.Firmware.Tests.NanoFramework;

/// <summary>
/// The SDK's own C# compiler (Roslyn's csc, run with <c>dotnet exec</c>) set up as the nanoFramework project system
/// sets it up: <c>-nostdlib</c>, C# 9, nanoFramework.CoreLibrary 1.17.11's real mscorlib, and a reference assembly
/// built from <c>ReferenceDeclarations.cs</c> for the System.Collections / System.Text members the core uses.
/// Warnings are errors, as in the rest of the repository.
/// </summary>
internal sealed class NanoFrameworkCompiler
{
    private static readonly Lazy<NanoFrameworkCompiler> Shared = new(() => new NanoFrameworkCompiler());
    private readonly string _dotnet;
    private readonly string _csc;
    private readonly string _workDir;

    private NanoFrameworkCompiler()
    {
        _dotnet = Metadata("NanoFramework.DotnetHost") is { Length: > 0 } host ? host : "dotnet";
        _csc = Metadata("NanoFramework.Csc");
        Mscorlib = Metadata("NanoFramework.Mscorlib");
        if (!File.Exists(_csc)) throw new InvalidOperationException("the SDK's csc.dll is not at " + _csc);
        if (!File.Exists(Mscorlib)) throw new InvalidOperationException("nanoFramework's mscorlib is not at " + Mscorlib + " (restore downloads it)");
        _workDir = Directory.CreateTempSubdirectory("nf-compile-").FullName;
        var declarations = Path.Combine(AppContext.BaseDirectory, "NanoFramework", "ReferenceDeclarations.cs");
        DeclarationsAssembly = Path.Combine(_workDir, "nanoFramework.Declarations.dll");
        var built = Run(DeclarationsAssembly, [declarations], [Mscorlib]);
        if (built.ExitCode != 0) throw new InvalidOperationException("ReferenceDeclarations.cs does not compile:\n" + built.Output);
    }

    public static NanoFrameworkCompiler Instance => Shared.Value;

    public string Mscorlib { get; }

    public string DeclarationsAssembly { get; }

    /// <summary>Compiles the sources into a library against mscorlib and the declarations.</summary>
    public CompileResult Compile(string name, IReadOnlyList<string> sourceFiles) =>
        Run(Path.Combine(_workDir, name + ".dll"), sourceFiles, [Mscorlib, DeclarationsAssembly]);

    /// <summary>Compiles one piece of source text (wrapped in nothing: pass a whole file).</summary>
    public CompileResult CompileText(string name, string source)
    {
        var file = Path.Combine(_workDir, name + ".cs");
        File.WriteAllText(file, source);
        return Compile(name, [file]);
    }

    private CompileResult Run(string output, IReadOnlyList<string> sources, IReadOnlyList<string> references)
    {
        var rsp = Path.Combine(_workDir, Path.GetFileNameWithoutExtension(output) + ".rsp");
        var lines = new List<string>
        {
            "-nologo", "-noconfig", "-nostdlib+", "-langversion:9", "-warnaserror+", "-target:library", "-deterministic",
            "-out:\"" + output + "\"",
        };
        lines.AddRange(references.Select(r => "-r:\"" + r + "\""));
        lines.AddRange(sources.Select(s => "\"" + s + "\""));
        File.WriteAllLines(rsp, lines);
        var psi = new ProcessStartInfo(_dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("exec");
        psi.ArgumentList.Add(_csc);
        psi.ArgumentList.Add("@" + rsp);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + _dotnet);
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new CompileResult(process.ExitCode, stdout + stderr.Result);
    }

    private static string Metadata(string key) =>
        typeof(NanoFrameworkCompiler).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value ?? "";
}
