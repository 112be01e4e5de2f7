using System.Text.Json;

namespace EdgeGateway.Core.Patrols;

/// <summary>Reports as JSON (snake_case, indented): one format for <c>edgegw patrol report --format json</c> and the console's API.</summary>
public static class PatrolJson
{
    public static string Serialize(PatrolReport report) => JsonSerializer.Serialize(report, PatrolJsonContext.Default.PatrolReport);

    public static string Serialize(PatrolActivity activity) => JsonSerializer.Serialize(activity, PatrolJsonContext.Default.PatrolActivity);
}
