using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Tests.Fakes;

/// <summary>Flash as a dictionary that outlives the machine under test, so a new machine on it is a reboot.</summary>
internal sealed class FakeFlash : IFlashStore
{
    public Dictionary<string, byte[]> Records { get; } = [];

    public int Writes { get; private set; }

    public byte[]? Read(string key) => Records.TryGetValue(key, out var v) ? (byte[])v.Clone() : null;

    public void Write(string key, byte[] value)
    {
        Writes++;
        Records[key] = (byte[])value.Clone();
    }

    public void Delete(string key) => Records.Remove(key);
}
