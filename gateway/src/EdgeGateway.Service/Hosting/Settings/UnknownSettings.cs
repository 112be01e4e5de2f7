using Microsoft.Extensions.Configuration;

namespace EdgeGateway.Service.Hosting.Settings;

/// <summary>
/// Finds keys in the gateway's own sections that no options type binds (a typo such as <c>Broker:Prot</c> would
/// otherwise be ignored silently), and top-level section names one or two letters off a known one
/// (<c>Brokr:Port</c>). Each problem names the key and the nearest known one.
/// </summary>
internal static class UnknownSettings
{
    public static IEnumerable<string> Find(IConfiguration configuration, IReadOnlyList<(string Section, Type Type)> sections)
    {
        var names = sections.Select(s => s.Section).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var problems = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var top in configuration.GetChildren())
        {
            if (names.Contains(top.Key, StringComparer.OrdinalIgnoreCase)) continue;
            var near = NearestName.Of(top.Key, names, top.Key.Length >= 6 ? 2 : 1);
            if (near is not null) problems.Add($"unknown section '{top.Key}' (did you mean '{near}'?)");
        }
        foreach (var name in names)
        {
            var types = sections.Where(s => string.Equals(s.Section, name, StringComparison.OrdinalIgnoreCase)).Select(s => s.Type).ToList();
            foreach (var (key, _) in configuration.GetSection(name).AsEnumerable(makePathsRelative: true))
            {
                var problem = Check(name, key.Split(':'), types);
                if (problem is not null) problems.Add(problem);
            }
        }
        return problems;
    }

    private static string? Check(string section, string[] segments, List<Type> types)
    {
        var path = section;
        for (var i = 0; i < segments.Length; i++)
        {
            var properties = types.SelectMany(SettingsTree.Properties).ToList();
            var match = properties.FirstOrDefault(p => string.Equals(p.Name, segments[i], StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                var near = NearestName.Of(segments[i], properties.Select(p => p.Name));
                var hint = near is null ? "" : $" (did you mean '{path}:{near}'?)";
                return $"unknown setting '{path}:{segments[i]}'{hint}";
            }
            path += ":" + match.Name;
            if (SettingsTree.IsCollection(match.PropertyType) || !SettingsTree.IsNested(match.PropertyType)) return null;
            types = [match.PropertyType];
        }
        return null;
    }
}
