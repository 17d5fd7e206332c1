using MentorBot.Features.Matching;

namespace MentorBot.Tests.Matching;

public sealed class MatchFitTests
{
    [Fact]
    public void Reasons_name_the_shared_field_and_the_topic_offered_in_plain_words_without_quoting_what_anyone_wrote()
    {
        const string Private = "my manager ignores me in design reviews (secret-77)";
        var mentee = new MatchProfile("mentee", "Mia Chen") { Department = "Platform Engineering", Wants = SkillTopics.In(Private) };
        var mentor = new MatchProfile("mentor", "Alex Rivera")
        {
            Department = "platform engineering",
            Offers = SkillTopics.In("Happy to run design reviews and give feedback"),
        };

        var fit = MatchFit.Of(mentor, mentee, MatchWeights.Starting);

        Assert.Equal([MatchCriterion.OffersWhatMenteeWants, MatchCriterion.SharedField], fit.Criteria);
        Assert.Equal(7, fit.Score);
        Assert.Equal("offers design reviews, which Mia asked for; both in platform engineering", fit.Explanation);
        Assert.DoesNotContain("secret", fit.Explanation, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("manager", fit.Explanation, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Seniority_words_do_not_make_roles_similar_but_a_shared_job_word_does()
    {
        var lead = new MatchProfile("a", "A") { JobTitle = "Senior Lead" };
        var junior = new MatchProfile("b", "B") { JobTitle = "Junior Lead" };
        var engineer = new MatchProfile("c", "C") { JobTitle = "Principal Engineer" };
        var engineer2 = new MatchProfile("d", "D") { JobTitle = "Engineer II" };

        Assert.DoesNotContain(MatchCriterion.SimilarRole, MatchFit.Of(lead, junior, MatchWeights.Starting).Criteria);
        Assert.Contains(MatchCriterion.SimilarRole, MatchFit.Of(engineer, engineer2, MatchWeights.Starting).Criteria);
    }
}
