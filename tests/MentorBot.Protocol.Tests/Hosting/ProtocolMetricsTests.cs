using System.Diagnostics.Metrics;
using System.Text;
using MentorBot.Protocol.Authentication;
using MentorBot.Protocol.Hosting;
using MentorBot.Protocol.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging.Abstractions;

namespace MentorBot.Protocol.Tests.Hosting;

/// <summary>Operators see every refused request in mentorbot.activities.refused, by reason.</summary>
public sealed class ProtocolMetricsTests : IDisposable
{
    private const string AppId = "3f1c7a52-2d6e-4c1b-9a8e-0b6f4f0e9d11";
    private const string AllowedTenant = "7d2b8f0e-1c3a-4e5f-8a9b-0c1d2e3f4a5b";

    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, long Value, Dictionary<string, object?> Tags)> _measurements = [];

    public ProtocolMetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ProtocolMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            lock (_measurements)
            {
                _measurements.Add((instrument.Name, value, copy));
            }
        });
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task A_request_without_a_token_is_counted_as_refused_unauthenticated()
    {
        var endpoint = Endpoint(new ChannelAuthenticationOptions { AppId = AppId });

        var result = await endpoint.HandleAsync(Request("""{"type":"message","text":"hi"}"""), CancellationToken.None);

        Assert.IsType<UnauthorizedHttpResult>(result);
        Assert.True(Counted("mentorbot.activities.refused", "reason", "unauthenticated"), Describe());
        Assert.False(Counted("mentorbot.activities.received", "type", "message"), "a refused request was counted as received");
    }

    [Theory]
    [InlineData("{not json", "malformed")]
    [InlineData("""{"text":"no type"}""", "malformed")]
    [InlineData("""{"type":"message","text":"hi","serviceUrl":"https://smba.trafficmanager.net/teams/","conversation":{"tenantId":"someone-else"}}""", "tenant_not_allowed")]
    [InlineData("""{"type":"message","text":"hi","channelId":"webchat","serviceUrl":"https://smba.trafficmanager.net/teams/","conversation":{"tenantId":"someone-else"}}""", "channel_not_allowed")]
    public async Task Other_refusals_are_counted_by_reason(string body, string reason)
    {
        var endpoint = Endpoint(new ChannelAuthenticationOptions());

        await endpoint.HandleAsync(Request(body), CancellationToken.None);

        Assert.True(Counted("mentorbot.activities.refused", "reason", reason), Describe());
    }

    [Fact]
    public async Task An_oversized_request_is_counted_as_too_large()
    {
        var endpoint = Endpoint(new ChannelAuthenticationOptions(), maxBytes: 64);

        await endpoint.HandleAsync(Request($$"""{"type":"message","text":"{{new string('x', 100)}}"}"""), CancellationToken.None);

        Assert.True(Counted("mentorbot.activities.refused", "reason", "too_large"), Describe());
    }

    [Fact]
    public async Task An_accepted_activity_is_counted_as_received_by_type_and_a_failure_as_failed()
    {
        var endpoint = Endpoint(new ChannelAuthenticationOptions(), processor: new FailingProcessor());

        await endpoint.HandleAsync(Request($$$"""{"type":"invoke","name":"adaptiveCard/action","serviceUrl":"https://smba.trafficmanager.net/teams/","conversation":{"tenantId":"{{{AllowedTenant}}}"}}"""), CancellationToken.None);

        Assert.True(Counted("mentorbot.activities.received", "type", "invoke"), Describe());
        Assert.True(Counted("mentorbot.activities.refused", "reason", "failed"), Describe());
    }

    private bool Counted(string instrument, string tag, string value)
    {
        lock (_measurements)
        {
            return _measurements.Any(m => m.Instrument == instrument && m.Value == 1 && Equals(m.Tags.GetValueOrDefault(tag), value));
        }
    }

    private string Describe()
    {
        lock (_measurements)
        {
            return "Measured: " + string.Join("; ", _measurements.Select(m => $"{m.Instrument} {m.Value} {string.Join(',', m.Tags.Select(t => $"{t.Key}={t.Value}"))}"));
        }
    }

    private static BotMessageEndpoint Endpoint(ChannelAuthenticationOptions authentication, int maxBytes = 1024 * 1024, IActivityProcessor? processor = null)
    {
        var metadata = new OpenIdMetadataSource(() => throw new InvalidOperationException("No metadata is read in these tests."));
        var options = new BotEndpointOptions { MaxRequestBytes = maxBytes };
        options.AllowedTenantIds.Add(AllowedTenant);
        return new BotMessageEndpoint(
            new ChannelTokenValidator(authentication, metadata, TimeProvider.System),
            authentication,
            options,
            processor ?? new FailingProcessor(),
            NullLogger<BotMessageEndpoint>.Instance);
    }

    private static HttpRequest Request(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(bytes);
        return context.Request;
    }

    private sealed class FailingProcessor : IActivityProcessor
    {
        public Task<InvokeResponse?> ProcessAsync(Activity activity, ChannelIdentity identity, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Storage is down.");
    }
}
