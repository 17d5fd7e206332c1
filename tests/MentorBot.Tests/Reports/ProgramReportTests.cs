using MentorBot.Features.CheckIns;
using MentorBot.Features.Pairs;
using MentorBot.Features.Reports;
using static MentorBot.Features.CheckIns.CheckInRating;

namespace MentorBot.Tests.Reports;

/// <summary>Every number of the report against values worked out by hand from <see cref="ReportSeed"/>.</summary>
public sealed class ProgramReportTests
{
    private const double DaysPerMonth = 365.25 / 12;
    private readonly ProgramReport _report = ProgramReport.Compute(ReportSeed.Inputs());

    private ReportGroup Group(GroupKind kind, string key) => _report.Groups.Single(g => g.Kind == kind && g.Key == key);

    [Fact]
    public void Substantive_cohort_numbers_match_the_seeded_data()
    {
        var a = Group(GroupKind.Cohort, "a");

        Assert.False(a.Suppressed);
        Assert.Equal(8, a.People);
        Assert.Equal(4, a.Pairs);
        Assert.Equal(new Dictionary<PairStage, int> { [PairStage.Working] = 1, [PairStage.Closed] = 3 }, a.ByStage);
        Assert.Equal(new Dictionary<string, int> { ["completed"] = 2, ["concluded-early"] = 1 }, a.ClosedByReason);
        Assert.Equal(1, a.EndedEarly);
        Assert.Equal(2, a.ExpectationsCompleted);
        Assert.Equal(7, a.MeetingsHeld);
        Assert.Equal(150 / DaysPerMonth, a.PairMonths, 9);
        Assert.Equal(7 / (150 / DaysPerMonth), a.MeetingsPerPairPerMonth!.Value, 9);
        Assert.Equal(3, a.CheckInAnswers);
        Assert.Equal(Counts(2, 0, 1), a.CheckIns["structure"]);
        Assert.Equal(Counts(2, 1, 0), a.CheckIns["needs"]);
        Assert.Equal(Counts(2, 1, 0), a.CheckIns["differently"]);
        Assert.Equal(new Dictionary<string, int> { ["checkin-not-working"] = 1, ["rematch"] = 1 }, a.EscalationsByCause);
        Assert.Equal(new Dictionary<string, int> { ["styles"] = 1 }, a.RematchByCategory);
        Assert.Equal(new Mean(18 / 5.0, 5), a.Midpoint);
        Assert.Equal(new Mean(17 / 5.0, 5), a.Outcomes["career-advancement"]);
        Assert.Equal(new Mean(20 / 5.0, 5), a.Outcomes["skill-development"]);
        Assert.Equal(new Mean(22 / 5.0, 5), a.Outcomes["satisfaction"]);
        Assert.Equal(new Mean(19 / 5.0, 5), a.Outcomes["sense-of-belonging"]);
        Assert.Equal(4, a.Mentors);
        Assert.Equal(2, a.MentorsReportingLearning);
        Assert.Equal([ReportSeed.SharedLearning], a.SharedLearning);
    }

    [Fact]
    public void Brief_orientation_cohort_numbers_match_the_seeded_data()
    {
        var b = Group(GroupKind.Cohort, "b");

        Assert.False(b.Suppressed);
        Assert.Equal(6, b.People);
        Assert.Equal(3, b.Pairs);
        Assert.Equal(new Dictionary<PairStage, int> { [PairStage.Initial] = 1, [PairStage.Closed] = 2 }, b.ByStage);
        Assert.Equal(new Dictionary<string, int> { ["rematched"] = 1, ["withdrawn"] = 1 }, b.ClosedByReason);
        Assert.Equal(2, b.EndedEarly);
        Assert.Equal(1, b.ExpectationsCompleted);
        Assert.Equal(3, b.MeetingsHeld);
        Assert.Equal(3 / (68 / DaysPerMonth), b.MeetingsPerPairPerMonth!.Value, 9);
        Assert.Equal(1, b.CheckInAnswers);
        Assert.Equal(Counts(0, 1, 0), b.CheckIns["structure"]);
        Assert.Equal(Counts(0, 0, 1), b.CheckIns["differently"]);
        Assert.Equal(new Dictionary<string, int> { ["checkin-could-be-better"] = 1, ["rematch"] = 1, ["cadence"] = 1 }, b.EscalationsByCause);
        Assert.Equal(new Dictionary<string, int> { ["communication"] = 1, ["availability"] = 1 }, b.RematchByCategory);
        Assert.Equal(new Mean(null, 1), b.Midpoint);

        // Three outcome answers: counted, but too few for a mean to be shown.
        Assert.All(ProgramReport.OutcomeMeasures, m => Assert.Equal(new Mean(null, 3), b.Outcomes[m]));
        Assert.Equal(0, b.MentorsReportingLearning);
        Assert.Empty(b.SharedLearning);
    }

    [Fact]
    public void A_cohort_of_four_people_is_suppressed_and_carries_no_numbers()
    {
        var c = Group(GroupKind.Cohort, "c");

        Assert.True(c.Suppressed);
        Assert.Equal(0, c.People);
        Assert.Equal(0, c.Pairs);
        Assert.Empty(c.EscalationsByCause);
        Assert.True(Group(GroupKind.MatchingCriteria, "mentee choice").Suppressed);
    }

