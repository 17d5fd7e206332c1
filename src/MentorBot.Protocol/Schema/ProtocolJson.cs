using System.Text.Json;
using System.Text.Json.Serialization;

namespace MentorBot.Protocol.Schema;

/// <summary>The one set of JSON options for the wire: camelCase, tolerant of unknown fields, no nulls written.</summary>
public static class ProtocolJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // The activity spec (A2005) says receivers must accept fields they do not understand.
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
