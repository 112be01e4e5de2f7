using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Tests.Fakes;

internal sealed class FakeBuzzer : IBuzzer
{
    public List<BuzzerPattern> Played { get; } = [];

    public void Play(BuzzerPattern pattern) => Played.Add(pattern);
}
