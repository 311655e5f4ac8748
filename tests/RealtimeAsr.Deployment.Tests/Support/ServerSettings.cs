using System.Collections;
using System.Reflection;
using RealtimeAsr.Recognition.OpenAI;
using RealtimeAsr.Recognition.PocketSphinx;
using RealtimeAsr.Recognition.QwenRealtime;
using RealtimeAsr.Recognition.Whisper;
using RealtimeAsr.Server;
using RealtimeAsr.Sessions;

namespace RealtimeAsr.Deployment.Tests.Support;

/// <summary>
/// Whether configuration keys the deployment files set (<c>RealtimeAsr:Limits:MaxSessions</c>, from an environment
/// variable <c>RealtimeAsr__Limits__MaxSessions</c> or a JSON file) name settings the server really binds: a misspelt
/// key is silently ignored by ASP.NET Core's configuration binder, so a deployment file could drift from the options
/// classes without anything failing.
/// </summary>
public static class ServerSettings
{
    // The option types bound from each section (RealtimeAsrServiceCollectionExtensions.AddRealtimeAsr and its callees).
    private static readonly Dictionary<string, Type[]> s_sections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Session"] = [typeof(RealtimeSessionOptions)],
        ["Limits"] = [typeof(AdmissionOptions), typeof(SessionLimits)],
        [ClientSecretOptions.SectionName] = [typeof(ClientSecretOptions)],
        ["PocketSphinx"] = [typeof(PocketSphinxOptions)],
        ["Metrics"] = [typeof(MetricsEndpointOptions)],
        [PageOptions.SectionName] = [typeof(PageOptions)],
        [OpenAITranscriptionOptions.SectionName] = [typeof(OpenAITranscriptionOptions)],
    };

    // Settings every engine section has beside its type's own (EngineRegistry).
    private static readonly string[] s_engineCommon = ["Type", "Optional"];

    // Engine types whose settings are read from an options class.
    private static readonly Dictionary<string, (Type Options, string[] Extra)> s_engineOptions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pocketsphinx"] = (typeof(PocketSphinxOptions), []),
        ["whisper"] = (typeof(WhisperEngineOptions), ["Model"]),
        ["openai"] = (typeof(OpenAIEngineOptions), []),
        ["qwen-realtime"] = (typeof(QwenRealtimeEngineOptions), []),
    };

    /// <summary>
    /// The keys of <paramref name="settings"/> under <c>RealtimeAsr:</c> that name no server setting. Engine keys are
    /// judged by their engine's <c>Type</c>, looked up in <paramref name="settings"/> itself.
    /// </summary>
    public static IReadOnlyList<string> UnknownKeys(IReadOnlyDictionary<string, string?> settings)
    {
        var unknown = new List<string>();
        foreach (var key in settings.Keys)
        {
            var path = key.Split(':');
            if (!path[0].Equals(RealtimeAsrServerOptions.SectionName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!IsKnown(path[1..], settings))
            {
                unknown.Add(key);
            }
        }

        return unknown;
    }

    /// <summary>Flattens a JSON configuration file's tree into <c>a:b:c</c> keys, as the JSON configuration provider does.</summary>
    public static Dictionary<string, string?> Flatten(System.Text.Json.Nodes.JsonNode? node, string prefix = "")
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        switch (node)
        {
            case System.Text.Json.Nodes.JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    foreach (var kv in Flatten(child, prefix.Length == 0 ? name : $"{prefix}:{name}"))
                    {
                        result[kv.Key] = kv.Value;
                    }
                }

                break;
            case System.Text.Json.Nodes.JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var kv in Flatten(array[i], $"{prefix}:{i}"))
                    {
                        result[kv.Key] = kv.Value;
                    }
                }

                break;
            default:
                result[prefix] = node?.ToString();
                break;
        }

        return result;
    }

    private static bool IsKnown(string[] path, IReadOnlyDictionary<string, string?> settings)
    {
        if (path.Length == 0)
        {
            return false;
        }

        if (path[0].Equals(EngineRegistry.SectionName, StringComparison.OrdinalIgnoreCase))
        {
            return path.Length == 3 && IsEngineSetting(path[1], path[2], settings);
        }

        if (s_sections.TryGetValue(path[0], out var types))
        {
            var rest = path[1..];
            return types.Any(type => Binds(type, rest));
        }

        return Binds(typeof(RealtimeAsrServerOptions), path);
    }

    private static bool IsEngineSetting(string engine, string setting, IReadOnlyDictionary<string, string?> settings)
    {
        if (s_engineCommon.Contains(setting, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        var type = settings.FirstOrDefault(kv =>
            kv.Key.Equals($"{RealtimeAsrServerOptions.SectionName}:{EngineRegistry.SectionName}:{engine}:Type", StringComparison.OrdinalIgnoreCase)).Value;
        if (type is null)
        {
            return false;
        }

        return s_engineOptions.TryGetValue(type, out var options)
            && (options.Extra.Contains(setting, StringComparer.OrdinalIgnoreCase) || Binds(options.Options, [setting]));
    }

    // Whether the configuration binder would bind path (below type) to a property, as ConfigurationBinder walks it.
    private static bool Binds(Type type, ReadOnlySpan<string> path)
    {
        if (path.Length == 0)
        {
            return IsScalar(type);
        }

        if (IsScalar(type))
        {
            return false;
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            return Binds(valueType, path[1..]);
        }

        if (ListElementType(type) is { } elementType)
        {
            return int.TryParse(path[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _) && Binds(elementType, path[1..]);
        }

        var property = type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is not null && Binds(property.PropertyType, path[1..]);
    }

    private static bool IsScalar(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
            || type == typeof(Uri) || type == typeof(DateTimeOffset);
    }

    private static Type? DictionaryValueType(Type type) =>
        GenericInterface(type, typeof(IDictionary<,>)) is { } dictionary && dictionary.GetGenericArguments()[0] == typeof(string)
            ? dictionary.GetGenericArguments()[1]
            : null;

    private static Type? ListElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : typeof(IEnumerable).IsAssignableFrom(type) ? GenericInterface(type, typeof(IEnumerable<>))?.GetGenericArguments()[0]
        : null;

    private static Type? GenericInterface(Type type, Type generic) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == generic
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == generic);
}
