using MentorBot.Cards;
using MentorBot.Features.MentorCohorts;

namespace MentorBot.Tests.MentorCohorts;

public sealed class CohortDigestTests
{
    private static AccountabilityAnswer Answer(string mentor, string cohort, string month, bool share, string text) => new()
    {
        TenantId = "t",
        ProgramId = "p",
        CohortId = cohort,
        PairId = $"pair-{mentor}",
        MentorId = mentor,
        Month = month,
        HowItIsGoing = 4,
        Challenge = $"challenge {text}",
        WhatWorked = $"worked {text}",
        LearningFromMentee = $"learning {text}",
        ShareAnonymously = share,
    };

    [Fact]
    public void An_opted_out_answer_never_appears_in_a_digest_and_names_never_do()
    {
        var answers = new[]
        {
            Answer("mia", "a", "2027-02", share: true, "shared-one"),
            Answer("ola", "a", "2027-02", share: false, "kept-private"),
            Answer("pia", "b", "2027-02", share: true, "other-cohort"),
            Answer("ian", "a", "2027-01", share: true, "last-month"),
        };

        var shared = CohortDigest.Shared(answers, "a", "2027-02");
        var json = CardJson.Serialize(CohortDigestCard.Create("Spring A", "2027-02", shared));

        Assert.Equal(["mia"], shared.Select(a => a.MentorId));
        Assert.Contains("challenge shared-one", json, StringComparison.Ordinal);
        Assert.Contains("learning shared-one", json, StringComparison.Ordinal);
        foreach (var hidden in new[] { "kept-private", "other-cohort", "last-month", "mia", "pair-mia" })
        {
            Assert.DoesNotContain(hidden, json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Next_months_run_is_on_the_configured_day_and_hour()
    {
        var settings = new MentorCohortSettings { DayOfMonth = 3, HourUtc = 8 };

        Assert.Equal(new DateTimeOffset(2027, 2, 3, 8, 0, 0, TimeSpan.Zero), CohortMonth.NextRun(new DateTimeOffset(2027, 1, 31, 23, 0, 0, TimeSpan.Zero), settings));
        Assert.Equal("2026-12", CohortMonth.Previous(new DateTimeOffset(2027, 1, 1, 9, 0, 0, TimeSpan.Zero)));
    }
}
