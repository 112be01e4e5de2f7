using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Tests.Fakes;

/// <summary>A card on the reader: returns its UID on every poll while <see cref="Card"/> is set, like a card resting on an MFRC522.</summary>
internal sealed class FakeCardReader : ICardReader
{
    public byte[]? Card { get; set; }

    public byte[]? TryReadUid() => Card;
}
