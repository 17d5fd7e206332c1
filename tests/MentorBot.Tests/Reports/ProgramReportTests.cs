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
        Assert.Equal(Counts(2, 0, 1), a.StructureRatings);
        Assert.Equal(new Dictionary<string, int> { ["needs"] = 1, ["differently"] = 1 }, a.CheckInRequests);
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
        Assert.Equal(Counts(0, 1, 0), b.StructureRatings);
        Assert.Equal(1, b.CheckInRequests["differently"]);
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
        Assert.Equal(["Tiny C"], _report.TooSmall);
        Assert.False(_report.TooSmallInTotals);
    }

    [Fact]
    public void A_suppressed_cohort_cannot_be_worked_out_by_subtracting_shown_groups()
    {
        var shown = _report.OfKind(GroupKind.Cohort).Where(g => !g.Suppressed).ToList();
        var all = Group(GroupKind.Program, "all");
        var brief = Group(GroupKind.Training, nameof(MentorTraining.BriefOrientation));
        var goals = Group(GroupKind.ExplicitGoals, "yes");
        var menteeChoice = Group(GroupKind.MatchingCriteria, "mentee choice");

        // The program is exactly its shown cohorts, so program minus cohorts leaves nothing of C.
        Assert.Equal(all.Pairs, shown.Sum(g => g.Pairs));
        Assert.Equal(all.MeetingsHeld, shown.Sum(g => g.MeetingsHeld));
        Assert.Equal(all.CheckInAnswers, shown.Sum(g => g.CheckInAnswers));
        Assert.Equal(all.ExpectationsCompleted, shown.Sum(g => g.ExpectationsCompleted));
        Assert.Equal(all.EscalationsByCause.Values.Sum(), shown.Sum(g => g.EscalationsByCause.Values.Sum()));

        // Means: only cohorts whose own mean is shown count in a combined one, so B's three outcome answers (too few
        // for B's mean) are not in "skills" (A + B) either; otherwise "skills" minus A would give B's mean away.
        Assert.Equal(all.Outcomes["satisfaction"].Count, shown.Where(g => g.Outcomes["satisfaction"].Shown).Sum(g => g.Outcomes["satisfaction"].Count));
        Assert.Equal(Group(GroupKind.Cohort, "a").Outcomes, Group(GroupKind.MatchingCriteria, "skills").Outcomes);
        Assert.Equal(Group(GroupKind.Cohort, "a").Midpoint, all.Midpoint);

        // Brief orientation is B + D, explicit goals A + D, "mentee choice" D alone: none of them holds C's pairs.
        Assert.Equal((12, 6), (brief.People, brief.Pairs));
        Assert.Equal((14, 7), (goals.People, goals.Pairs));
        Assert.Equal((6, 3, 3), (menteeChoice.People, menteeChoice.Pairs, menteeChoice.MeetingsHeld));
        Assert.Equal(new Mean(null, 0), menteeChoice.Outcomes["career-advancement"]);
    }

    [Fact]
    public void Small_groups_that_together_reach_five_people_count_together_in_the_program_totals_only()
    {
        // C (4 people) and one pair without a cohort (2 people): 6 together, so the totals include both, but no
        // shown group holds either alone, and the program minus the shown cohorts is the two together.
        var inputs = ReportSeed.Inputs();
        var loose = ReportSeed.Pair("x1", null, PairStage.Working, new DateOnly(2027, 2, 1), null, null);

        var report = ProgramReport.Compute(inputs with { Pairs = [.. inputs.Pairs, loose] });
        var all = report.OfKind(GroupKind.Program).Single();
        var shown = report.OfKind(GroupKind.Cohort).Where(g => !g.Suppressed).ToList();

        Assert.Equal(["Tiny C", ProgramReport.WithoutCohort], report.TooSmall);
        Assert.True(report.TooSmallInTotals);
        Assert.Equal((26, 13), (all.People, all.Pairs));
        Assert.Equal(3, all.Pairs - shown.Sum(g => g.Pairs));
        Assert.Equal((12, 6), (report.Groups.Single(g => g.Key == nameof(MentorTraining.BriefOrientation)).People, report.Groups.Single(g => g.Key == nameof(MentorTraining.BriefOrientation)).Pairs));

        // C's single outcome answer is too few on its own, even pooled: the program's means count A's five only.
        Assert.Equal(new Mean(22 / 5.0, 5), all.Outcomes["satisfaction"]);
        Assert.StartsWith("Fewer than 5 people each, so counted only together in the whole-program totals", ReportCard.TooSmallNote(report), StringComparison.Ordinal);
        Assert.Contains("Program,Whole program,counted_only_together_in_program_totals,Tiny C,fewer than 5 people,", ReportCsv.Build(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Pairs_without_a_cohort_are_a_group_of_their_own_in_the_totals_when_there_are_enough_of_them()
    {
        var inputs = ReportSeed.Inputs();
        var loose = Enumerable.Range(1, 3).Select(i => ReportSeed.Pair($"x{i}", null, PairStage.Working, new DateOnly(2027, 2, 1), null, null));

        var report = ProgramReport.Compute(inputs with { Pairs = [.. inputs.Pairs, .. loose] });

        Assert.Equal(["Tiny C"], report.TooSmall);
        Assert.False(report.TooSmallInTotals);
        Assert.Equal((26, 13), (report.OfKind(GroupKind.Program).Single().People, report.OfKind(GroupKind.Program).Single().Pairs));
    }

    [Fact]
    public void A_report_for_a_small_cohort_says_the_cohort_is_too_small()
    {
        var card = ReportCard.Create("P", ProgramReport.Compute(ReportSeed.Inputs(), "c"));

        Assert.Contains(card.Body.OfType<Cards.TextBlock>(), t => t.Text.StartsWith("This cohort has fewer than 5 people", StringComparison.Ordinal));
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

        // Brief = B + D (C is left out): 12 people, 6 pairs, meetings 3 + 3 over 68 + 76 days; D's cadence alert joins B's.
        Assert.False(brief.Suppressed);
        Assert.Equal((12, 6, 6), (brief.People, brief.Pairs, brief.MeetingsHeld));
        Assert.Equal(6 / (144 / DaysPerMonth), brief.MeetingsPerPairPerMonth!.Value, 9);
        Assert.Equal(2, brief.EscalationsByCause["cadence"]);
        Assert.Equal(3, brief.ExpectationsCompleted);
        Assert.Equal(Counts(1, 1, 0), brief.StructureRatings);
        Assert.Equal(2, brief.CheckInRequests["needs"]);

        // Explicit goals = A + D (14 people); none = B.
        Assert.Equal((14, 7, 10), (goals.People, goals.Pairs, goals.MeetingsHeld));
        Assert.Equal((6, 3), (noGoals.People, noGoals.Pairs));

        // "skills" and " Skills " are the same criteria: A + B.
        Assert.Equal((14, 7, 10), (skills.People, skills.Pairs, skills.MeetingsHeld));

        // Outcomes over A + B count A's 5 answers only: B's 3 are too few to show for B, so they are not combined.
        Assert.Equal(new Mean(17 / 5.0, 5), skills.Outcomes["career-advancement"]);
    }

    [Fact]
    public void Whole_program_counts_every_pair_but_only_pair_alerts()
    {
        var all = Group(GroupKind.Program, "all");

        // A + B + D (C is left out): 20 people, 10 pairs, meetings 7 + 3 + 3 over 150 + 68 + 76 days.
        Assert.Equal((20, 10, 13), (all.People, all.Pairs, all.MeetingsHeld));
        Assert.Equal(13 / (294 / DaysPerMonth), all.MeetingsPerPairPerMonth!.Value, 9);
        Assert.Equal(6, all.EscalationsByCause.Values.Sum());
        // Midpoint: A's 5 ratings; B's single one is too few to count.
        Assert.Equal(new Mean(18 / 5.0, 5), all.Midpoint);
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
