using System.Text.Json.Nodes;

namespace EdgeGateway.TestInfra.IoTHub;

/// <summary>A device twin: desired and reported documents with their <c>$version</c>s; patches merge (null deletes).</summary>
public sealed class EmulatedTwin
{
    private readonly object _lock = new();
    private readonly JsonObject _desired = new() { ["$version"] = 1 };
    private readonly JsonObject _reported = new() { ["$version"] = 1 };

    public int ReportedPatches { get; private set; }

    public JsonObject Document()
    {
        lock (_lock) return new JsonObject { ["desired"] = _desired.DeepClone(), ["reported"] = _reported.DeepClone() };
    }

    public JsonObject Reported()
    {
        lock (_lock) return (JsonObject)_reported.DeepClone();
    }

    public int PatchReported(JsonObject patch)
    {
        lock (_lock)
        {
            Merge(_reported, patch);
            ReportedPatches++;
            return Bump(_reported);
        }
    }

    public int PatchDesired(JsonObject patch)
    {
        lock (_lock)
        {
            Merge(_desired, patch);
            return Bump(_desired);
        }
    }

    private static int Bump(JsonObject doc)
    {
        var v = doc["$version"]!.GetValue<int>() + 1;
        doc["$version"] = v;
        return v;
    }

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is null) target.Remove(key);
            else if (value is JsonObject o && target[key] is JsonObject t) Merge(t, o);
            else target[key] = value.DeepClone();
        }
    }
}
