using System.Text;
using System.Text.Json;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Patrols.Engine;

namespace EdgeGateway.Patrols.Tests.Engine;

public sealed class PatrolEventsTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 20, 0, 0, TimeSpan.Zero);

    private static RoundState Round(int stops, Func<int, string> verdict) => new("north-night@20260301T200000Z", "north-night", "route-long", "north", true,
        Start, Start.AddHours(2), Enumerable.Range(0, stops).Select(i => new StopState(i, $"cp-{i:D4}", $"Checkpoint {i}", Start.AddMinutes(i),
            Start.AddMinutes(i + 1), Start.AddMinutes(i + 2), TimeSpan.Zero, verdict(i) == Verdicts.Missed ? null : Start.AddMinutes(i),
            verdict(i) == Verdicts.Missed ? null : "04A1B2C3", verdict(i))).ToList());

    [Fact]
    public void A_short_round_lists_every_checkpoint()
    {
        var data = JsonDocument.Parse(PatrolEvents.Completed(Round(5, _ => Verdicts.OnTime), ["Thabo M."], 0)).RootElement;
        Assert.Equal(5, data.GetProperty("stops").GetArrayLength());
        Assert.False(data.TryGetProperty("stops_not_listed", out _));
    }

    [Fact]
    public void A_long_round_keeps_the_envelope_within_1_KB_and_lists_what_was_not_on_time_first()
    {
        var walkers = Enumerable.Range(0, 10).Select(i => $"Member with a rather long name number {i}").ToList();
        var json = PatrolEvents.Completed(Round(60, i => i % 10 == 3 ? Verdicts.Missed : i % 10 == 7 ? Verdicts.Late : Verdicts.OnTime), walkers, 2);
        var data = JsonDocument.Parse(json).RootElement;
        Assert.True(Encoding.UTF8.GetByteCount(json) + 200 <= EventEnvelope.MaxBytes, $"data is {Encoding.UTF8.GetByteCount(json)} bytes");
        var listed = data.GetProperty("stops").EnumerateArray().Select(s => s.GetProperty("v").GetString()).ToList();
        Assert.NotEmpty(listed);
        Assert.DoesNotContain(Verdicts.OnTime, listed);
        Assert.Equal(60 - listed.Count, data.GetProperty("stops_not_listed").GetInt32());
        Assert.Equal(6, data.GetProperty("missed").GetInt32());
        Assert.Equal(4, data.GetProperty("walked_by").GetArrayLength());
    }
}
