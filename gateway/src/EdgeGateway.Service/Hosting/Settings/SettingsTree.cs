using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace EdgeGateway.Service.Hosting.Settings;

/// <summary>The settings an options type binds, as the configuration binder sees them: public properties, nested option classes walked into.</summary>
/// <remarks>
/// Reflection over the options types: the NativeAOT build keeps the gateway's assemblies whole (TrimmerRootAssembly in
/// EdgeGateway.Service.csproj), so every property and constructor read here is there; the warnings are suppressed for that reason.
/// </remarks>
internal static class SettingsTree
{
    private const string Rooted = "The options types live in assemblies the NativeAOT build roots whole (TrimmerRootAssembly); the JIT builds trim nothing.";

    /// <summary>Properties the binder can fill (settable, or a get-only nested options object).</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = Rooted)]
    public static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true } && (p.SetMethod is { IsPublic: true } || IsNested(p.PropertyType)));

    /// <summary>A nested options object (walked into), as opposed to a value or a collection (a leaf).</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = Rooted)]
    public static bool IsNested(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type) && type.GetConstructor(Type.EmptyTypes) is not null;

    /// <summary>A value whose keys below are the binder's business (lists, dictionaries): any child key is accepted.</summary>
    public static bool IsCollection(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    /// <summary>Every leaf setting of <paramref name="type"/>: its path below the section, the property, and its default.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = Rooted)]
    public static IEnumerable<(string Path, PropertyInfo Property, object? Default)> Leaves(Type type, object? instance = null, string prefix = "")
    {
        instance ??= Activator.CreateInstance(type);
        foreach (var p in Properties(type))
        {
            var value = instance is null ? null : p.GetValue(instance);
            if (IsNested(p.PropertyType))
            {
                foreach (var leaf in Leaves(p.PropertyType, value, prefix + p.Name + ":")) yield return leaf;
            }
            else
            {
                yield return (prefix + p.Name, p, value);
            }
        }
    }
}
