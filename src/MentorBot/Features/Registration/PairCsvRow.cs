namespace MentorBot.Features.Registration;

/// <summary>
/// One data row of a pairs CSV as the coordinator wrote it. <see cref="Line"/> is the line in the file (the header is
/// line 1), which is the row number a spreadsheet shows. A row with a <see cref="Problem"/> is reported, never registered.
/// </summary>
public sealed record PairCsvRow(int Line, string Mentor, string Mentee)
{
    public string? Cohort { get; init; }

    public DateOnly? Start { get; init; }

    public DateOnly? End { get; init; }

    public string? Focus { get; init; }

    /// <summary>The program named in the row's "program" column (name or id), if the file has one.</summary>
    public string? Program { get; init; }

    public string? Problem { get; init; }
}

/// <summary>A parsed file: its rows, or why the whole file was refused (nothing from it is registered then).</summary>
public sealed record PairCsvFile(IReadOnlyList<PairCsvRow> Rows, bool HasProgramColumn, string? Problem)
{
    public static PairCsvFile Refused(string problem) => new([], false, problem);
}
