using MentorBot.Protocol.Authentication;
using MentorBot.Protocol.Schema;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace MentorBot.Protocol.Tests.Authentication;

public sealed class ChannelTokenValidatorTests : IDisposable
{
    private const string AppId = "3f1c7a52-2d6e-4c1b-9a8e-0b6f4f0e9d11";
    private const string OwnTenant = "7d2b8f0e-1c3a-4e5f-8a9b-0c1d2e3f4a5b";
    private const string ServiceUrl = "https://smba.trafficmanager.net/teams/";

    private readonly TestIssuer _issuer = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly HttpClient _http;
    private readonly ChannelTokenValidator _validator;

    public ChannelTokenValidatorTests()
    {
        _http = new HttpClient(_issuer);
        var options = new ChannelAuthenticationOptions
        {
            AppId = AppId,
            TenantId = OwnTenant,
            BotFrameworkMetadataUrl = TestIssuer.MetadataUrl,
            EntraMetadataUrlTemplate = TestIssuer.EntraTemplate,
        };
        options.AllowedCallers.Add(AllowedCaller);
        var metadata = new OpenIdMetadataSource(() => _http) { RefreshInterval = TimeSpan.FromSeconds(1) };
        _validator = new ChannelTokenValidator(options, metadata, _clock);
    }

    public void Dispose()
    {
        _http.Dispose();
        _issuer.Dispose();
    }

    private static Dictionary<string, object> BotFrameworkClaims(string audience = AppId, string? serviceUrl = ServiceUrl)
    {
        var claims = new Dictionary<string, object> { ["iss"] = "https://api.botframework.com", ["aud"] = audience };
        if (serviceUrl is not null)
        {
            claims["serviceurl"] = serviceUrl;
        }

        return claims;
    }

    private string Token(string kid = "teams", Dictionary<string, object>? claims = null, DateTime? issuedAt = null, TimeSpan? lifetime = null, string alg = SecurityAlgorithms.RsaSha256) =>
        _issuer.Sign(kid, claims ?? BotFrameworkClaims(), issuedAt ?? _clock.GetUtcNow().UtcDateTime, lifetime, alg);

    private static Activity TeamsActivity(string serviceUrl = ServiceUrl, string channelId = "msteams") =>
        new() { Type = "message", ServiceUrl = serviceUrl, ChannelId = channelId };

    [Fact]
    public async Task A_token_signed_by_an_endorsed_channel_key_is_accepted_and_bound_to_its_activity()
    {
        var identity = await _validator.ValidateAsync("Bearer " + Token(), default);

        Assert.False(identity.IsAnonymous);
        Assert.Contains("msteams", identity.Endorsements!);
        identity.EnsureMatches(TeamsActivity(), "msteams");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    [InlineData("Bearer not-a-jwt")]
    public async Task A_missing_or_malformed_authorization_header_is_refused(string? header)
    {
        await Assert.ThrowsAsync<ChannelAuthenticationException>(() => _validator.ValidateAsync(header, default));
    }

    [Fact]
    public async Task A_token_for_another_bot_is_refused()
    {
        var token = Token(claims: BotFrameworkClaims(audience: Guid.NewGuid().ToString()));
        await Assert.ThrowsAsync<ChannelAuthenticationException>(() => _validator.ValidateAsync("Bearer " + token, default));
    }

    [Fact]
    public async Task A_token_from_an_untrusted_issuer_is_refused()
    {
        var claims = BotFrameworkClaims();
        claims["iss"] = "https://evil.example";
        await Assert.ThrowsAsync<ChannelAuthenticationException>(() => _validator.ValidateAsync("Bearer " + Token(claims: claims), default));
    }

    [Fact]
    public async Task A_token_signed_with_a_key_the_channel_never_published_is_refused()
    {
        await Assert.ThrowsAsync<ChannelAuthenticationException>(() => _validator.ValidateAsync("Bearer " + Token("unpublished"), default));
    }

    [Fact]
    public async Task A_token_expired_more_than_five_minutes_ago_is_refused_but_within_the_skew_it_is_accepted()
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var longExpired = Token(issuedAt: now.AddMinutes(-66), lifetime: TimeSpan.FromMinutes(60));
        var justExpired = Token(issuedAt: now.AddMinutes(-64), lifetime: TimeSpan.FromMinutes(60));

        await Assert.ThrowsAsync<ChannelAuthenticationException>(() => _validator.ValidateAsync("Bearer " + longExpired, default));
        var identity = await _validator.ValidateAsync("Bearer " + justExpired, default);
        Assert.False(identity.IsAnonymous);
    }

    [Fact]
    public async Task A_token_not_yet_valid_is_refused()
    {
        var future = Token(issuedAt: _clock.GetUtcNow().UtcDateTime.AddMinutes(10));
        await Assert.ThrowsAsync<ChannelAuthenticationException>(() => _validator.ValidateAsync("Bearer " + future, default));
    }

    [Fact]
    public async Task A_key_without_endorsements_is_not_trusted_for_any_channel()
    {
        await Assert.ThrowsAsync<ChannelAuthenticationException>(() => _validator.ValidateAsync("Bearer " + Token("no-endorsements"), default));
    }

    [Fact]
    public async Task A_key_endorsed_for_another_channel_does_not_authenticate_a_teams_activity()
    {
        var identity = await _validator.ValidateAsync("Bearer " + Token("webchat-only"), default);
        Assert.Throws<ChannelAuthenticationException>(() => identity.EnsureMatches(TeamsActivity(), "msteams"));
    }

