using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;

namespace MentorBot.IntegrationTests.DataRights;

/// <summary>
/// Operators read logs and traces; people's addresses, names and words do not belong there. A pair's whole life,
/// erasure included, with every log line at Debug and every span of every source captured.
/// </summary>
public sealed class TelemetryWithoutPeopleTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public TelemetryWithoutPeopleTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task Over_a_pairs_whole_life_no_log_line_or_trace_holds_an_address_a_name_or_what_anyone_wrote()
    {
        var capture = new TelemetryCapture();
        await using var s = await PairLifeScenario.StartAsync(_azurite, capture.AddTo);
        await s.LiveAsync();
        await s.EraseAsync(s.Mentee);
        await s.Bot.RunJobsAsync();

        var captured = capture.Everything(s.Bot.Channel.BaseUrl, s.Bot.Graph.BaseUrl);
        Assert.Contains(captured, c => c.Where.StartsWith("span System.Net.Http", StringComparison.Ordinal));
        Assert.Contains(captured, c => c.Where == "log");

        var forbidden = new List<string>
        {
            PairLifeScenario.CheckInCanary, PairLifeScenario.MidpointCanary, PairLifeScenario.RematchCanary,
            PairLifeScenario.GainedCanary, PairLifeScenario.DifferentlyCanary, PairLifeScenario.OtherPairCanary, "Sales mentoring",
        };
        foreach (var person in new[] { s.Coordinator, s.Mentor, s.Mentee, s.Other })
        {
            forbidden.Add(person.Name);
            foreach (var address in new[] { person.Upn, person.Email })
            {
                forbidden.Add(address);
                forbidden.Add(Uri.EscapeDataString(address));
                forbidden.Add(Uri.EscapeDataString(Uri.EscapeDataString(address)));
            }
        }

        var leaks = captured
            .SelectMany(c => forbidden.Where(f => c.Text.Contains(f, StringComparison.OrdinalIgnoreCase)).Select(f => $"{c.Where}: '{f}' in {Excerpt(c.Text, f)}"))
            .Distinct()
            .Take(20)
            .ToList();
        Assert.True(leaks.Count == 0, "Telemetry holds people's data:\n" + string.Join("\n", leaks));
    }

    private static string Excerpt(string text, string found)
    {
        var at = text.IndexOf(found, StringComparison.OrdinalIgnoreCase);
        var start = Math.Max(0, at - 120);
        return text.Substring(start, Math.Min(text.Length - start, found.Length + 240)).ReplaceLineEndings(" ");
    }
}
