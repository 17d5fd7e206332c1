using System.Text.Json;
using MentorBot.Testing;

namespace MentorBot.Cards.Tests;

/// <summary>What tools/cards/validate-cards.mjs said about one file.</summary>
internal sealed record CardReport(string File, IReadOnlyList<string> Errors);

/// <summary>The result of one run of the validator: its exit code, its per-file reports, and its raw output.</summary>
internal sealed record ValidatorRun(int ExitCode, IReadOnlyList<CardReport> Reports, string Output)
{
    public CardReport For(string file) =>
        Reports.SingleOrDefault(r => r.File == file) ?? throw new InvalidOperationException($"No report for {file} in:\n{Output}");
}

/// <summary>Runs <c>node tools/cards/validate-cards.mjs</c> on a directory of card JSON files.</summary>
internal static class CardValidator
{
    public static string Root => RepositoryRoot.Path;

    public static string Script => Path.Combine(Root, "tools", "cards", "validate-cards.mjs");

    /// <summary>Validates with the repository's script; fails the test with the fix when the npm packages are missing.</summary>
    public static async Task<ValidatorRun> ValidateAsync(string directory)
    {
        var run = await RunAsync(Script, directory);
        if (run.ExitCode == 3)
        {
            Assert.Fail($"{run.Output.Trim()} (the card validator needs the pinned adaptivecards package)");
        }

        return run;
    }

    public static async Task<ValidatorRun> RunAsync(string script, string directory)
    {
        var run = await ToolProcess.RunAsync("node", [script, directory]);
        return new ValidatorRun(run.ExitCode, Parse(run.StandardOutput), run.Output);
    }

    private static List<CardReport> Parse(string output)
    {
        var reports = new List<CardReport>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            using var json = JsonDocument.Parse(line);
            if (json.RootElement.TryGetProperty("file", out var file))
            {
                var errors = json.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToList();
                reports.Add(new CardReport(file.GetString() ?? string.Empty, errors));
            }
        }

        return reports;
    }
}
