using System.Diagnostics;
using System.Net;
using System.Text.Json;
using EdgeGateway.TestInfra;
using Xunit.Abstractions;

namespace EdgeGateway.Console.Tests.Api;

/// <summary><c>GET /api/v1/devices</c> with 2,000 devices: pages, filters and sorts on the gateway; a bad parameter is 400 naming it.</summary>
public sealed class DeviceListApiTests : IClassFixture<DeviceListFixture>
{
    private readonly ConsoleSession _operator;
    private readonly ITestOutputHelper _output;

    public DeviceListApiTests(DeviceListFixture fixture, ITestOutputHelper output)
    {
        _operator = fixture.Operator;
        _output = output;
    }

    private async Task<JsonElement> PageAsync(string query)
    {
        var response = await _operator.Http.GetAsync(new Uri("/api/v1/devices" + query, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await ConsoleSession.JsonAsync(response);
    }

    private static List<string> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetString()!).ToList();

    [Fact]
    public async Task The_first_page_holds_100_of_2000_devices_and_offset_pages_through_them()
    {
        var first = await PageAsync("");
        Assert.Equal(DeviceListFixture.Count, first.GetProperty("total").GetInt32());
        Assert.Equal(DeviceListFixture.Count, first.GetProperty("matched").GetInt32());
        Assert.Equal(Enumerable.Range(0, 100).Select(ManyDevices.Id), Ids(first));

        var times = new List<double>();
        foreach (var query in new[] { "", "?q=flat%2012", "?sort=label&dir=desc", "?status=offline&offset=1900", "", "?q=site-3", "?sort=battery", "" })
        {
            var clock = Stopwatch.StartNew();
            await PageAsync(query);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        _output.WriteLine($"GET /api/v1/devices over 2,000 devices: median {times[times.Count / 2]:0.0} ms, slowest {times[^1]:0.0} ms");
        Assert.True(times[times.Count / 2] < 1000, $"a page of 2,000 devices took a median {times[times.Count / 2]:0} ms");

        var last = await PageAsync("?offset=1990&limit=50");
        Assert.Equal(Enumerable.Range(1990, 10).Select(ManyDevices.Id), Ids(last));
        Assert.Equal(1990, last.GetProperty("offset").GetInt32());
    }

    [Fact]
    public async Task A_filter_finds_one_device_among_2000_by_id_or_label_and_status_filters_the_revoked()
    {
        var one = await PageAsync("?q=pb-1234");
        Assert.Equal(1, one.GetProperty("matched").GetInt32());
        Assert.Equal([ManyDevices.Id(1234)], Ids(one));
        Assert.Equal([ManyDevices.Id(1234)], Ids(await PageAsync("?q=flat%201234")));
        Assert.Equal([ManyDevices.Id(1234)], Ids(await PageAsync("?q=site-2%20FLAT%201234")));
        Assert.Equal(0, (await PageAsync("?q=no-such-device")).GetProperty("matched").GetInt32());

        var revoked = await PageAsync("?status=revoked");
        Assert.Equal([ManyDevices.Id(7)], Ids(revoked));
        Assert.Equal("revoked", revoked.GetProperty("items")[0].GetProperty("status").GetString());
        Assert.Equal(DeviceListFixture.Count - 1, (await PageAsync("?status=offline")).GetProperty("matched").GetInt32());
        Assert.Equal(199, (await PageAsync("?q=checkpoint-beacon&limit=1")).GetProperty("matched").GetInt32());
    }

    [Fact]
    public async Task Sorting_by_any_column_in_either_direction_is_done_on_the_gateway()
    {
        Assert.Equal([ManyDevices.Id(1999), ManyDevices.Id(1998)], Ids(await PageAsync("?sort=id&dir=desc&limit=2")));
        var bySite = Ids(await PageAsync("?sort=site&limit=3"));
        Assert.Equal([ManyDevices.Id(0), ManyDevices.Id(7), ManyDevices.Id(14)], bySite);
        var byType = await PageAsync("?sort=type&limit=1");
        Assert.Equal("checkpoint-beacon", byType.GetProperty("items")[0].GetProperty("type").GetString());
        var byStatus = await PageAsync("?sort=status&dir=desc&limit=1");
        Assert.Equal("revoked", byStatus.GetProperty("items")[0].GetProperty("status").GetString());
        // Label "Flat 10" sorts before "Flat 2" (text order); devices without a value go last in both directions.
        Assert.Equal([ManyDevices.Id(0), ManyDevices.Id(1), ManyDevices.Id(10)], Ids(await PageAsync("?sort=label&limit=3")));
        Assert.Equal(DeviceListFixture.Count, (await PageAsync("?sort=battery&dir=desc")).GetProperty("matched").GetInt32());
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=501", "limit")]
    [InlineData("?offset=-1", "offset")]
    [InlineData("?offset=lots", "offset")]
    [InlineData("?sort=colour", "sort")]
    [InlineData("?dir=up", "dir")]
    [InlineData("?status=asleep", "status")]
    [InlineData("?page=2", "page")]
    public async Task A_bad_list_parameter_is_400_naming_it(string query, string field)
    {
        var response = await _operator.Http.GetAsync(new Uri("/api/v1/devices" + query, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await ConsoleSession.JsonAsync(response)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_filter_longer_than_120_characters_is_400_naming_q()
    {
        var response = await _operator.Http.GetAsync(new Uri("/api/v1/devices?q=" + new string('x', 121), UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("q", (await ConsoleSession.JsonAsync(response)).GetProperty("field").GetString());
    }
}
