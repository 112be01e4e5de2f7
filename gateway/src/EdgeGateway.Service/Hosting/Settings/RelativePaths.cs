namespace EdgeGateway.Service.Hosting.Settings;

/// <summary>
/// Makes every relative file setting (a string property whose name ends in <c>Path</c>, in any options object)
/// absolute against <c>Gateway:DataDirectory</c>, so the gateway finds its files whatever directory it was started
/// from. The data directory itself is relative to the working directory.
/// </summary>
internal static class RelativePaths
{
    public static void Resolve(object options, string dataDirectory)
    {
        var root = Path.GetFullPath(dataDirectory);
        foreach (var property in SettingsTree.Properties(options.GetType()))
        {
            if (SettingsTree.IsNested(property.PropertyType))
            {
                if (property.GetValue(options) is { } nested) Resolve(nested, dataDirectory);
            }
            else if (property.PropertyType == typeof(string) && property.Name.EndsWith("Path", StringComparison.Ordinal) && property.SetMethod is { IsPublic: true }
                && property.GetValue(options) is string { Length: > 0 } path && !Path.IsPathRooted(path))
            {
                property.SetValue(options, Path.GetFullPath(Path.Combine(root, path)));
            }
        }
    }
}
