using MentorBot.Features.Expectations;
using MentorBot.Features.Pairs;
using MentorBot.Testing;

namespace MentorBot.IntegrationTests.Expectations;

public sealed class AgreementRevisionTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public AgreementRevisionTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task Revising_makes_a_new_version_both_confirm_again_and_an_old_card_cannot_confirm_it()
    {
        await using var pair = await PairScenario.StartAsync(_azurite);
        await pair.AnswerAllByTypingAsync(pair.Mentor, PairScenario.MentorTypedAnswers);
        await pair.AnswerAllByTypingAsync(pair.Mentee, PairScenario.MenteeTypedAnswers);
        var firstMentorCard = pair.LastAgreementCard(pair.Mentor);
        var firstMenteeCard = pair.LastAgreementCard(pair.Mentee);
        await pair.PressAsync(firstMentorCard, pair.Mentor, AgreementCard.ConfirmVerb);

        // The mentor revises from the card: previous answers are the defaults, she changes only the frequency.
        await pair.PressAsync(firstMentorCard, pair.Mentor, AgreementCard.ReviseVerb);
        Assert.Contains("Reviews of your design documents", pair.LastQuestion(pair.Mentor).AllText, StringComparison.Ordinal);
        await pair.AnswerAllByTypingAsync(pair.Mentor, ["keep", "keep", "keep", "weekly", "keep", "keep", "keep"]);

        var versions = await pair.AgreementsAsync();
        Assert.Equal([1, 2], versions.Select(v => v.Agreement.Version));
        Assert.Equal([false, true], versions.Select(v => v.IsCurrent));
        var second = versions[1].Agreement;
        Assert.Empty(second.Confirmations);
        Assert.Equal(PairRole.Mentor, second.RevisedBy);
        Assert.DoesNotContain(second.Differences, d => d.Kind == MisalignmentKind.MeetingFrequency);
        Assert.Equal(PairScenario.MentorTypedAnswers[0], second.Mentor.Offer);
        Assert.Contains("version 2", pair.LastAgreementCard(pair.Mentee).AllText, StringComparison.Ordinal);

        var stale = await pair.PressAsync(firstMenteeCard, pair.Mentee, AgreementCard.ConfirmVerb);
        Assert.Contains("older version", PairScenario.Text(stale), StringComparison.Ordinal);
        Assert.Empty((await pair.AgreementsAsync())[1].Agreement.Confirmations);

        await pair.PressAsync(pair.LastAgreementCard(pair.Mentee), pair.Mentee, AgreementCard.ConfirmVerb);
        Assert.Equal(PairStage.Expectations, (await pair.StoredPairAsync()).Stage);
        await pair.PressAsync(pair.LastAgreementCard(pair.Mentor), pair.Mentor, AgreementCard.ConfirmVerb);

        versions = await pair.AgreementsAsync();
        Assert.True(versions[1].Agreement.IsConfirmed);
        Assert.False(versions[0].Agreement.IsConfirmed);
        Assert.Equal(PairStage.Initial, (await pair.StoredPairAsync()).Stage);
    }

    [Fact]
    public async Task Revising_after_confirming_keeps_the_pair_in_its_phase_and_the_same_answers_change_nothing()
    {
        await using var pair = await PairScenario.StartAsync(_azurite);
        await pair.AnswerAllByTypingAsync(pair.Mentor, PairScenario.MentorTypedAnswers);
        await pair.AnswerAllByTypingAsync(pair.Mentee, PairScenario.MenteeTypedAnswers);
        await pair.PressAsync(pair.LastAgreementCard(pair.Mentor), pair.Mentor, AgreementCard.ConfirmVerb);
        await pair.PressAsync(pair.LastAgreementCard(pair.Mentee), pair.Mentee, AgreementCard.ConfirmVerb);

        await pair.SayAsync(pair.Mentee, "revise");
        await pair.AnswerAllByTypingAsync(pair.Mentee, Enumerable.Repeat("keep", 7));
        Assert.Contains("same as before", pair.SentTo(pair.Mentee)[^1].Text, StringComparison.Ordinal);
        Assert.Single(await pair.AgreementsAsync());

        await pair.SayAsync(pair.Mentee, "revise");
        await pair.AnswerAllByTypingAsync(pair.Mentee, ["keep", "keep", "keep", "monthly", "keep", "keep", "keep"]);
        var versions = await pair.AgreementsAsync();
        Assert.Equal(2, versions.Count);
        Assert.Equal(PairStage.Initial, (await pair.StoredPairAsync()).Stage);

        await pair.PressAsync(pair.LastAgreementCard(pair.Mentee), pair.Mentee, AgreementCard.ConfirmVerb);
        await pair.PressAsync(pair.LastAgreementCard(pair.Mentor), pair.Mentor, AgreementCard.ConfirmVerb);
        Assert.Contains("confirmed version 2", pair.SentTo(pair.Mentor)[^1].AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("ambiguity", pair.SentTo(pair.Mentor)[^1].AllText, StringComparison.Ordinal);
    }
}
