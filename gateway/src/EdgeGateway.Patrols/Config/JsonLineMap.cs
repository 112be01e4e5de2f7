using System.Text;
using System.Text.Json;

namespace EdgeGateway.Patrols.Config;

/// <summary>
/// The line (1-based) of every object, array and property in a JSON text, by its path as System.Text.Json writes
/// it (<c>$.routes[0].stops[1].tolerance</c>), so checks made after parsing can still name the line.
/// </summary>
internal sealed class JsonLineMap
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    public int LineOf(string path)
    {
        // A value that is absent has no line of its own: name the line of the nearest enclosing object.
        for (var p = path; p.Length > 0; p = Parent(p))
            if (_lines.TryGetValue(p, out var line)) return line;
        return 1;
    }

    public static JsonLineMap Build(byte[] utf8, JsonReaderOptions options)
    {
        var map = new JsonLineMap();
        var reader = new Utf8JsonReader(utf8, options);
        var stack = new Stack<(string Path, int Index)>();
        string? property = null;
        var lineStarts = LineStarts(utf8);
        while (reader.Read())
        {
            var line = LineAt(lineStarts, reader.TokenStartIndex);
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = reader.GetString();
                    map._lines.TryAdd(stack.Peek().Path + "." + property, line);
                    continue;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    var path = ChildPath(stack, property);
                    map._lines.TryAdd(path, line);
                    stack.Push((path, 0));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    stack.Pop();
                    break;
                default:
                    ChildPath(stack, property);
                    break;
            }
            property = null;
        }
        return map;
    }

    /// <summary>The path of the value being read; inside an array it takes the next index.</summary>
    private static string ChildPath(Stack<(string Path, int Index)> stack, string? property)
    {
        if (stack.Count == 0) return "$";
        var (parent, index) = stack.Peek();
        if (property is not null) return parent + "." + property;
        stack.Pop();
        stack.Push((parent, index + 1));
        return new StringBuilder(parent).Append('[').Append(index).Append(']').ToString();
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }

    private static List<long> LineStarts(byte[] utf8)
    {
        var starts = new List<long> { 0 };
        for (var i = 0; i < utf8.Length; i++)
            if (utf8[i] == (byte)'\n') starts.Add(i + 1);
        return starts;
    }

    private static int LineAt(List<long> starts, long offset)
    {
        var i = starts.BinarySearch(offset);
        return (i >= 0 ? i : ~i - 1) + 1;
    }
}
