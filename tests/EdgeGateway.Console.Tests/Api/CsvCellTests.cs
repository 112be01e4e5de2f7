using EdgeGateway.Console.Api;
using EdgeGateway.Contracts;
using EdgeGateway.Core.History;

namespace EdgeGateway.Console.Tests.Api;

/// <summary>CSV cells as RFC 4180 wants them, and never a formula a spreadsheet would run.</summary>
public sealed class CsvCellTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("Flat 12, 2nd floor", "\"Flat 12, 2nd floor\"")]
    [InlineData("say \"help\"", "\"say \"\"help\"\"\"")]
    [InlineData("line one\nline two", "\"line one\nline two\"")]
    [InlineData("cr\rhere", "\"cr\rhere\"")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tTAB", "'\tTAB")]
    [InlineData("a=b", "a=b")]
    public void A_cell_is_quoted_when_needed_and_a_formula_is_defused(string text, string expected) =>
        Assert.Equal(expected, CsvCell.Of(text));

    [Fact]
    public void A_row_keeps_one_line_per_event_and_its_data_in_one_cell()
    {
        var entry = new JournalEntry(7, "pb-1:1:2", "pb-1", "tamper", PriorityClass.P1, 1765029117000, 1765029116000, false, "stored",
            "{\"note\":\"=cmd,\\\"x\\\"\"}");
        var row = HistoryEndpoints.Row(entry);
        Assert.Equal("7,2025-12-06T13:51:57.000Z,pb-1,tamper,P1,pb-1:1:2,2025-12-06T13:51:56.000Z,false,stored,\"{\"\"note\"\":\"\"=cmd,\\\"\"x\\\"\"\"\"}\"", row);
    }
}