    [Fact]
    public async Task The_serviceurl_claim_must_match_the_activity()
    {
        var identity = await _validator.ValidateAsync("Bearer " + Token(), default);
        Assert.Throws<ChannelAuthenticationException>(() => identity.EnsureMatches(TeamsActivity("https://attacker.example/teams/"), "msteams"));

        var withoutClaim = await _validator.ValidateAsync("Bearer " + Token(claims: BotFrameworkClaims(serviceUrl: null)), default);
        Assert.Throws<ChannelAuthenticationException>(() => withoutClaim.EnsureMatches(TeamsActivity(), "msteams"));
    }

    [Fact]
    public async Task An_algorithm_other_than_RS256_384_512_is_refused()
    {
        var token = Token(alg: SecurityAlgorithms.RsaSsaPssSha256);
        await Assert.ThrowsAsync<ChannelAuthenticationException>(() => _validator.ValidateAsync("Bearer " + token, default));
    }

    [Fact]
    public async Task Keys_are_cached_and_refreshed_when_a_token_names_a_new_key()
    {
        await _validator.ValidateAsync("Bearer " + Token(), default);
        await _validator.ValidateAsync("Bearer " + Token(), default);
        Assert.Equal(1, _issuer.MetadataReads);

        // The channel rotates: a new key appears that the cached set does not have.
        _issuer.AddKey("rotated", ["msteams"]);
        var identity = await _validator.ValidateAsync("Bearer " + Token("rotated"), default);

        Assert.Contains("msteams", identity.Endorsements!);
        Assert.Equal(2, _issuer.MetadataReads);
    }

    private const string AllowedCaller = "5a8b1c2d-0000-4000-8000-00000000ca11";

    private static Dictionary<string, object> OwnTenantClaims(string? caller) 
    {
        var claims = new Dictionary<string, object>
        {
            ["iss"] = $"https://login.microsoftonline.com/{OwnTenant}/v2.0",
            ["aud"] = AppId,
            ["tid"] = OwnTenant,
        };
        if (caller is not null)
        {
            claims["azp"] = caller;
        }

        return claims;
    }

    [Fact]
    public async Task An_entra_token_from_the_bots_own_tenant_is_accepted_from_an_allowed_caller()
    {
        var identity = await _validator.ValidateAsync("Bearer " + Token("entra", OwnTenantClaims(AllowedCaller)), default);

        Assert.Null(identity.Endorsements);
        Assert.False(identity.IsBotFramework);
        // Entra tokens carry no serviceurl claim; the activity must still name its service URL.
        identity.EnsureMatches(TeamsActivity(), "msteams");
        Assert.Throws<ChannelAuthenticationException>(() => identity.EnsureMatches(TeamsActivity(serviceUrl: null!), "msteams"));
    }

    [Theory]
    [InlineData("0a0a0a0a-1111-4222-8333-444444444444")] // any other app of the tenant (client credentials flow)
    [InlineData(null)]                                    // a token naming no caller at all
    public async Task An_entra_token_from_the_bots_own_tenant_is_refused_from_any_other_caller(string? caller)
    {
        var error = await Assert.ThrowsAsync<ChannelAuthenticationException>(
            () => _validator.ValidateAsync("Bearer " + Token("entra", OwnTenantClaims(caller)), default));

        Assert.Contains(caller ?? "(none)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entra_token_of_the_bot_service_tenant_is_accepted_and_its_serviceurl_checked_when_present()
    {
        const string botService = "d6d49420-f39b-4df7-a1dc-d59a935871db";
        var claims = new Dictionary<string, object>
        {
            ["iss"] = $"https://login.microsoftonline.com/{botService}/v2.0",
            ["aud"] = AppId,
            ["tid"] = botService,
            ["serviceurl"] = ServiceUrl,
        };

        var identity = await _validator.ValidateAsync("Bearer " + Token("entra", claims), default);

        identity.EnsureMatches(TeamsActivity(), "msteams");
        Assert.Throws<ChannelAuthenticationException>(() => identity.EnsureMatches(TeamsActivity("https://smba.trafficmanager.net/other/"), "msteams"));
    }

    [Fact]
    public async Task A_bot_framework_token_binds_to_an_activity_only_when_the_activity_names_its_service_url()
    {
        var identity = await _validator.ValidateAsync("Bearer " + Token(), default);

        Assert.Throws<ChannelAuthenticationException>(() => identity.EnsureMatches(new Activity { Type = "message", ChannelId = "msteams" }, "msteams"));
    }

    [Fact]
    public async Task An_entra_token_whose_tenant_disagrees_with_its_issuer_is_refused()
    {
        var claims = new Dictionary<string, object>
        {
            ["iss"] = $"https://login.microsoftonline.com/{OwnTenant}/v2.0",
            ["aud"] = AppId,
            ["tid"] = Guid.NewGuid().ToString(),
        };

        await Assert.ThrowsAsync<ChannelAuthenticationException>(() => _validator.ValidateAsync("Bearer " + Token("entra", claims), default));
    }

    [Fact]
    public async Task Without_an_app_id_requests_without_a_token_are_anonymous_and_tokens_are_refused()
    {
        var anonymous = new ChannelTokenValidator(new ChannelAuthenticationOptions(), new OpenIdMetadataSource(() => _http), _clock);

        var identity = await anonymous.ValidateAsync(null, default);

        Assert.True(identity.IsAnonymous);
        await Assert.ThrowsAsync<ChannelAuthenticationException>(() => anonymous.ValidateAsync("Bearer " + Token(), default));
    }
}
