using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace MentorBot.Testing;

/// <summary>
/// The RSA keys behind the stand-in's Bot Framework and Entra key sets. Thread-safe; the Teams key can be rotated.
/// </summary>
internal sealed class SigningKeySet
{
    public const string TeamsKeyId = "teams-key";
    public const string OtherChannelKeyId = "other-channel-key";
    public const string NoEndorsementsKeyId = "no-endorsements-key";
    public const string UnpublishedKeyId = "unpublished-key";
    public const string EntraKeyId = "entra-key";

    // RSA key generation costs tens of milliseconds per key; the fixed keys are made once per test
    // run and shared by all stand-ins (only rotation makes new ones).
    private static readonly Lazy<RSA[]> FixedKeys = new(() => [RSA.Create(2048), RSA.Create(2048), RSA.Create(2048), RSA.Create(2048), RSA.Create(2048)]);

    private readonly Lock _gate = new();
    private readonly RsaSecurityKey _otherChannel;
    private readonly RsaSecurityKey _noEndorsements;
    private readonly RsaSecurityKey _unpublished;
    private readonly RsaSecurityKey _entra;
    private RsaSecurityKey _teams;
    private int _rotations;

    public SigningKeySet()
    {
        var keys = FixedKeys.Value;
        _teams = new RsaSecurityKey(keys[0]) { KeyId = TeamsKeyId };
        _otherChannel = new RsaSecurityKey(keys[1]) { KeyId = OtherChannelKeyId };
        _noEndorsements = new RsaSecurityKey(keys[2]) { KeyId = NoEndorsementsKeyId };
        _unpublished = new RsaSecurityKey(keys[3]) { KeyId = UnpublishedKeyId };
        _entra = new RsaSecurityKey(keys[4]) { KeyId = EntraKeyId };
    }

    public string CurrentTeamsKeyId
    {
        get
        {
            lock (_gate)
            {
                return _teams.KeyId;
            }
        }
    }

    public RsaSecurityKey For(ChannelKey key) => key switch
    {
        ChannelKey.Teams => CurrentTeams(),
        ChannelKey.OtherChannel => _otherChannel,
        ChannelKey.NoEndorsements => _noEndorsements,
        ChannelKey.Unpublished => _unpublished,
        ChannelKey.Entra => _entra,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Unknown key."),
    };

    /// <summary>Replaces the Teams key with a new one under a new kid (teams-key-2, teams-key-3, ...).</summary>
    public string RotateTeamsKey()
    {
        lock (_gate)
        {
            _rotations++;
            _teams = new RsaSecurityKey(RSA.Create(2048)) { KeyId = $"{TeamsKeyId}-{_rotations + 1}" };
            return _teams.KeyId;
        }
    }

    /// <summary>The Bot Framework JWKS: each key with its channel endorsements, as login.botframework.com publishes them.</summary>
    public JsonObject BotFrameworkJwks() => new()
    {
        ["keys"] = new JsonArray(
            Jwk(CurrentTeams(), ["msteams"]),
            Jwk(_otherChannel, ["webchat"]),
            Jwk(_noEndorsements, endorsements: null)),
    };

    public JsonObject EntraJwks() => new() { ["keys"] = new JsonArray(Jwk(_entra, endorsements: null)) };

    private RsaSecurityKey CurrentTeams()
    {
        lock (_gate)
        {
            return _teams;
        }
    }

    private static JsonObject Jwk(RsaSecurityKey key, string[]? endorsements)
    {
        var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (endorsements is not null)
        {
            jwk["endorsements"] = new JsonArray(endorsements.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray());
        }

        return jwk;
    }
}
