using EdgeGateway.Patrols.Cards;
using EdgeGateway.Patrols.Engine;
using EdgeGateway.Patrols.Storage;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.Patrols.Fraud;

/// <summary>The flags a check-in earns by itself, before it is matched to a round: the card, the clock, copies, stacks.</summary>
internal static class FraudCheck
{
    public static List<string> Run(SqliteConnection c, SqliteTransaction tx, Checkin tap, PatrolCard? card, PatrolOptions options)
    {
        var flags = new List<string>();
        if (card is null) flags.Add(Flags.UnknownCard);
        else if (card.Revoked) flags.Add(Flags.RevokedCard);
        if (!tap.Synced) flags.Add(Flags.UntrustedTime);
        if (CheckinStore.PreviousElsewhere(c, tx, tap, options.SameCardWindow) is not null) flags.Add(Flags.TwoPlaces);
        if (CheckinStore.OtherCardsAt(c, tx, tap, options.StackWindow) + 1 >= options.StackCards) flags.Add(Flags.CardStack);
        return flags;
    }

    /// <summary>
    /// Whether this tap came too soon after the card's previous tap in the round: less than the stop's walking time
    /// after a tap at another checkpoint.
    /// </summary>
    public static bool TooFast(RoundState round, StopState stop, Checkin tap)
    {
        var previous = round.Stops.Where(s => s.Card == tap.Uid && s.Tapped is { } t && t <= tap.At && s.Index != stop.Index)
            .OrderByDescending(s => s.Tapped).FirstOrDefault();
        return previous is not null && tap.At - previous.Tapped!.Value < stop.Walk;
    }
}
