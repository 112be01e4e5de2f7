namespace EdgeGateway.Patrols.Cards;

/// <summary>"The next card tapped at <see cref="Beacon"/> before <see cref="Expires"/> belongs to this member"; <see cref="Uid"/> once tapped.</summary>
public sealed record PendingEnrolment(string Beacon, string Member, string Team, DateTimeOffset Expires, string? Uid);
