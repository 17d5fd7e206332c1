using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using MentorBot.Cards;
using MentorBot.Hosting;
using MentorBot.Protocol.Hosting;
using MentorBot.Protocol.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace MentorBot.Tests.Hosting;

public sealed class TelemetryTests
{
    [Fact]
    public void A_card_sent_is_counted_with_its_kind()
    {
        var seen = new List<(long Value, object? Kind)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MentorBotTelemetry.Name && instrument.Name == "mentorbot.cards.sent")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "kind")
                {
                    lock (seen)
                    {
                        seen.Add((value, tag.Value));
                    }
                }
            }
        });
        listener.Start();

        MentorBotTelemetry.CardSent("help");

        lock (seen)
        {
            Assert.Contains((1L, (object?)"help"), seen);
        }
    }

    [Fact]
    public void The_kind_of_a_card_is_the_feature_of_its_first_button()
    {
        var alert = CardJson.ToMessage(new AdaptiveCard
        {
            Body = [new TextBlock("Alert")],
            Actions = [new ExecuteAction("Resolve", "alert.resolve", new JsonObject { ["alert"] = "a1" })],
        });
        var info = CardJson.ToMessage(new AdaptiveCard { Body = [new TextBlock("Commands")] });

        Assert.Equal("alert", MentorBotTelemetry.CardKindOf(alert));
        Assert.Equal("info", MentorBotTelemetry.CardKindOf(info));
        Assert.Null(MentorBotTelemetry.CardKindOf(Activity.CreateMessage("plain text")));
    }

    [Fact]
    public void Without_a_connection_string_nothing_is_exported_but_both_meters_are_collected()
    {
        var exported = new List<Metric>();
        var services = new ServiceCollection();
        services.AddMentorBotTelemetry(new ConfigurationBuilder().Build());
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(exported));
        using var provider = services.BuildServiceProvider();
        var meters = provider.GetRequiredService<MeterProvider>();

        MentorBotTelemetry.CardSent("welcome");
        ProtocolMetrics.ActivityRefused(ProtocolMetrics.Reasons.Unauthenticated);
        meters.ForceFlush();

        Assert.Contains(exported, m => m.Name == "mentorbot.cards.sent" && m.MeterName == "MentorBot");
        Assert.Contains(exported, m => m.Name == "mentorbot.activities.refused" && m.MeterName == "MentorBot.Protocol");
    }

    [Theory]
    [InlineData("InstrumentationKey=a", null, "InstrumentationKey=a")]
    [InlineData(null, "InstrumentationKey=b", "InstrumentationKey=b")]
    [InlineData("", "  ", null)]
    public void The_connection_string_comes_from_the_App_Service_setting_or_AzureMonitor_section(string? appSetting, string? section, string? expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = appSetting,
            ["AzureMonitor:ConnectionString"] = section,
        }).Build();

        Assert.Equal(expected, MentorBotTelemetry.ConnectionString(configuration));
    }
}
