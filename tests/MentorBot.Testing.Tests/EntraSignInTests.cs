using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MentorBot.Testing.Tests;

public sealed class EntraSignInTests : IAsyncLifetime
{
    private const string ClientId = "11111111-2222-3333-4444-555555555555";
    private const string Tenant = "2f9e8d7c-6b5a-4c3d-8e1f-0a9b8c7d6e5f";
    private static readonly Uri RedirectUri = new("https://bot.example.com/downloads/signin-oidc");
    private readonly TestUser _ada = TestUser.Create("Ada Lovelace");
    private readonly HttpClient _http = SharedHttp.Client;
    private TeamsChannelStandIn _channel = null!;

    public async Task InitializeAsync()
    {
        _channel = await TeamsChannelStandIn.StartAsync();
        _channel.RegisterSignInApp(ClientId, RedirectUri);
        _channel.AddMember(_ada, Tenant);
    }

    public async Task DisposeAsync() => await _channel.DisposeAsync();

    [Fact]
    public async Task The_metadata_names_the_authorize_endpoint_under_the_tenant()
    {
        var (metadata, _) = await KeySetReader.FetchAsync(_http, _channel.EntraAuthority(Tenant) + "/.well-known/openid-configuration");

        Assert.Equal($"{_channel.BaseUrl}/{Tenant}/oauth2/v2.0/authorize", metadata["authorization_endpoint"]!.GetValue<string>());
        Assert.Equal($"https://login.microsoftonline.com/{Tenant}/v2.0", metadata["issuer"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_signed_in_person_gets_a_form_posting_an_id_token_for_the_app_with_the_nonce_and_state()
    {
        using var response = await AuthorizeAsync(_ada.AadObjectId, RedirectUri.AbsoluteUri);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"action=\"{RedirectUri.AbsoluteUri}\"", page, StringComparison.Ordinal);
        Assert.Equal("state-1", Field(page, "state"));
        var keys = await KeySetReader.SigningKeysAsync(_http, _channel.EntraAuthority(Tenant) + "/.well-known/openid-configuration");
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(Field(page, "id_token"), new TokenValidationParameters
        {
            ValidIssuer = $"https://login.microsoftonline.com/{Tenant}/v2.0",
            ValidAudience = ClientId,
            IssuerSigningKeys = keys,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal(_ada.AadObjectId, result.Claims["oid"]);
        Assert.Equal(Tenant, result.Claims["tid"]);
        Assert.Equal("nonce-1", result.Claims["nonce"]);
        Assert.Equal(1, _channel.EntraSignInCount);
    }

    [Theory]
    [InlineData("https://elsewhere.example.com/signin-oidc", "AADSTS50011")]
    [InlineData(null, "AADSTS50011")]
    public async Task A_redirect_uri_the_app_did_not_register_gets_an_error_page_and_no_token(string? redirectUri, string error)
    {
        using var response = await AuthorizeAsync(_ada.AadObjectId, redirectUri ?? string.Empty);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(error, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, _channel.EntraSignInCount);
    }

    [Fact]
    public async Task Nobody_signed_in_or_a_person_of_another_tenant_gets_no_token()
    {
        var stranger = TestUser.Create("Stranger");
        _channel.AddMember(stranger, "99999999-8888-7777-6666-555555555555");

        using var nobody = await AuthorizeAsync(null, RedirectUri.AbsoluteUri);
        using var otherTenant = await AuthorizeAsync(stranger.Upn, RedirectUri.AbsoluteUri);

        Assert.Equal(HttpStatusCode.Unauthorized, nobody.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, otherTenant.StatusCode);
        Assert.Contains("AADSTS50020", await otherTenant.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, _channel.EntraSignInCount);
    }

    private async Task<HttpResponseMessage> AuthorizeAsync(string? signedInAs, string redirectUri)
    {
        var query = $"client_id={ClientId}&redirect_uri={Uri.EscapeDataString(redirectUri)}&response_type=id_token&response_mode=form_post"
            + "&scope=openid%20profile&nonce=nonce-1&state=state-1";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{_channel.BaseUrl}/{Tenant}/oauth2/v2.0/authorize?{query}"));
        if (signedInAs is not null)
        {
            request.Headers.Add(TeamsChannelStandIn.EntraSessionHeader, signedInAs);
        }

        return await _http.SendAsync(request);
    }

    private static string Field(string page, string name) =>
        FormPostPage.TryParse(page, out _, out var fields) ? fields[name] : throw new InvalidOperationException("No form in the page:\n" + page);
}
