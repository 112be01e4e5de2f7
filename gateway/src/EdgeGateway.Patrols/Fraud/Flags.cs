namespace EdgeGateway.Patrols.Fraud;

/// <summary>
/// Flags on a check-in and on the round report. None drops a check-in: it still goes upstream and into the report.
/// The first seven are anti-fraud; <see cref="OutOfOrder"/> and <see cref="AfterWindow"/> describe the walk.
/// </summary>
public static class Flags
{
    /// <summary>The card is not enrolled.</summary>
    public const string UnknownCard = "unknown_card";

    /// <summary>The card was revoked.</summary>
    public const string RevokedCard = "revoked_card";

    /// <summary>The card belongs to another team than the round walked at this checkpoint.</summary>
    public const string OtherTeam = "other_team";

    /// <summary>Two checkpoints of a round tapped faster than the walking time between them allows.</summary>
    public const string TooFast = "too_fast";

    /// <summary>The same card at two checkpoints at nearly the same time (a copied card).</summary>
    public const string TwoPlaces = "two_places";

    /// <summary>The beacon's clock was not synced (<c>sync:false</c>): the gateway's receive time was used.</summary>
    public const string UntrustedTime = "untrusted_time";

    /// <summary>Many different cards tapped at one beacon in a short time (a collected card stack).</summary>
    public const string CardStack = "card_stack";

    /// <summary>On an ordered route, an earlier checkpoint was still open.</summary>
    public const string OutOfOrder = "out_of_order";

    /// <summary>The checkpoint's window had closed (it was judged missed) when the tap came.</summary>
    public const string AfterWindow = "after_window";
}
