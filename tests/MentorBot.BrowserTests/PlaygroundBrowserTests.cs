using System.Diagnostics;

namespace MentorBot.BrowserTests;

/// <summary>
/// The local trial as a newcomer meets it, in a real browser: the Agents Playground in headless Chromium, driven by
/// tools/trial/browser-check.mjs. Screenshots are kept in artifacts/screenshots/ (git-ignored).
/// </summary>
public sealed class PlaygroundBrowserTests
{
    [ChromiumFact]
    public async Task Newcomer_answers_an_expectations_card_gets_help_and_a_greeting_then_answers_the_check_in_after_the_meeting_in_the_Agents_Playground()
    {
        var screenshots = Path.Combine(LocalTrial.RepositoryRoot, "artifacts", "screenshots");
        foreach (var old in Directory.Exists(screenshots) ? Directory.GetFiles(screenshots, "*.png") : [])
        {
            File.Delete(old);
        }

        await using var trial = await LocalTrial.StartAsync(TimeSpan.FromSeconds(90));

        var start = new ProcessStartInfo("node", [Path.Combine(LocalTrial.RepositoryRoot, "tools", "trial", "browser-check.mjs"), trial.PlaygroundUrl, screenshots, "--story", "--seed=" + trial.BotEndpoint])
        {
            WorkingDirectory = LocalTrial.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["CHROMIUM_PATH"] = Chromium.Path;
        using var check = Process.Start(start)!;
        var stdout = check.StandardOutput.ReadToEndAsync();
        var stderr = check.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(420)))
        {
            try
            {
                await check.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                check.Kill(entireProcessTree: true);
                await check.WaitForExitAsync();
            }
        }

        var report = $"browser-check.mjs:\n{await stdout}{await stderr}\nlocal trial:\n{trial.Output}";
        Assert.True(check.ExitCode == 0, report);
        Assert.Contains("\"help\" shows the card of commands", report, StringComparison.Ordinal);
        Assert.Contains("\"hi\" gets a friendly answer", report, StringComparison.Ordinal);
        Assert.Contains("moved on to question 2", report, StringComparison.Ordinal);
        // The check-in after the demo meeting, answered with its new questions, and the alert it raises.
        Assert.Contains("the check-in was answered: \"Not working\", \"Yes — more time on system design\", \"No\"", report, StringComparison.Ordinal);
        Assert.Contains("the alert is in the Coordinators channel", report, StringComparison.Ordinal);
        Assert.Contains("seeded the demo program with the personal chat open", report, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(screenshots, "expectations-next-question-page.png")), "no screenshot was saved in " + screenshots);
    }
}
