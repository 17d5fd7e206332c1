namespace MentorBot.Cards.Tests;

/// <summary>
/// The validator is only worth running if it fails bad cards. Each case is a valid card with one problem that
/// Teams would reject or render badly; the validator must exit 1 and name the problem.
/// </summary>
public sealed class ValidatorCatchesProblemsTests
{
    private const string ValidCard = """
        {
          "type": "AdaptiveCard",
          "version": "1.5",
          "body": [
            { "type": "TextBlock", "text": "Check-in", "wrap": true },
            { "type": "Input.Text", "id": "note", "label": "Note" },
            { "type": "ActionSet", "actions": [
              { "type": "Action.Execute", "title": "Save", "verb": "checkin.save",
                "fallback": { "type": "Action.Submit", "title": "Save", "data": { "verb": "checkin.save" } } } ] }
          ]
        }
        """;

    public static TheoryData<string, string, string> BadCards => new()
    {
        { "version-1.6", ValidCard.Replace("\"1.5\"", "\"1.6\"", StringComparison.Ordinal), "\"1.6\" is above \"1.5\"" },
        { "no-version", ValidCard.Replace("\"version\": \"1.5\",", string.Empty, StringComparison.Ordinal), "version: missing" },
        { "execute-without-verb", ValidCard.Replace("\"verb\": \"checkin.save\",", string.Empty, StringComparison.Ordinal), "Action.Execute has no verb" },
        { "execute-without-submit-fallback", ValidCard.Replace("\"type\": \"Action.Submit\"", "\"type\": \"Action.OpenUrl\", \"url\": \"https://contoso.com\"", StringComparison.Ordinal), "fallback of type Action.Submit" },
        { "textblock-without-text", ValidCard.Replace("\"text\": \"Check-in\", ", string.Empty, StringComparison.Ordinal), "TextBlock has no text" },
        { "image-without-url", ValidCard.Replace("{ \"type\": \"TextBlock\"", "{ \"type\": \"Image\", \"altText\": \"logo\" }, { \"type\": \"TextBlock\"", StringComparison.Ordinal), "Image has no url" },
        { "unknown-element", ValidCard.Replace("\"type\": \"TextBlock\"", "\"type\": \"Chart.Sparkle\"", StringComparison.Ordinal), "Unknown element type \"Chart.Sparkle\"" },
        { "duplicate-input-ids", ValidCard.Replace("{ \"type\": \"ActionSet\"", "{ \"type\": \"Container\", \"items\": [ { \"type\": \"Input.Text\", \"id\": \"note\", \"label\": \"Again\" } ] }, { \"type\": \"ActionSet\"", StringComparison.Ordinal), "duplicate input id \"note\"" },
        { "over-80-kb", ValidCard.Replace("\"text\": \"Check-in\"", $"\"text\": \"{new string('x', 82_000)}\"", StringComparison.Ordinal), "80 KB" },
        { "not-json", "{ \"type\": \"AdaptiveCard\", ", "not valid JSON" },
    };

    [Fact]
    public async Task The_card_these_cases_start_from_is_valid()
    {
        using var dir = new TempDirectory();
        dir.Write("valid.json", ValidCard);

        var run = await CardValidator.ValidateAsync(dir.Path);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Empty(run.For("valid.json").Errors);
    }

    [Theory]
    [MemberData(nameof(BadCards))]
    public async Task A_card_with_one_problem_is_reported_invalid(string name, string json, string expectedError)
    {
        using var dir = new TempDirectory();
        dir.Write("valid.json", ValidCard);
        dir.Write(name + ".json", json);

        var run = await CardValidator.ValidateAsync(dir.Path);

        Assert.True(run.ExitCode == 1, $"expected exit 1 for {name}, got {run.ExitCode}:\n{run.Output}");
        var errors = run.For(name + ".json").Errors;
        Assert.True(errors.Any(e => e.Contains(expectedError, StringComparison.Ordinal)),
            $"{name}: no error mentions '{expectedError}'. Errors:\n{string.Join('\n', errors)}");
        Assert.Empty(run.For("valid.json").Errors);
    }

    [Fact]
    public async Task A_verbless_Action_Execute_nested_in_a_fallback_is_found()
    {
        using var dir = new TempDirectory();
        dir.Write("nested.json", ValidCard.Replace(
            "\"type\": \"TextBlock\", \"text\": \"Check-in\", \"wrap\": true",
            "\"type\": \"Container\", \"items\": [ { \"type\": \"TextBlock\", \"text\": \"a\" } ], \"fallback\": { \"type\": \"ActionSet\", \"actions\": [ { \"type\": \"Action.Execute\", \"title\": \"x\", \"fallback\": { \"type\": \"Action.Submit\", \"title\": \"x\" } } ] }",
            StringComparison.Ordinal));

        var run = await CardValidator.ValidateAsync(dir.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.For("nested.json").Errors, e => e.Contains("$.body[0].fallback.actions[0]: Action.Execute has no verb", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_npm_packages_it_says_how_to_install_them()
    {
        // A copy of the script whose tools folder has no node_modules.
        using var tools = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(tools.Path, "cards"));
        var script = Path.Combine(tools.Path, "cards", "validate-cards.mjs");
        File.Copy(CardValidator.Script, script);

        var run = await CardValidator.RunAsync(script, tools.Path);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("Run: npm ci --prefix tools", run.Output, StringComparison.Ordinal);
    }
}
