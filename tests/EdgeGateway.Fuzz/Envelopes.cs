using System.Text;

namespace EdgeGateway.Fuzz;

/// <summary>Event envelopes for <c>pb-fuzz</c>, valid ones mutated: odd values in any field, cut, doubled keys, deep nesting, stray bytes.</summary>
internal static class Envelopes
{
    private static readonly string[] Types = ["panic", "cancel", "heartbeat", "checkin", "tamper", "battery_low", "cmd_result", "toaster", ""];

    private static readonly string[] OddValues =
    [
        "-1", "0", "1e308", "18446744073709551616", "-9223372036854775809", "\"\"", "null", "true", "[]", "{}", "\"\\u0000\"",
        "\"" + new string('x', 900) + "\"", new string('[', 200) + new string(']', 200), "1.5", "\"\\ud800\"", "NaN",
    ];

    private static readonly string[] Fields = ["v", "dev", "boot", "seq", "type", "ts", "data"];

    public static byte[] Mutated(Random r)
    {
        var fields = new List<(string Key, string Value)>
        {
            ("v", "1"), ("dev", "\"pb-fuzz\""), ("boot", r.Next(1, 5).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("seq", r.Next(0, 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture)), ("type", "\"" + Types[r.Next(Types.Length)] + "\""),
            ("ts", "1763900000123"), ("data", r.Next(2) == 0 ? "{}" : "{\"v\":3.3,\"card\":\"04A1B2C3\",\"cp\":\"cp-1\"}"),
        };
        for (var i = r.Next(0, 3); i > 0; i--)
        {
            switch (r.Next(4))
            {
                case 0: fields[r.Next(fields.Count)] = (Fields[r.Next(Fields.Length)], OddValues[r.Next(OddValues.Length)]); break;
                case 1: fields.RemoveAt(r.Next(fields.Count)); break;
                case 2: fields.Add(fields[r.Next(fields.Count)]); break;
                default: fields.Insert(r.Next(fields.Count), ("x" + r.Next(10), OddValues[r.Next(OddValues.Length)])); break;
            }
        }
        var json = "{" + string.Join(",", fields.Select(f => "\"" + f.Key + "\":" + f.Value)) + "}";
        var bytes = Encoding.UTF8.GetBytes(json);
        if (r.Next(5) == 0 && bytes.Length > 1) bytes = bytes[..r.Next(1, bytes.Length)];
        if (r.Next(5) == 0 && bytes.Length > 0) bytes[r.Next(bytes.Length)] = (byte)r.Next(256);
        return bytes;
    }
}
