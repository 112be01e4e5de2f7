using System.Text.Json;
using EdgeGateway.CloudBridge.FileSink;
using EdgeGateway.TestInfra;

namespace EdgeGateway.CloudBridge.Tests.FileSink;

public sealed class FileSinkUplinkTests
{
    [Fact]
    public async Task Each_event_becomes_one_json_line_with_its_id_and_envelope()
    {
        using var dir = new TempDir();
        var path = dir.File("sub/uplink.jsonl");
        await using (var sink = new FileSinkUplink(new FileSinkOptions { Path = path }, "gw-1"))
        {
            await sink.SendAsync([Messages.Panic("pb-1", 1), Messages.Panic("pb-1", 2)], CancellationToken.None);
            await sink.SendAsync([Messages.Panic("pb-2", 1)], CancellationToken.None);
        }
        var lines = await File.ReadAllLinesAsync(path);
        Assert.Equal(3, lines.Length);
        var docs = lines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(["pb-1:1:1", "pb-1:1:2", "pb-2:1:1"], docs.Select(d => d.GetProperty("id").GetString()));
        Assert.All(docs, d => Assert.Equal("gw-1", d.GetProperty("gw").GetString()));
        Assert.Equal(2, docs[1].GetProperty("evt").GetProperty("seq").GetInt64());
        Assert.Equal("P0", docs[0].GetProperty("prio").GetString());
    }

    [Fact]
    public async Task A_sink_that_cannot_write_fails_the_send()
    {
        using var dir = new TempDir();
        await File.WriteAllTextAsync(dir.File("blocker"), "a file where a directory should be");
        await using var sink = new FileSinkUplink(new FileSinkOptions { Path = dir.File("blocker/uplink.jsonl") }, "gw-1");
        await Assert.ThrowsAnyAsync<IOException>(() => sink.SendAsync([Messages.Panic("pb-1", 1)], CancellationToken.None));
    }
}
