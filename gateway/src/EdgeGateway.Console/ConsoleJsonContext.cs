using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeGateway.Console.Alarms;
using EdgeGateway.Console.Api;
using EdgeGateway.Console.Audit;

namespace EdgeGateway.Console;

/// <summary>
/// Every type the console writes or reads as JSON, generated at build time (no reflection, so the NativeAOT build
/// takes the same path as the JIT one). Web defaults: camelCase names, nulls written, numbers as numbers. The console's
/// HTTP JSON options resolve through this context only, with ASP.NET Core's problem-details context after it
/// (<see cref="Hosting.ConsoleServices"/>); the API's answers name their type info here explicitly.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Liveness))]
[JsonSerializable(typeof(Readiness))]
[JsonSerializable(typeof(AlarmView))]
[JsonSerializable(typeof(IReadOnlyList<AlarmView>))]
[JsonSerializable(typeof(DevicePage))]
[JsonSerializable(typeof(DeviceView))]
[JsonSerializable(typeof(DeviceRevoked))]
[JsonSerializable(typeof(DeviceLabelled))]
[JsonSerializable(typeof(BufferView))]
[JsonSerializable(typeof(HistoryPage))]
[JsonSerializable(typeof(SignedInOperator))]
[JsonSerializable(typeof(IReadOnlyList<OperatorView>))]
[JsonSerializable(typeof(AuditEntry))]
[JsonSerializable(typeof(IReadOnlyList<AuditEntry>))]
[JsonSerializable(typeof(string))]
internal sealed partial class ConsoleJsonContext : JsonSerializerContext;
