namespace EdgeGateway.Patrols.Cards;

/// <summary>A patrol card: its UID (hex, upper case), who carries it and in which team.</summary>
public sealed record PatrolCard(string Uid, string Member, string Team, bool Revoked, DateTimeOffset Enrolled);
