using MentorBot.Conversations.Dialogs;
using MentorBot.Features.Expectations;
using MentorBot.Features.Pairs;
using MentorBot.Testing;

namespace MentorBot.IntegrationTests.Expectations;

/// <summary>Every card checks who answers: a stranger, a second press, a stale version or a closed pair changes nothing.</summary>
public sealed class AgreementGuardTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;
    private readonly TestUser _stranger = TestUser.Create("Eve Elsewhere");

    public AgreementGuardTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task A_strangers_answer_to_a_partys_question_card_is_refused_and_a_double_submit_changes_nothing()
    {
        await using var pair = await PairScenario.StartAsync(_azurite);
        var question = pair.LastQuestion(pair.Mentee);

        var byStranger = await pair.PressAsync(question, _stranger, "dialog.answer", ("answer", "Eve's goal"));
        Assert.Contains("someone else", PairScenario.Text(byStranger), StringComparison.Ordinal);
        Assert.Equal(0, (await pair.DialogOfAsync(pair.Mentee))!.StepIndex);

        await pair.PressAsync(question, pair.Mentee, "dialog.answer", ("answer", "Lead design reviews"));
        var again = await pair.PressAsync(question, pair.Mentee, "dialog.answer", ("answer", "Something else"));
        Assert.Contains("already been answered", PairScenario.Text(again), StringComparison.Ordinal);
        var state = (await pair.DialogOfAsync(pair.Mentee))!;
        Assert.Equal(1, state.StepIndex);
        Assert.Equal("Lead design reviews", state.Value(ExpectationsQuestions.Goals));
    }

    [Fact]
    public async Task Only_the_two_parties_confirm_and_each_only_once()
    {
        await using var pair = await PairScenario.StartAsync(_azurite);
        await pair.AnswerAllByTypingAsync(pair.Mentor, PairScenario.MentorTypedAnswers);
        await pair.AnswerAllByTypingAsync(pair.Mentee, PairScenario.MenteeTypedAnswers);
        var card = pair.LastAgreementCard(pair.Mentor);

        var byStranger = await pair.PressAsync(card, _stranger, AgreementCard.ConfirmVerb, (AgreementCard.SettlementInputId, "I settle it"));
        Assert.Contains("Only the mentor and the mentee", PairScenario.Text(byStranger), StringComparison.Ordinal);
        var untouched = Assert.Single(await pair.AgreementsAsync()).Agreement;
        Assert.Empty(untouched.Confirmations);
        Assert.Empty(untouched.Settlements);

        await pair.PressAsync(card, pair.Mentor, AgreementCard.ConfirmVerb, (AgreementCard.SettlementInputId, "Every two weeks"));
        var twice = await pair.PressAsync(card, pair.Mentor, AgreementCard.ConfirmVerb, (AgreementCard.SettlementInputId, "Changed my mind"));
        Assert.Contains("already confirmed", PairScenario.Text(twice), StringComparison.Ordinal);

        var agreement = Assert.Single(await pair.AgreementsAsync()).Agreement;
        Assert.Equal(PairRole.Mentor, Assert.Single(agreement.Confirmations).Role);
        Assert.Equal("Every two weeks", Assert.Single(agreement.Settlements).Note);
        Assert.Equal(PairStage.Expectations, (await pair.StoredPairAsync()).Stage);
    }

    [Fact]
    public async Task After_the_pair_closed_neither_answers_nor_confirmations_are_taken()
    {
        await using var pair = await PairScenario.StartAsync(_azurite);
        await pair.AnswerAllByTypingAsync(pair.Mentor, PairScenario.MentorTypedAnswers);
        await pair.AnswerAllByTypingAsync(pair.Mentee, PairScenario.MenteeTypedAnswers);
        var card = pair.LastAgreementCard(pair.Mentee);
        await pair.SayAsync(pair.Mentor, "revise");
        await pair.AnswerAllByTypingAsync(pair.Mentor, Enumerable.Repeat("keep", 6));

        await pair.ClosePairAsync();
        // The revision's last answer comes after the pair closed: it is refused.
        await pair.SayAsync(pair.Mentor, "We will both have changed teams");
        var confirm = await pair.PressAsync(card, pair.Mentee, AgreementCard.ConfirmVerb);

        Assert.Contains("pair has ended", pair.SentTo(pair.Mentor)[^1].Text, StringComparison.Ordinal);
        Assert.Contains("pair has ended", PairScenario.Text(confirm), StringComparison.Ordinal);
        var (agreement, _) = Assert.Single(await pair.AgreementsAsync());
        Assert.Empty(agreement.Confirmations);
        Assert.Equal(PairScenario.MentorTypedAnswers[6], agreement.Mentor.SuccessCriteria);
        var stored = await pair.Bot.EntitiesAsync("Expectations");
        Assert.All(stored, e => Assert.DoesNotContain("changed teams", e.GetString("Answers"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pair_closed_in_the_middle_of_the_questions_takes_no_further_answer_by_text_or_card()
    {
        await using var pair = await PairScenario.StartAsync(_azurite);
        await pair.AnswerAllByTypingAsync(pair.Mentor, PairScenario.MentorTypedAnswers.Take(2));
        int QuestionsSent() => pair.SentTo(pair.Mentor).Count(c => PairScenario.FirstVerb(c) == PromptCard.AnswerVerb);
        var questionsBefore = QuestionsSent();

        await pair.ClosePairAsync();
        await pair.SayAsync(pair.Mentor, "Something private after closure");
        var byCard = await pair.AnswerCardAsync(pair.Mentor, "And by card");

        Assert.Contains("pair has ended", pair.SentTo(pair.Mentor)[^1].Text, StringComparison.Ordinal);
        Assert.Null(await pair.DialogOfAsync(pair.Mentor));
        Assert.DoesNotContain(await pair.Bot.EntitiesAsync("Expectations"), e => e.GetString("Answers")?.Contains("after closure", StringComparison.Ordinal) == true);
        Assert.Equal(questionsBefore, QuestionsSent());
        Assert.Contains("no longer current", PairScenario.Text(byCard), StringComparison.Ordinal);
    }
}
