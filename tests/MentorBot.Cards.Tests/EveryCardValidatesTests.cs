using System.Text;

namespace MentorBot.Cards.Tests;

/// <summary>Every sample in <see cref="CardSamples"/> passes the card validator and stays within Teams' limits.</summary>
public sealed class EveryCardValidatesTests
{
    /// <summary>80 KB, measured as the larger of UTF-8 bytes and UTF-16 bytes, as tools/cards/validate-cards.mjs does.</summary>
    private const int MaxBytes = 80 * 1024;

    [Fact]
    public void Sample_names_are_unique_file_names()
    {
        var names = CardSamples.All().Select(s => s.Name).ToList();
        Assert.Empty(names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.All(names, n => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", n));
    }

    [Fact]
    public async Task Every_card_the_bot_can_send_passes_the_validator()
    {
        using var dir = new TempDirectory();
        var samples = CardSamples.All().ToList();
        foreach (var (name, card) in samples)
        {
            dir.Write(name + ".json", CardJson.Serialize(card));
        }

        var run = await CardValidator.ValidateAsync(dir.Path);

        var failures = run.Reports.Where(r => r.Errors.Count > 0)
            .Select(r => $"{r.File}:\n  - {string.Join("\n  - ", r.Errors)}")
            .ToList();
        Assert.True(run.ExitCode == 0 && failures.Count == 0,
            $"Cards failed validation (exit {run.ExitCode}):\n{string.Join('\n', failures)}\n\nValidator output:\n{run.Output}");
        Assert.Equal(samples.Count, run.Reports.Count);
    }

    [Fact]
    public void Every_card_declares_version_1_5_or_lower_and_is_under_80_KB()
    {
        var problems = new List<string>();
        foreach (var (name, card) in CardSamples.All())
        {
            if (!Version.TryParse(card.Version, out var version) || version > new Version(1, 5))
            {
                problems.Add($"{name}: version \"{card.Version}\" is not 1.5 or lower");
            }

            var json = CardJson.Serialize(card);
            var size = Math.Max(Encoding.UTF8.GetByteCount(json), Encoding.Unicode.GetByteCount(json));
            if (size >= MaxBytes)
            {
                problems.Add($"{name}: {size} bytes is not under {MaxBytes}");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }
}
