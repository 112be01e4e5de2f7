using EdgeGateway.Patrols.Fraud;
using static EdgeGateway.Patrols.Tests.Engine.NightPlan;

namespace EdgeGateway.Patrols.Tests.Cards;

public sealed class CardStoreTests
{
    [Fact]
    public void The_next_card_tapped_at_the_beacon_is_enrolled_and_walks_at_once()
    {
        using var f = Start();
        f.Cards.RequestEnrolment("cb-cp-1", "Zanele D.", "north", Utc(20, 2));
        var r = f.Tap("0A0B0C0D", "cp-1", Utc(20, 1));
        Assert.Equal("Zanele D.", r.Enrolled?.Member);
        Assert.Empty(r.Flags); // not unknown: enrolled by this very tap
        Assert.Equal("0A0B0C0D", f.Cards.FindEnrolment("cb-cp-1")!.Uid);
        var card = f.Cards.Find("0A0B0C0D")!;
        Assert.Equal(("Zanele D.", "north", false), (card.Member, card.Team, card.Revoked));

        // Only the next card: a second one tapped there is not enrolled.
        Assert.Equal([Flags.UnknownCard], f.Tap("0E0E0E0E", "cp-1", Utc(20, 1, 30)).Flags);
    }

    [Fact]
    public void An_expired_enrolment_takes_no_card()
    {
        using var f = Start();
        f.Cards.RequestEnrolment("cb-cp-1", "Zanele D.", "north", Utc(20, 0));
        var r = f.Tap("0A0B0C0D", "cp-1", Utc(20, 1));
        Assert.Null(r.Enrolled);
        Assert.Equal([Flags.UnknownCard], r.Flags);
        Assert.Null(f.Cards.Find("0A0B0C0D"));
    }

    [Fact]
    public void Cards_are_listed_by_team_and_revoked_ones_say_so()
    {
        using var f = Start();
        Assert.True(f.Cards.Revoke(Lindiwe));
        Assert.False(f.Cards.Revoke("FFFFFFFF"));
        var list = f.Cards.List();
        Assert.Equal(["Lindiwe K.", "Thabo M.", "Sipho N."], list.Select(c => c.Member));
        Assert.True(list[0].Revoked);
        f.Cards.Enrol(Lindiwe, "Lindiwe K.", "north", Evening); // enrolling again re-activates
        Assert.False(f.Cards.Find(Lindiwe)!.Revoked);
    }
}
