using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MentorBot.Protocol.Tests.Authentication;

/// <summary>
/// Keys and metadata of a token issuer, served from memory through an HttpMessageHandler, so the validator's
/// real fetching and caching code runs without a network. Counts metadata reads to show caching and refresh.
/// </summary>
internal sealed class TestIssuer : HttpMessageHandler
{
    public const string MetadataUrl = "https://login.test/v1/.well-known/openidconfiguration";
    public const string KeysUrl = "https://login.test/v1/.well-known/keys";
    public const string EntraTemplate = "https://entra.test/{tenantId}/v2.0/.well-known/openid-configuration";

    private readonly Dictionary<string, (RsaSecurityKey Key, string[]? Endorsements, bool Published)> _keys = new();

    public TestIssuer()
    {
        AddKey("teams", ["msteams"]);
        AddKey("webchat-only", ["webchat"]);
        AddKey("no-endorsements", null);
        AddKey("unpublished", ["msteams"], published: false);
        AddKey("entra", null);
    }

    public int MetadataReads { get; private set; }

    public void AddKey(string kid, string[]? endorsements, bool published = true)
    {
        var rsa = RSA.Create(2048);
        _keys[kid] = (new RsaSecurityKey(rsa) { KeyId = kid }, endorsements, published);
    }

    public void Publish(string kid) => _keys[kid] = _keys[kid] with { Published = true };

    public string Sign(string kid, IDictionary<string, object> claims, DateTime? issuedAt = null, TimeSpan? lifetime = null, string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var now = issuedAt ?? DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(1)),
            SigningCredentials = new SigningCredentials(_keys[kid].Key, algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!.ToString();
        string body;
        if (url == MetadataUrl)
        {
            MetadataReads++;
            body = new JsonObject { ["issuer"] = "https://api.botframework.com", ["jwks_uri"] = KeysUrl }.ToJsonString();
        }
        else if (url == KeysUrl)
        {
            body = Jwks(k => k != "entra");
        }
        else if (url.StartsWith("https://entra.test/", StringComparison.Ordinal) && url.EndsWith("openid-configuration", StringComparison.Ordinal))
        {
            body = new JsonObject { ["issuer"] = "entra", ["jwks_uri"] = "https://entra.test/keys" }.ToJsonString();
        }
        else if (url == "https://entra.test/keys")
        {
            body = Jwks(k => k == "entra");
        }
        else
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
        }

        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }

    private string Jwks(Func<string, bool> include)
    {
        var keys = new JsonArray();
        foreach (var (kid, (key, endorsements, published)) in _keys)
        {
            if (!published || !include(kid))
            {
                continue;
            }

            var parameters = key.Rsa.ExportParameters(false);
            var jwk = new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = kid,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            };
            if (endorsements is not null)
            {
                jwk["endorsements"] = new JsonArray(endorsements.Select(e => (JsonNode)JsonValue.Create(e)!).ToArray());
            }

            keys.Add(jwk);
        }

        return new JsonObject { ["keys"] = keys }.ToJsonString();
    }
}
