using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace EdgeGateway.Service.Hosting.Settings;

/// <summary>
/// <c>edgegw-gateway --help</c>: every setting of <see cref="SettingsSections"/>, with its default (read from a fresh
/// options object) and its meaning (the property's XML doc comment, from the documentation file beside its assembly).
/// </summary>
public static partial class SettingsHelp
{
    public static string Text()
    {
        var text = new StringBuilder();
        text.AppendLine("edgegw-gateway: the community-security edge gateway (embedded MQTT broker, durable buffer, uplink).");
        text.AppendLine();
        text.AppendLine("usage: edgegw-gateway [--Section:Setting=value ...]   (also EDGEGW_Section__Setting=value, or appsettings.json)");
        text.AppendLine("       edgegw-gateway --help | -h       this list");
        text.AppendLine("       edgegw-gateway --version         the version");
        text.AppendLine();
        text.AppendLine("An unknown setting in these sections stops the gateway naming the nearest known one. Relative paths resolve");
        text.AppendLine("against Gateway:DataDirectory (itself relative to the working directory). Durations are [d.]hh:mm:ss[.fff].");
        var docs = new Dictionary<Assembly, Dictionary<string, string>>();
        foreach (var group in SettingsSections.All.GroupBy(s => s.Section))
        {
            text.AppendLine();
            text.AppendLine(group.Key);
            foreach (var (section, type) in group)
            {
                foreach (var (path, property, value) in SettingsTree.Leaves(type))
                {
                    var doc = DocOf(property, docs);
                    text.Append(CultureInfo.InvariantCulture, $"  --{section}:{path}={Format(value)}");
                    text.AppendLine(doc.Length == 0 ? "" : "\n      " + doc);
                }
            }
        }
        return text.ToString();
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        string s => s,
        System.Collections.IEnumerable => "",
        _ => value.ToString() ?? "",
    };

    private static string DocOf(PropertyInfo property, Dictionary<Assembly, Dictionary<string, string>> cache)
    {
        var assembly = property.DeclaringType!.Assembly;
        if (!cache.TryGetValue(assembly, out var members)) cache[assembly] = members = Load(assembly);
        return members.TryGetValue($"P:{property.DeclaringType.FullName}.{property.Name}", out var doc) ? doc : "";
    }

    private static Dictionary<string, string> Load(Assembly assembly)
    {
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        var file = Path.Combine(AppContext.BaseDirectory, assembly.GetName().Name + ".xml");
        if (!File.Exists(file)) return members;
        foreach (var member in XDocument.Load(file).Descendants("member"))
        {
            var name = (string?)member.Attribute("name");
            var summary = member.Element("summary");
            if (name is null || summary is null) continue;
            members[name] = Flatten(summary);
        }
        return members;
    }

    /// <summary>The summary as one line: <c>see cref</c> becomes the member's short name, other tags their text.</summary>
    private static string Flatten(XElement summary)
    {
        var text = new StringBuilder();
        foreach (var node in summary.DescendantNodes())
        {
            if (node is XText t && node.Parent is not null) text.Append(t.Value);
            else if (node is XElement { Name.LocalName: "see" } see)
            {
                var cref = (string?)see.Attribute("cref") ?? (string?)see.Attribute("langword") ?? "";
                text.Append(cref[(cref.LastIndexOf('.') + 1)..]);
            }
        }
        return Spaces().Replace(text.ToString(), " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
