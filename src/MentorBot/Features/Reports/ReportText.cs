using System.Globalization;
using MentorBot.Features.CheckIns;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.Reports;

/// <summary>How the report's numbers and keys read, shared by the card and the CSV.</summary>
public static class ReportText
{
    public const string Suppressed = "fewer than 5 — not shown";

    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Mean(Mean mean) => mean.Value is { } v ? $"{v.ToString("0.0", CultureInfo.InvariantCulture)} (n={mean.Count})" : $"— (n={mean.Count}, under {ProgramReport.MinimumAnswers})";

    public static string Stage(PairStage stage) => stage switch
    {
        PairStage.Created => "registered",
        PairStage.Expectations => "setting expectations",
        PairStage.Initial => "getting started",
        PairStage.Working => "working",
        PairStage.Transition => "transition",
        _ => "closed",
    };

    public static string ClosedReason(string reason) => reason switch
    {
        "completed" => "completed",
        "concluded-early" => "concluded early",
        "rematched" => "rematched",
        "withdrawn" => "withdrawn",
        _ => reason,
    };

    public static string Measure(string measure) => measure switch
    {
        "career-advancement" => "Career advancement",
        "skill-development" => "Skill development",
        "satisfaction" => "Satisfaction",
        "sense-of-belonging" => "Sense of belonging",
        _ => measure,
    };

    public static string Question(string question) => question switch
    {
        "structure" => "Meeting structure working",
        "needs" => "Asked for something the meetings miss",
        _ => "Asked the partner to do something differently",
    };

    public static string Rating(CheckInRating rating) => CheckInRatings.Text(rating);
}
