using EdgeGateway.Core.Patrols;
using EdgeGateway.Patrols.Engine;
using EdgeGateway.Patrols.Fraud;
using EdgeGateway.Patrols.Reports;
using static EdgeGateway.Patrols.Tests.Engine.NightPlan;

namespace EdgeGateway.Patrols.Tests.Fraud;

public sealed class FraudFlagTests
{
    [Fact]
    public void An_unknown_card_is_flagged_and_does_not_walk_the_round()
    {
        using var f = Start();
        var r = f.Tap("DEADBEEF", "cp-1", Utc(20, 1));
        Assert.Equal([Flags.UnknownCard], r.Flags);
        Assert.Equal("north-night@20260301T200000Z", r.Round); // shown in the round's report
        Assert.Null(r.Verdict);
        var report = Report(f).Rounds[0];
        Assert.Null(report.Stops[0].Verdict);
        Assert.Equal("DEADBEEF", report.Flagged.Single().Card);
    }

    [Fact]
    public void A_revoked_card_is_flagged()
    {
        using var f = Start();
        Assert.True(f.Cards.Revoke(Thabo));
        var r = f.Tap(Thabo, "cp-1", Utc(20, 1));
        Assert.Equal([Flags.RevokedCard], r.Flags);
        Assert.Null(r.Verdict);
    }

    [Fact]
    public void A_card_of_another_team_is_flagged()
    {
        using var f = Start();
        var r = f.Tap(Sipho, "cp-1", Utc(20, 1)); // south's card on north's round
        Assert.Equal([Flags.OtherTeam], r.Flags);
        Assert.Null(r.Verdict);
        Assert.Equal("Sipho N.", Report(f).Rounds[0].Flagged.Single().Member);
    }

    [Fact]
    public void Two_checkpoints_faster_than_the_walking_time_are_flagged()
    {
        using var f = Start();
        f.Tap(Thabo, "cp-1", Utc(20, 1));
        var r = f.Tap(Thabo, "cp-2", Utc(20, 2, 30)); // cp-2 needs 2 min walking from cp-1
        Assert.Equal(Verdicts.OnTime, r.Verdict);
        Assert.Equal([Flags.TooFast], r.Flags);
        var fine = f.Tap(Lindiwe, "cp-3", Utc(20, 21));
        Assert.Empty(fine.Flags);
    }

    [Fact]
    public void The_same_card_at_two_beacons_at_nearly_the_same_time_is_flagged()
    {
        using var f = Start();
        f.Tap(Thabo, "cp-1", Utc(20, 1));
        var r = f.Tap(Thabo, "cp-3", Utc(20, 1, 15));
        Assert.Contains(Flags.TwoPlaces, r.Flags);
    }

    [Fact]
    public void A_tap_from_an_unsynced_clock_is_marked_untrusted()
    {
        using var f = Start();
        var r = f.Tap(Thabo, "cp-1", Utc(20, 1), synced: false);
        Assert.Equal([Flags.UntrustedTime], r.Flags);
        Assert.Equal(Verdicts.OnTime, r.Verdict); // still counts, on the gateway's receive time
    }

    [Fact]
    public void A_burst_of_many_cards_at_one_beacon_is_a_card_stack()
    {
        using var f = Start();
        f.Cards.Enrol("11111111", "A", "north", Evening);
        f.Cards.Enrol("22222222", "B", "north", Evening);
        Assert.Empty(f.Tap(Thabo, "cp-1", Utc(20, 0, 30)).Flags);
        Assert.Empty(f.Tap(Lindiwe, "cp-1", Utc(20, 0, 40)).Flags);
        Assert.Empty(f.Tap("11111111", "cp-1", Utc(20, 0, 50)).Flags);
        Assert.Equal([Flags.CardStack], f.Tap("22222222", "cp-1", Utc(20, 1)).Flags); // the fourth card within 60 s
        Assert.Equal([Flags.CardStack], Report(f).Rounds[0].Flagged.Single().Flags);
    }

    [Fact]
    public void A_resent_check_in_is_counted_once()
    {
        using var f = Start();
        var tap = new Checkin("cb-1:4:9", "cb-1", "cp-1", Thabo, Utc(20, 1), true);
        f.RunUntil(Utc(20, 1));
        Assert.Equal(Verdicts.OnTime, f.Engine.Record(tap, f.Clock.GetUtcNow()).Verdict);
        Assert.Same(CheckinResult.Repeat, f.Engine.Record(tap, f.Clock.GetUtcNow()));
    }

    [Fact]
    public void Taps_recorded_in_one_batch_are_judged_as_if_recorded_one_by_one()
    {
        using var f = Start();
        f.RunUntil(Utc(20, 1, 20));
        var first = new Checkin("cb-1:4:1", "cb-1", "cp-1", Thabo, Utc(20, 1), true);
        var results = f.Engine.RecordAll(
            [first, new Checkin("cb-3:4:1", "cb-3", "cp-3", Thabo, Utc(20, 1, 15), true), first], f.Clock.GetUtcNow());

        Assert.Equal(Verdicts.OnTime, results[0].Verdict);
        Assert.Contains(Flags.TwoPlaces, results[1].Flags); // it saw the first tap of its own batch
        Assert.Same(CheckinResult.Repeat, results[2]);
        Assert.Contains(Flags.TwoPlaces, Report(f).Rounds[0].Flagged.Single().Flags);
    }

    private static PatrolReport Report(PatrolFixture f) => new PatrolReports(f.Db).Build(Utc(19, 0), Utc(4, 0), null);
}
