using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Patrols.Cards;

namespace EdgeGateway.Cli.Patrols;

/// <summary>
/// <c>card enrol</c>: by UID at once, or with <c>--at</c> by the next card tapped at that beacon. The CLI leaves a
/// pending enrolment in <c>patrols.db</c>; the running gateway's patrol module fills in the UID when it sees the tap.
/// </summary>
internal static class CardEnrol
{
    public static async Task<int> RunAsync(string dataDirectory, string? uid, string? beacon, string member, string team, TimeSpan wait,
        TextWriter output, CancellationToken ct)
    {
        if ((uid is null) == (beacon is null)) throw new CliException("give either --uid or --at (a beacon id)");
        if (string.IsNullOrWhiteSpace(member) || member.Length > 100) throw new CliException("--member must be 1-100 characters");
        if (!DeviceIds.IsValid(team)) throw new CliException($"--team '{team}' must be 1-64 characters of A-Z a-z 0-9 - _");
        var cards = new CardStore(PatrolCommands.Open(dataDirectory));
        if (uid is not null)
        {
            if (!CardUid.TryNormalize(uid, out var normalized)) throw new CliException($"--uid '{uid}' is not a card UID (8, 14 or 20 hex digits)");
            cards.Enrol(normalized, member, team, DateTimeOffset.UtcNow);
            await output.WriteLineAsync($"enrolled card {normalized} for {member} (team {team})").ConfigureAwait(false);
            return 0;
        }
        if (wait <= TimeSpan.Zero || wait > TimeSpan.FromMinutes(10)) throw new CliException("--wait must be 1..600 seconds");
        var device = Cli.Registry(dataDirectory).Find(beacon!) ?? throw new CliException($"no device '{beacon}' in the registry");
        if (device.Checkpoint is null) throw new CliException($"'{beacon}' has no checkpoint: it is not a checkpoint beacon");
        var expires = DateTimeOffset.UtcNow + wait;
        cards.RequestEnrolment(beacon!, member, team, expires);
        await output.WriteLineAsync($"tap the card on {beacon} ({device.Checkpoint}) within {wait.TotalSeconds:0} s…").ConfigureAwait(false);
        try
        {
            while (DateTimeOffset.UtcNow < expires + TimeSpan.FromSeconds(2))
            {
                if (cards.FindEnrolment(beacon!)?.Uid is { } tapped)
                {
                    await output.WriteLineAsync($"enrolled card {tapped} for {member} (team {team}), tapped at {beacon}").ConfigureAwait(false);
                    return 0;
                }
                await Task.Delay(200, ct).ConfigureAwait(false);
            }
            throw new CliException($"no card was tapped at {beacon} within {wait.TotalSeconds:0} s (is the gateway running and the beacon connected?)");
        }
        finally
        {
            cards.CancelEnrolment(beacon!);
        }
    }
}
