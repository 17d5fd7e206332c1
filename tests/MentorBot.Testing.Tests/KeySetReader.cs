using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace MentorBot.Testing.Tests;

/// <summary>Fetches signing keys the way a bot does: metadata document, then its jwks_uri.</summary>
internal static class KeySetReader
{
    public static async Task<(JsonObject Metadata, string JwksJson)> FetchAsync(HttpClient http, string metadataUrl)
    {
        var metadata = JsonNode.Parse(await http.GetStringAsync(new Uri(metadataUrl)))!.AsObject();
        var jwksJson = await http.GetStringAsync(new Uri(metadata["jwks_uri"]!.GetValue<string>()));
        return (metadata, jwksJson);
    }

    public static async Task<IList<SecurityKey>> SigningKeysAsync(HttpClient http, string metadataUrl)
    {
        var (_, jwksJson) = await FetchAsync(http, metadataUrl);
        return new JsonWebKeySet(jwksJson).GetSigningKeys();
    }
}
