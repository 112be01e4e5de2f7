using System.Text.RegularExpressions;

namespace EdgeGateway.Firmware.Tests.NanoFramework;

/// <summary>What csc said: its exit code, its output, and the error codes (CS0234, …) in that output.</summary>
internal sealed partial record CompileResult(int ExitCode, string Output)
{
    public IReadOnlyList<string> ErrorCodes => ErrorRegex().Matches(Output).Select(m => m.Groups[1].Value).Distinct().ToList();

    [GeneratedRegex(@"error (CS\d{4})")]
    private static partial Regex ErrorRegex();
}
