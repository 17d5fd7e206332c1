using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MentorBot.Testing.Tests;

public sealed class ChannelTokenTests : IAsyncLifetime
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private readonly HttpClient _http = SharedHttp.Client;
    private TeamsChannelStandIn _channel = null!;

    public async Task InitializeAsync() => _channel = await TeamsChannelStandIn.StartAsync();

    public async Task DisposeAsync()
    {
        await _channel.DisposeAsync();
    }

    [Fact]
    public async Task Metadata_points_at_the_stand_in_key_set_and_advertises_RS256()
    {
        var (metadata, _) = await KeySetReader.FetchAsync(_http, _channel.MetadataUrl);

        Assert.Equal("https://api.botframework.com", metadata["issuer"]!.GetValue<string>());
        Assert.Equal(_channel.BaseUrl + "/v1/.well-known/keys", metadata["jwks_uri"]!.GetValue<string>());
        Assert.Equal("RS256", metadata["id_token_signing_alg_values_supported"]![0]!.GetValue<string>());
        Assert.Equal(1, _channel.KeySetRequestCount);
    }

    [Fact]
    public async Task A_default_token_validates_against_the_published_keys_and_carries_the_service_url()
    {
        var token = _channel.CreateToken(new ChannelTokenOptions { Audience = AppId });

        var result = await ValidateAsync(token, await KeySetReader.SigningKeysAsync(_http, _channel.MetadataUrl), "https://api.botframework.com");

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal(_channel.ServiceUrl, result.Claims["serviceurl"]);
        Assert.Equal("teams-key", new JsonWebToken(token).Kid);
        Assert.Equal("RS256", new JsonWebToken(token).Alg);
    }

    [Fact]
    public async Task Key_set_publishes_endorsements_per_key_and_never_the_forging_key()
    {
        var (_, jwksJson) = await KeySetReader.FetchAsync(_http, _channel.MetadataUrl);
        var keys = JsonNode.Parse(jwksJson)!["keys"]!.AsArray().Select(k => k!.AsObject()).ToDictionary(k => k["kid"]!.GetValue<string>());

        Assert.Equal(["teams-key", "other-channel-key", "no-endorsements-key"], keys.Keys);
        Assert.Equal(["msteams"], keys["teams-key"]["endorsements"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal(["webchat"], keys["other-channel-key"]["endorsements"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.False(keys["no-endorsements-key"].ContainsKey("endorsements"));
        Assert.All(keys.Values, k => Assert.Equal("RSA", k["kty"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_token_signed_with_the_unpublished_key_does_not_validate()
    {
        var token = _channel.CreateToken(new ChannelTokenOptions { Audience = AppId, Key = ChannelKey.Unpublished });

        var result = await ValidateAsync(token, await KeySetReader.SigningKeysAsync(_http, _channel.MetadataUrl), "https://api.botframework.com");

        Assert.False(result.IsValid);
        Assert.IsAssignableFrom<SecurityTokenSignatureKeyNotFoundException>(result.Exception);
    }

    [Fact]
    public async Task An_issue_time_in_the_past_makes_an_expired_token()
    {
        var token = _channel.CreateToken(new ChannelTokenOptions
        {
            Audience = AppId,
            IssuedAt = DateTimeOffset.UtcNow.AddHours(-3),
        });

        Assert.True(new JsonWebToken(token).ValidTo < DateTime.UtcNow.AddHours(-1));
        var result = await ValidateAsync(token, await KeySetReader.SigningKeysAsync(_http, _channel.MetadataUrl), "https://api.botframework.com");
        Assert.IsType<SecurityTokenExpiredException>(result.Exception);
    }

    [Fact]
    public async Task Token_times_come_from_the_injected_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 3, 4, 5, 6, 7, TimeSpan.Zero));
        await using var channel = await TeamsChannelStandIn.StartAsync(clock);

        var token = new JsonWebToken(channel.CreateToken(new ChannelTokenOptions { Audience = AppId, Lifetime = TimeSpan.FromMinutes(30) }));

        Assert.Equal(clock.GetUtcNow().UtcDateTime, token.IssuedAt);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, token.ValidFrom);
        Assert.Equal(clock.GetUtcNow().AddMinutes(30).UtcDateTime, token.ValidTo);
    }

    [Fact]
    public void Options_shape_the_claims()
    {
        var token = new JsonWebToken(_channel.CreateToken(new ChannelTokenOptions
        {
            Audience = AppId,
            ServiceUrl = null,
            TenantId = "tenant-1",
            AppId = "caller-app",
            Claims = new Dictionary<string, object> { ["ver"] = "2.0" },
            Algorithm = "RS512",
            Key = ChannelKey.OtherChannel,
        }));

        Assert.False(token.TryGetClaim("serviceurl", out _));
        Assert.Equal("tenant-1", token.GetClaim("tid").Value);
        Assert.Equal("caller-app", token.GetClaim("appid").Value);
        Assert.Equal("caller-app", token.GetClaim("azp").Value);
        Assert.Equal("2.0", token.GetClaim("ver").Value);
        Assert.Equal("RS512", token.Alg);
        Assert.Equal("other-channel-key", token.Kid);
    }

    [Fact]
    public async Task Rotating_the_teams_key_publishes_a_new_kid_that_old_keys_cannot_verify()
    {
        var oldKeys = await KeySetReader.SigningKeysAsync(_http, _channel.MetadataUrl);

        Assert.Equal("teams-key-2", _channel.RotateTeamsKey());
        var token = _channel.CreateToken(new ChannelTokenOptions { Audience = AppId });
        var newKeys = await KeySetReader.SigningKeysAsync(_http, _channel.MetadataUrl);

        Assert.Equal("teams-key-2", new JsonWebToken(token).Kid);
        Assert.DoesNotContain(newKeys, k => k.KeyId == "teams-key");
        Assert.False((await ValidateAsync(token, oldKeys, "https://api.botframework.com")).IsValid);
        Assert.True((await ValidateAsync(token, newKeys, "https://api.botframework.com")).IsValid);
    }

    [Fact]
    public async Task Entra_tokens_validate_against_the_tenant_metadata()
    {
        const string tenant = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
        var metadataUrl = _channel.EntraMetadataUrlTemplate.Replace("{tenantId}", tenant, StringComparison.Ordinal);
        var (metadata, _) = await KeySetReader.FetchAsync(_http, metadataUrl);
        var token = _channel.CreateToken(new ChannelTokenOptions { Audience = AppId, Key = ChannelKey.Entra, TenantId = tenant });

        Assert.Equal($"https://login.microsoftonline.com/{tenant}/v2.0", metadata["issuer"]!.GetValue<string>());
        var result = await ValidateAsync(token, await KeySetReader.SigningKeysAsync(_http, metadataUrl), metadata["issuer"]!.GetValue<string>());
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("entra-key", new JsonWebToken(token).Kid);
    }

    private static Task<TokenValidationResult> ValidateAsync(string token, IEnumerable<SecurityKey> keys, string issuer) =>
        new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = AppId,
            IssuerSigningKeys = keys,
            ClockSkew = TimeSpan.FromMinutes(5),
        });
}
