using MentorBot.Features.Matching;
using MentorBot.Features.Pairs;

namespace MentorBot.Cards.Tests;

/// <summary>The matching feature's cards (listed in <see cref="CardSamples.Covers"/>), with awkward data.</summary>
internal static class MatchingSamples
{
    public static IEnumerable<(string Name, AdaptiveCard Card)> All()
    {
        var program = SampleData.Program();
        var pair = SampleData.Pair();
        var fit = new MatchFit(7.5, [MatchCriterion.OffersWhatMenteeWants, MatchCriterion.SharedField],
            ["offers design reviews and giving and receiving feedback, which Mia asked for", $"both in {SampleData.LongName}"]);
        var suggestions = new[]
        {
            new Suggestion("mentor-1", SampleData.LongName, fit),
            new Suggestion("mentor-2", SampleData.UnicodeName, fit with { Score = 3, Reasons = [$"both {Backgrounds.Label("career-changer")}"] }),
            new Suggestion("mentor-3", SampleData.RtlName, new MatchFit(0, [], [])),
        };
        yield return ("matching-suggestions-three", SuggestionsCard.Create(program, pair.Mentee.Id, pair.Mentee.Name, "Their pairing ended for a rematch.", suggestions));
        yield return ("matching-suggestions-none", SuggestionsCard.Create(program, pair.Mentee.Id, SampleData.CjkName, "As you asked.", []));

        var proposal = Proposal(12, 8);
        yield return ("matching-cohort-proposal", CohortMatchCard.Create(proposal));
        yield return ("matching-cohort-proposal-largest", CohortMatchCard.Create(Proposal(CohortMatchCard.MaxMentees, 15)));
        yield return ("matching-cohort-confirmed", CohortMatchCard.Confirmed(proposal, [pair], [$"{SampleData.UnicodeName}: {SampleData.LongText}"]));
        yield return ("matching-cohort-confirmed-none", CohortMatchCard.Confirmed(proposal, [], []));

        yield return ("matching-profile-questions-mentee", ProfileQuestionsCard.Create(program.ProgramId, program.Name, "spring-2027", SampleData.LongName, PairRole.Mentee));
        yield return ("matching-profile-questions-mentor", ProfileQuestionsCard.Create(program.ProgramId, program.Name, "spring-2027", "Spring 2027", PairRole.Mentor));
        var answers = new ProfileAnswers(pair.Mentee.Id, "spring-2027") { Wants = [.. SkillTopics.All.Select(t => t.Key)], Background = ["carer", "moved-countries"] };
        yield return ("matching-profile-saved-mentee", ProfileQuestionsCard.Saved(answers, PairRole.Mentee));
        yield return ("matching-profile-saved-mentor-empty", ProfileQuestionsCard.Saved(new ProfileAnswers(pair.Mentor.Id, "spring-2027"), PairRole.Mentor));

        var evidence = new[]
        {
            new CriterionEvidence(MatchCriterion.SharedField, 41, 32, 20, 10, 3, 3.84),
            new CriterionEvidence(MatchCriterion.OffersWhatMenteeWants, 3, 3, 58, 30, 4, 4),
            new CriterionEvidence(MatchCriterion.SharedBackground, 7, 4, 54, 30, 2, 2),
            new CriterionEvidence(MatchCriterion.SimilarRole, 30, 15, 31, 16, 1, 0.98),
            new CriterionEvidence(MatchCriterion.SameOffice, 0, 0, 61, 34, 0.5, 0.5),
        };
        yield return ("matching-learning", MatchLearningCard.Create(SampleData.LongName, evidence));
    }

    private static CohortProposal Proposal(int mentees, int mentors)
    {
        var fits = Enumerable.Range(0, mentees).Select(i => (IReadOnlyList<ProposedFit?>)Enumerable.Range(0, mentors)
            .Select(j => (i + j) % 5 == 0 ? null : new ProposedFit(i % 4 + j % 3, $"both in {SampleData.LongName}; offers design reviews, which they asked for"))
            .ToList()).ToList();
        return new CohortProposal
        {
            TenantId = SampleData.TenantId,
            ProgramId = "sales-mentoring",
            ProposalId = "0123456789abcdef",
            CohortId = "spring-2027",
            CohortName = SampleData.LongName,
            Mentees = Enumerable.Range(0, mentees).Select(i => new ProposedPerson($"mentee-{i}", i % 2 == 0 ? SampleData.UnicodeName : SampleData.LongName)).ToList(),
            Mentors = Enumerable.Range(0, mentors).Select(j => new ProposedPerson($"mentor-{j}", j % 2 == 0 ? SampleData.RtlName : SampleData.CjkName)).ToList(),
            Room = Enumerable.Repeat(2, mentors).ToList(),
            Fits = fits,
            Proposed = Enumerable.Range(0, mentees).Select(i => i == 0 ? -1 : Enumerable.Range(0, mentors).First(j => fits[i][j] is not null)).ToList(),
        };
    }
}