    [Fact]
    public void Groups_are_sized_by_people_not_pairs()
    {
        // Three pairs, but one mentor mentors all three mentees: four people.
        string[] ids = ["x1", "x2", "x3"];
        var pairs = ids.Select(id => ReportSeed.Pair(id, null, PairStage.Working, new DateOnly(2027, 1, 1), null, null)
            with { Mentor = new Person("one-mentor", "Mentor", null, null) }).ToList();

        var report = ProgramReport.Compute(ReportSeed.Inputs() with { Cohorts = [], Pairs = pairs });

        Assert.True(report.Groups.Single(g => g.Kind == GroupKind.Program).Suppressed);
    }

    [Fact]
    public void Feature_groups_combine_the_cohorts_that_share_the_feature()
    {
        var substantive = Group(GroupKind.Training, nameof(MentorTraining.Substantive));
        var brief = Group(GroupKind.Training, nameof(MentorTraining.BriefOrientation));
        var goals = Group(GroupKind.ExplicitGoals, "yes");
        var noGoals = Group(GroupKind.ExplicitGoals, "no");
        var skills = Group(GroupKind.MatchingCriteria, "skills");

        // Substantive = A alone.
        Assert.Equal((8, 4, 7), (substantive.People, substantive.Pairs, substantive.MeetingsHeld));
        Assert.Equal(new Mean(22 / 5.0, 5), substantive.Outcomes["satisfaction"]);

        // Brief = B + C: 10 people, 5 pairs, meetings 3 + 2 over 68 + 118 days; C's cadence alert joins B's causes.
        Assert.False(brief.Suppressed);
        Assert.Equal((10, 5, 5), (brief.People, brief.Pairs, brief.MeetingsHeld));
        Assert.Equal(5 / (186 / DaysPerMonth), brief.MeetingsPerPairPerMonth!.Value, 9);
        Assert.Equal(2, brief.EscalationsByCause["cadence"]);
        Assert.Equal(2, brief.ExpectationsCompleted);
        Assert.Equal(Counts(1, 1, 0), brief.CheckIns["structure"]);

        // Explicit goals = A + C (12 people); none = B.
        Assert.Equal((12, 6, 9), (goals.People, goals.Pairs, goals.MeetingsHeld));
        Assert.Equal((6, 3), (noGoals.People, noGoals.Pairs));

        // "skills" and " Skills " are the same criteria: A + B.
        Assert.Equal((14, 7, 10), (skills.People, skills.Pairs, skills.MeetingsHeld));

        // Outcomes over A + B: 8 answers, career 17 + 6.
        Assert.Equal(new Mean(23 / 8.0, 8), skills.Outcomes["career-advancement"]);
    }

    [Fact]
    public void Whole_program_counts_every_pair_but_only_pair_alerts()
    {
        var all = Group(GroupKind.Program, "all");

        Assert.Equal((18, 9, 12), (all.People, all.Pairs, all.MeetingsHeld));
        Assert.Equal(12 / (336 / DaysPerMonth), all.MeetingsPerPairPerMonth!.Value, 9);
        Assert.Equal(6, all.EscalationsByCause.Values.Sum());
        Assert.Equal(new Mean(23 / 6.0, 6), all.Midpoint);
        Assert.Empty(all.SharedLearning);
    }

    [Fact]
    public void A_report_for_one_cohort_has_only_that_cohorts_pairs()
    {
        var report = ProgramReport.Compute(ReportSeed.Inputs(), "b");

        Assert.Equal(["b"], report.OfKind(GroupKind.Cohort).Select(g => g.Key));
        Assert.Equal(3, report.OfKind(GroupKind.Program).Single().Pairs);
        Assert.True(report.Groups.Single(g => g.Kind == GroupKind.Training && g.Key == nameof(MentorTraining.Substantive)).Suppressed);
    }

    [Fact]
    public void Baselines_are_averaged_per_group_for_before_and_after()
    {
        // A: belonging 2+3+3+4+1 = 13, confidence 3+3+4+4+2 = 16 over 5; B: 2 answers, too few.
        (string Pair, int Belonging, int Confidence)[] answers = [("a1", 2, 3), ("a1", 3, 3), ("a2", 3, 4), ("a3", 4, 4), ("a4", 1, 2), ("b1", 5, 5), ("b2", 4, 4)];
        var inputs = ReportSeed.Inputs() with
        {
            Baselines = answers.Select((b, i) => new Features.MentorCohorts.BaselineAnswer
            {
                TenantId = "t", ProgramId = "p", PairId = b.Pair, PersonId = $"person-{i}", Role = i % 2 == 0 ? "mentor" : "mentee",
                SenseOfBelonging = b.Belonging, FocusConfidence = b.Confidence,
            }).ToList(),
        };

        var report = ProgramReport.Compute(inputs);
        var a = report.Groups.Single(g => g.Kind == GroupKind.Cohort && g.Key == "a");
        var b = report.Groups.Single(g => g.Kind == GroupKind.Cohort && g.Key == "b");

        Assert.Equal(new Mean(13 / 5.0, 5), a.BaselineBelonging);
        Assert.Equal(new Mean(16 / 5.0, 5), a.BaselineConfidence);
        Assert.Equal(new Mean(null, 2), b.BaselineBelonging);
    }

    private static Dictionary<CheckInRating, int> Counts(int working, int better, int not) =>
        new() { [WorkingWell] = working, [CouldBeBetter] = better, [NotWorking] = not };
}
