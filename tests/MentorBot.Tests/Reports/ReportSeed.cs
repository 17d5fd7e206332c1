using MentorBot.Features.CheckIns;
using MentorBot.Features.Closure;
using MentorBot.Features.Escalations;
using MentorBot.Features.Meetings;
using MentorBot.Features.MentorCohorts;
using MentorBot.Features.Pairs;
using MentorBot.Features.Rematch;
using MentorBot.Features.Reports;
using static MentorBot.Features.CheckIns.CheckInRating;

namespace MentorBot.Tests.Reports;

/// <summary>
/// A program of four cohorts, as of 2027-03-01. The expected numbers in the tests are worked out by hand from the
/// comments here, not by re-running the report's logic.
///   A "Spring A": substantive training, explicit goals, matched by "skills"; 4 pairs, 8 people.
///   B "Spring B": brief orientation, no explicit goals, matched by " Skills " (same criteria); 3 pairs, 6 people.
///   C "Tiny C":   brief orientation, explicit goals, matched by "mentee choice"; 2 pairs, 4 people (suppressed, and
///                 left out of the program and feature groups).
///   D "Summer D": brief orientation, explicit goals, matched by "mentee choice"; 3 pairs, 6 people.
/// </summary>
internal static class ReportSeed
{
    public static readonly DateTimeOffset Now = new(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public const string SecretLearning = "Patience, which I said only to my coordinator";
    public const string SharedLearning = "How the new build tooling really works";

    public static ReportInputs Inputs() => new()
    {
        Now = Now,
        Cohorts =
        [
            Cohort("a", "Spring A", MentorTraining.Substantive, goals: true, "skills", new DateOnly(2027, 1, 1)),
            Cohort("b", "Spring B", MentorTraining.BriefOrientation, goals: false, " Skills ", new DateOnly(2027, 1, 15)),
            Cohort("c", "Tiny C", MentorTraining.BriefOrientation, goals: true, "mentee choice", new DateOnly(2027, 1, 20)),
            Cohort("d", "Summer D", MentorTraining.BriefOrientation, goals: true, "Mentee choice", new DateOnly(2027, 2, 1)),
        ],
        Pairs =
        [
            // A: days active a1 59 (Jan 1 → Mar 1), a2 31, a3 15, a4 45 = 150.
            Pair("a1", "a", PairStage.Working, new DateOnly(2027, 1, 1), null, null),
            Pair("a2", "a", PairStage.Closed, new DateOnly(2027, 1, 1), "completed", Day(2027, 2, 1)),
            Pair("a3", "a", PairStage.Closed, new DateOnly(2027, 1, 1), "concluded-early", Day(2027, 1, 16)),
            Pair("a4", "a", PairStage.Closed, new DateOnly(2027, 1, 1), "completed", Day(2027, 2, 15)),

            // B: days b1 28 (Feb 1 → Mar 1), b2 30, b3 10 = 68.
            Pair("b1", "b", PairStage.Initial, new DateOnly(2027, 2, 1), null, null),
            Pair("b2", "b", PairStage.Closed, new DateOnly(2027, 1, 15), "rematched", Day(2027, 2, 14)),
            Pair("b3", "b", PairStage.Closed, new DateOnly(2027, 1, 15), "withdrawn", Day(2027, 1, 25)),

            // C: 59 days each = 118.
            Pair("c1", "c", PairStage.Working, new DateOnly(2027, 1, 1), null, null),
            Pair("c2", "c", PairStage.Working, new DateOnly(2027, 1, 1), null, null),

            // D: days d1 28, d2 28, d3 20 (Feb 1 → Feb 21) = 76.
            Pair("d1", "d", PairStage.Working, new DateOnly(2027, 2, 1), null, null),
            Pair("d2", "d", PairStage.Working, new DateOnly(2027, 2, 1), null, null),
            Pair("d3", "d", PairStage.Closed, new DateOnly(2027, 2, 1), "completed", Day(2027, 2, 21)),
        ],
        ExpectationsConfirmed = new HashSet<string> { "a1", "a2", "b1", "c1", "d1", "d3" },
        Meetings =
        [
            // A held 7: a1 3 (plus one cancelled, one duplicate, one in the future), a2 2, a3 1, a4 1.
            Meeting("a1", At(2027, 1, 10)), Meeting("a1", At(2027, 2, 10)), Meeting("a1", At(2027, 2, 20)),
            Meeting("a1", At(2027, 2, 25)) with { Status = MeetingStatus.Cancelled },
            Meeting("a1", At(2027, 2, 26)) with { DuplicateOf = "a1-x" },
            Meeting("a1", At(2027, 3, 10)),
            Meeting("a2", At(2027, 1, 5)), Meeting("a2", At(2027, 1, 20)),
            Meeting("a3", At(2027, 1, 8)),
            Meeting("a4", At(2027, 1, 9)),

            // B held 3: b1 2, b2 1. C held 2: c1 2.
            Meeting("b1", At(2027, 2, 5)), Meeting("b1", At(2027, 2, 19)), Meeting("b2", At(2027, 1, 30)),
            Meeting("c1", At(2027, 1, 15)), Meeting("c1", At(2027, 2, 15)),

            // D held 3: d1 2, d3 1.
            Meeting("d1", At(2027, 2, 8)), Meeting("d1", At(2027, 2, 22)), Meeting("d3", At(2027, 2, 10)),
        ],
        CheckIns =
        [
            // A: structure W,N,W; needs B,W,W; differently W,W,B.
            CheckIn("a1", "mentor", WorkingWell, asks: true, suggests: false),
            CheckIn("a1", "mentee", NotWorking, asks: false, suggests: false),
            CheckIn("a2", "mentor", WorkingWell, asks: false, suggests: true),

            // B: one answer.
            CheckIn("b1", "mentee", CouldBeBetter, asks: true, suggests: true),

            // C: one answer.
            CheckIn("c1", "mentor", WorkingWell, asks: false, suggests: false),

            // D: one answer.
            CheckIn("d1", "mentee", WorkingWell, asks: true, suggests: false),
        ],
        Alerts =
        [
            Alert("a1", "checkin-not-working"), Alert("a3", "rematch"),
            Alert("b1", "checkin-could-be-better"), Alert("b2", "rematch"), Alert("b2", "cadence"),
            Alert("c1", "cadence"),
            Alert("d2", "cadence"),
            Alert(null, "program-wide"),
        ],
        Outcomes =
        [
            // A (5 answers): career 4+3+2+3+5=17, skill 5+4+3+3+5=20, satisfaction 5+5+3+4+5=22, belonging 4+5+2+3+5=19.
            Outcome("a2", "mentor", 4, 5, 5, 4), Outcome("a2", "mentee", 3, 4, 5, 5),
            Outcome("a3", "mentor", 2, 3, 3, 2), Outcome("a3", "mentee", 3, 3, 4, 3),
            Outcome("a4", "mentee", 5, 5, 5, 5),

            // B (3 answers: too few for a mean): career 1+2+3=6, skill 2+2+3=7, satisfaction 1+2+3=6, belonging 2+2+3=7.
            Outcome("b2", "mentor", 1, 2, 1, 2), Outcome("b2", "mentee", 2, 2, 2, 2), Outcome("b3", "mentee", 3, 3, 3, 3),

            // C (left out): one answer. D (2 answers): career 4+5=9.
            Outcome("c2", "mentee", 1, 1, 1, 1),
            Outcome("d3", "mentor", 4, 4, 4, 4), Outcome("d3", "mentee", 5, 4, 5, 3),
        ],
        Rematches =
        [
            Rematch("a3", "styles", RematchState.Rematched), Rematch("a1", "goals", RematchState.Withdrawn),
            Rematch("b2", "communication", RematchState.Rematched), Rematch("b3", "availability", RematchState.Open),
        ],
        MidpointRatings =
        [
            // A: 4+2+5+4+3 = 18 over 5.
            new("a1", "mentor", 4), new("a1", "mentee", 2), new("a2", "mentor", 5), new("a2", "mentee", 4), new("a4", "mentor", 3),
            new("b1", "mentor", 5),
        ],
        Accountability =
        [
            // A: mentors of a1 and a2 report learning (2 of 4); only a1's is shared.
            Answer("a1", "2027-01", SharedLearning, share: true),
            Answer("a2", "2027-01", SecretLearning, share: false),
            Answer("a2", "2027-02", null, share: true),
            Answer("a3", "2027-01", "   ", share: true),
        ],
    };

    public static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Midnight UTC: pairs close at day boundaries here so their active days are whole numbers.</summary>
    public static DateTimeOffset Day(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    private static Cohort Cohort(string id, string name, MentorTraining training, bool goals, string criteria, DateOnly start) => new()
    {
        TenantId = "t",
        ProgramId = "p",
        CohortId = id,
        Name = name,
        Start = start,
        Training = training,
        ExplicitGoalsRequired = goals,
        MatchingCriteria = criteria,
    };

    public static Pair Pair(string id, string? cohort, PairStage stage, DateOnly start, string? reason, DateTimeOffset? closedAt) => new()
    {
        TenantId = "t",
        ProgramId = "p",
        PairId = id,
        CohortId = cohort,
        Mentor = new Person($"mentor-{id}", $"Mentor {id}", null, null),
        Mentee = new Person($"mentee-{id}", $"Mentee {id}", null, null),
        Start = start,
        PlannedEnd = start.AddMonths(6),
        Stage = stage,
        ClosedReason = reason,
        ClosedAt = closedAt,
    };

    private static Meeting Meeting(string pair, DateTimeOffset start) => new()
    {
        TenantId = "t",
        ProgramId = "p",
        PairId = pair,
        MeetingKey = $"{pair}-{start:MMdd}",
        Start = start,
        End = start.AddHours(1),
    };

    private static CheckInAnswer CheckIn(string pair, string role, CheckInRating structure, bool asks, bool suggests) => new()
    {
        TenantId = "t",
        PairId = pair,
        MeetingKey = "m",
        PersonId = $"{role}-{pair}",
        Role = role,
        Structure = structure,
        Need = asks ? new CheckInRequest("a private request that must never reach a report") : null,
        Differently = suggests ? new CheckInRequest("a private suggestion that must never reach a report") : null,
        Note = "a private note that must never reach a report",
    };

    private static EscalationAlert Alert(string? pair, string cause) => new()
    {
        TenantId = "t",
        ProgramId = "p",
        AlertId = $"{pair}-{cause}",
        Cause = cause,
        Reason = cause,
        PairId = pair,
    };

    private static Outcome Outcome(string pair, string role, int career, int skill, int satisfaction, int belonging) => new()
    {
        TenantId = "t",
        ProgramId = "p",
        PairId = pair,
        PersonId = $"{role}-{pair}",
        Role = role,
        Gained = "a private reflection that must never reach a report",
        CareerAdvancement = career,
        SkillDevelopment = skill,
        Satisfaction = satisfaction,
        SenseOfBelonging = belonging,
    };

    private static RematchRequest Rematch(string pair, string category, RematchState state) => new()
    {
        TenantId = "t",
        ProgramId = "p",
        PairId = pair,
        RequestId = $"{pair}-{category}",
        RequesterId = $"mentor-{pair}",
        RequesterName = "someone",
        Role = PairRole.Mentor,
        PairDescription = pair,
        Category = category,
        Details = "private rematch details",
        Urgency = "soon",
        State = state,
    };

    private static AccountabilityAnswer Answer(string pair, string month, string? learning, bool share) => new()
    {
        TenantId = "t",
        ProgramId = "p",
        PairId = pair,
        MentorId = $"mentor-{pair}",
        Month = month,
        HowItIsGoing = 4,
        LearningFromMentee = learning,
        ShareAnonymously = share,
        AnsweredAt = At(2027, int.Parse(month[5..], System.Globalization.CultureInfo.InvariantCulture), 28),
    };
}
