namespace MentorBot.Features.Registration;

public enum ImportOutcome
{
    Created,
    AlreadyRegistered,
    Skipped,
}

/// <summary>What happened to one row of an imported file.</summary>
public sealed record ImportRowResult(int Line, string Mentor, string Mentee, ImportOutcome Outcome, string? Reason);

/// <summary>The per-row report of one imported file.</summary>
public sealed record ImportReport(string FileName, IReadOnlyList<ImportRowResult> Rows)
{
    public int Count(ImportOutcome outcome) => Rows.Count(r => r.Outcome == outcome);

    public string Summary =>
        $"{FileName}: {Count(ImportOutcome.Created)} created, {Count(ImportOutcome.AlreadyRegistered)} already registered, {Count(ImportOutcome.Skipped)} skipped";
}
