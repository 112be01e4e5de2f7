using EdgeGateway.Firmware.Devices.Mfrc522;

namespace EdgeGateway.Firmware.Tests.Drivers;

/// <summary>The MFRC522 driver (firmware/devices/Drivers/Mfrc522, the same source the beacon runs) on a simulated chip.</summary>
public sealed class Mfrc522Tests : IDisposable
{
    private readonly SimulatedMfrc522 _chip = new();
    private readonly Mfrc522 _driver;

    public Mfrc522Tests()
    {
        _driver = new Mfrc522(_chip, null!);
        _driver.Initialize();
    }

    public void Dispose() => _driver.Dispose(); // the driver owns its SPI device, the simulated chip

    [Fact]
    public void Initialize_soft_resets_and_the_version_register_reads_back()
    {
        Assert.Equal(0x92, _driver.Version);
    }

    [Fact]
    public void A_four_byte_card_is_read_with_reqa_anticollision_select_and_then_halted()
    {
        _chip.Card = new SimulatedCard([0x04, 0xA1, 0xB2, 0xC3]);

        Assert.Equal([0x04, 0xA1, 0xB2, 0xC3], _driver.ReadUid());

        Assert.Equal([0x26], _chip.Frames[0]);
        Assert.Equal([0x93, 0x20], _chip.Frames[1]);
        Assert.Equal(0x70, _chip.Frames[2][1]);
        Assert.Equal(0x50, _chip.Frames[3][0]);
        Assert.Equal("halt", _chip.Card.State);
    }

    [Fact]
    public void A_seven_byte_card_is_read_through_the_second_cascade_level()
    {
        _chip.Card = new SimulatedCard([0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66]);

        Assert.Equal([0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66], _driver.ReadUid());
        Assert.Contains(_chip.Frames, f => f is [0x95, 0x20]);
    }

    [Fact]
    public void A_halted_card_does_not_answer_again_until_it_leaves_the_field()
    {
        _chip.Card = new SimulatedCard([0x04, 0xA1, 0xB2, 0xC3]);
        Assert.NotNull(_driver.ReadUid());

        Assert.Null(_driver.ReadUid());

        _chip.Card.State = "idle"; // taken away and tapped again
        Assert.NotNull(_driver.ReadUid());
    }

    [Fact]
    public void A_sak_with_a_bad_crc_is_no_read_and_the_next_try_succeeds()
    {
        _chip.Card = new SimulatedCard([0x04, 0xA1, 0xB2, 0xC3]);
        _chip.CorruptNextSakCrc = true;

        Assert.Null(_driver.ReadUid());

        _chip.Card.State = "idle";
        Assert.Equal([0x04, 0xA1, 0xB2, 0xC3], _driver.ReadUid());
    }

    [Fact]
    public void A_card_removed_mid_read_gives_no_uid()
    {
        _chip.Card = new SimulatedCard([0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66]);
        _chip.RemoveCardAfter = 0x93; // gone after the first cascade level

        Assert.Null(_driver.ReadUid());
    }

    [Fact]
    public void No_card_in_the_field_gives_no_uid()
    {
        Assert.Null(_driver.ReadUid());
        Assert.Empty(_chip.Frames);
    }
}
