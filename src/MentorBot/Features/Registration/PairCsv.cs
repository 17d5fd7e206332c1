using System.Globalization;
using CsvHelper;

namespace MentorBot.Features.Registration;

/// <summary>
/// Reads the pairs CSV a coordinator sends: a header with at least "mentor" and "mentee" (any case, any order), and
/// optionally "cohort", "start", "end" (or "planned end"), "focus" and "program". People by UPN or email, dates as
/// yyyy-mm-dd. Tolerates a byte order mark, quoted fields, CRLF, blank lines and a ";" separator (Excel in many
/// locales). Problems of one row stay on that row; problems of the file refuse the file.
/// </summary>
public static class PairCsv
{
    public const int MaxRows = 500;
    public const int MaxFocusLength = 500;
    public const int MaxNameLength = 320;

    public const string Template = "mentor,mentee,cohort,start,end,focus";

    private static readonly CsvReaderOptions Options = CsvReaderOptions.Default with
    {
        TrimWhitespace = true,
        TrimInsideQuotes = true,
        SkipEmptyLines = true,
        TrackLineNumbers = true,
        // A stray quote must not swallow the rest of the file into one field.
        MaxRecordSize = 64 * 1024,
        IncludeValuesInExceptions = false,
    };

    public static PairCsvFile Parse(ReadOnlyMemory<byte> content)
    {
        if (IsBlank(content.Span))
        {
            return PairCsvFile.Refused("The file is empty.");
        }

        if (content.Span.Contains((byte)0))
        {
            return PairCsvFile.Refused("The file doesn't look like a CSV text file (is it a spreadsheet saved as .xlsx?). Save it as \"CSV UTF-8\" and send it again.");
        }

        try
        {
            using var reader = CsvReader.Create(content, Options);
            var columns = Columns.Find(reader);
            if (columns.Mentor < 0 || columns.Mentee < 0)
            {
                var found = string.Join(", ", reader.Headers.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => $"\"{h}\""));
                return PairCsvFile.Refused(
                    $"The first line must be a header with at least the columns mentor and mentee, like: {Template}. " +
                    (found.Length == 0 ? "I found no column names." : $"I found: {found}."));
            }

            var rows = new List<PairCsvRow>();
            while (reader.Read())
            {
                if (Enumerable.Range(0, reader.FieldCount).All(reader.IsEmpty))
                {
                    continue;
                }

                if (rows.Count == MaxRows)
                {
                    return PairCsvFile.Refused($"The file has more than {MaxRows} rows. Split it into files of at most {MaxRows} rows and send them one by one.");
                }

                rows.Add(columns.Read(reader));
            }

            return rows.Count == 0
                ? PairCsvFile.Refused($"The file has a header but no rows of pairs under it.")
                : new PairCsvFile(rows, columns.Program >= 0, null);
        }
        catch (CsvFormatException ex)
        {
            return PairCsvFile.Refused($"I couldn't read the file as CSV{(ex.LineNumber > 0 ? $" (near line {ex.LineNumber})" : string.Empty)}. Check for an unclosed quote and send it again.");
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        return bytes.TrimStart(" \t\r\n,;"u8).IsEmpty;
    }

    /// <summary>Where each known column is in this file's header; -1 when it has none.</summary>
    private sealed record Columns(int Mentor, int Mentee, int Cohort, int Start, int End, int Focus, int Program)
    {
        public static Columns Find(CsvReader reader) => new(
            Index(reader, "mentor"), Index(reader, "mentee"), Index(reader, "cohort"), Index(reader, "start"),
            Index(reader, "end", "planned end", "plannedend"), Index(reader, "focus"), Index(reader, "program"));

        public PairCsvRow Read(CsvReader reader)
        {
            var line = (int)reader.LineNumber;
            var problems = new List<string>();
            var mentor = Text(reader, Mentor);
            var mentee = Text(reader, Mentee);
            if (mentor.Length == 0)
            {
                problems.Add("the mentor is missing");
            }

            if (mentee.Length == 0)
            {
                problems.Add("the mentee is missing");
            }

            if (mentor.Length > MaxNameLength || mentee.Length > MaxNameLength)
            {
                problems.Add("a mentor or mentee address is too long to be a UPN or email");
            }

            var focus = Text(reader, Focus);
            if (focus.Length > MaxFocusLength)
            {
                problems.Add($"the focus is longer than {MaxFocusLength} characters");
            }

            return new PairCsvRow(line, mentor, mentee)
            {
                Cohort = NullIfEmpty(Text(reader, Cohort)),
                Start = Date(reader, Start, "start", problems),
                End = Date(reader, End, "end", problems),
                Focus = NullIfEmpty(focus),
                Program = NullIfEmpty(Text(reader, Program)),
                Problem = problems.Count == 0 ? null : string.Join("; ", problems),
            };
        }

        private static int Index(CsvReader reader, params string[] names)
        {
            foreach (var name in names)
            {
                if (reader.TryGetFieldIndex(name, out var index))
                {
                    return index;
                }
            }

            return -1;
        }

        private static string Text(CsvReader reader, int index) => index < 0 ? string.Empty : reader.GetString(index).Trim();

        private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

        private static DateOnly? Date(CsvReader reader, int index, string column, List<string> problems)
        {
            var text = Text(reader, index);
            if (text.Length == 0)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            problems.Add($"{column} \"{(text.Length > 20 ? text[..20] + "…" : text)}\" is not a date written as yyyy-mm-dd");
            return null;
        }
    }
}
