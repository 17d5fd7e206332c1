using Azure.Core;
using MentorBot.Protocol.Connector;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace MentorBot.Protocol.Tests.Connector;

public sealed class CredentialBotTokenProviderTests
{
    [Fact]
    public async Task A_token_is_fetched_once_for_the_bot_framework_scope_and_renewed_before_it_expires()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        var credential = new Mock<TokenCredential>();
        var issued = 0;
        string[]? scopes = null;
        credential.Setup(c => c.GetTokenAsync(It.IsAny<TokenRequestContext>(), It.IsAny<CancellationToken>()))
            .Returns((TokenRequestContext context, CancellationToken _) =>
            {
                scopes = context.Scopes;
                issued++;
                return ValueTask.FromResult(new AccessToken($"token-{issued}", clock.GetUtcNow().AddHours(1)));
            });
        using var provider = new CredentialBotTokenProvider(credential.Object, "https://api.botframework.com", clock);

        var first = await provider.GetTokenAsync(default);
        var second = await provider.GetTokenAsync(default);
        clock.Advance(TimeSpan.FromMinutes(56));
        var renewed = await provider.GetTokenAsync(default);

        Assert.Equal("token-1", first);
        Assert.Equal("token-1", second);
        Assert.Equal("token-2", renewed);
        Assert.Equal(["https://api.botframework.com/.default"], scopes!);
    }
}
