using MentorBot.Features.Expectations;
using MentorBot.Features.Pairs;
using MentorBot.Testing;

namespace MentorBot.IntegrationTests.Expectations;

public sealed class ExpectationsConversationTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public ExpectationsConversationTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task Both_answer_one_by_typing_one_by_card_across_a_restart_see_the_mismatch_and_confirm_into_the_initial_phase()
    {
        await using var pair = await PairScenario.StartAsync(_azurite);
        Assert.Contains("Expectations with Max Mentee", pair.LastQuestion(pair.Mentor).AllText, StringComparison.Ordinal);
        Assert.Contains("What do you want to learn or achieve", pair.LastQuestion(pair.Mentee).AllText, StringComparison.Ordinal);

        // The mentor types; the service restarts in the middle of her questions.
        await pair.AnswerAllByTypingAsync(pair.Mentor, PairScenario.MentorTypedAnswers[..3]);
        pair.Bot.Restart();
        await pair.AnswerAllByTypingAsync(pair.Mentor, PairScenario.MentorTypedAnswers[3..]);
        Assert.Contains("hasn't finished theirs yet", pair.SentTo(pair.Mentor)[^1].Text, StringComparison.Ordinal);

        // The mentee answers with the cards.
        foreach (var answer in new[] { "Lead design reviews", "Feedback to senior engineers", ExpectationChoices.QuickQuestions, ExpectationChoices.Weekly, "chat,video", "Within the week", "I run two design reviews alone" })
        {
            await pair.AnswerCardAsync(pair.Mentee, answer);
        }

        const string mismatch = "Max Mentee would like to meet weekly; Mia Mentor suggested monthly.";
        var mentorCard = pair.LastAgreementCard(pair.Mentor);
        var menteeCard = pair.LastAgreementCard(pair.Mentee);
        Assert.Contains(mismatch, mentorCard.AllText, StringComparison.Ordinal);
        Assert.Contains(mismatch, menteeCard.AllText, StringComparison.Ordinal);
        Assert.Contains("prevents quiet resentment later", menteeCard.AllText, StringComparison.Ordinal);
        Assert.Contains("Reviews of your design documents", menteeCard.AllText, StringComparison.Ordinal);
        // The reply says where the agreement is; the card itself follows the reply.
        Assert.Contains(pair.SentTo(pair.Mentee).TakeLast(2), m => m.Text?.Contains("agreement is ready", StringComparison.Ordinal) == true);

        var first = await pair.PressAsync(mentorCard, pair.Mentor, AgreementCard.ConfirmVerb, (AgreementCard.SettlementInputId, "We'll meet every two weeks."));
        Assert.Contains("Mia Mentor has confirmed", PairScenario.Text(first), StringComparison.Ordinal);
        Assert.Equal(PairStage.Expectations, (await pair.StoredPairAsync()).Stage);
        await pair.PressAsync(menteeCard, pair.Mentee, AgreementCard.ConfirmVerb);

        var (agreement, isCurrent) = Assert.Single(await pair.AgreementsAsync());
        Assert.True(isCurrent);
        Assert.True(agreement.IsConfirmed);
        Assert.Equal("We'll meet every two weeks.", Assert.Single(agreement.Settlements).Note);
        Assert.Equal(MisalignmentKind.MeetingFrequency, Assert.Single(agreement.Differences).Kind);
        Assert.Equal(PairStage.Initial, (await pair.StoredPairAsync()).Stage);
        Assert.Contains("ambiguity is normal", pair.SentTo(pair.Mentor)[^1].AllText, StringComparison.Ordinal);
        Assert.Contains("ambiguity is normal", pair.SentTo(pair.Mentee)[^1].AllText, StringComparison.Ordinal);

        await pair.SayAsync(pair.Mentee, "agreement");
        var shown = pair.SentTo(pair.Mentee)[^1].AllText;
        Assert.Contains("Confirmed by both of you", shown, StringComparison.Ordinal);
        Assert.Contains(mismatch, shown, StringComparison.Ordinal);
        Assert.Contains("Mia Mentor: We'll meet every two weeks.", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_a_pair_chat_the_agreement_goes_there_and_another_group_chat_never_sees_it()
    {
        await using var pair = await PairScenario.StartAsync(_azurite);
        var pairChat = ConversationIds.NewGroupChat();
        pair.Bot.Channel.SetConversationMembers(pairChat, pair.Mentor, pair.Mentee);
        using (await pair.Bot.SendAsync(pair.Bot.Activities.BotAddedToGroupChat(pairChat, pair.Mentor)))
        {
        }

        Assert.Equal(pairChat, (await pair.StoredPairAsync()).PairChatConversationId);
        await pair.AnswerAllByTypingAsync(pair.Mentor, PairScenario.MentorTypedAnswers);
        await pair.AnswerAllByTypingAsync(pair.Mentee, PairScenario.MenteeTypedAnswers);

        var card = Assert.Single(pair.Bot.Channel.ActivitiesSentTo(pairChat), c => c.AllText.Contains("Your expectations agreement", StringComparison.Ordinal));
        Assert.Contains("weekly", card.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(pair.SentTo(pair.Mentor), c => c.AllText.Contains("Your expectations agreement", StringComparison.Ordinal));

        // The partner sees the confirmation on the same card, updated in place.
        await pair.PressAsync(card, pair.Mentor, AgreementCard.ConfirmVerb);
        var update = Assert.Single(pair.Bot.Channel.Calls, c => c.Method == "PUT" && c.ActivityId == card.MessageId);
        Assert.Contains("Mia Mentor has confirmed", update.AllText, StringComparison.Ordinal);

        var otherChat = ConversationIds.NewGroupChat();
        using (await pair.Bot.SendAsync(pair.Bot.Activities.GroupChatMessage(otherChat, pair.Mentee, "agreement")))
        {
        }

        var refusal = pair.Bot.Channel.ActivitiesSentTo(otherChat)[^1];
        Assert.Contains("isn't the pair chat", refusal.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Lead design reviews", refusal.AllText, StringComparison.Ordinal);

        using (await pair.Bot.SendAsync(pair.Bot.Activities.GroupChatMessage(pairChat, pair.Mentee, "agreement")))
        {
        }

        Assert.Contains("Your expectations agreement", pair.Bot.Channel.ActivitiesSentTo(pairChat)[^1].AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mentor_with_two_new_pairs_answers_one_set_of_questions_at_a_time()
    {
        await using var pair = await PairScenario.StartAsync(_azurite);
        var second = TestUser.Create("Noor Newcomer");
        var before = pair.SentTo(pair.Mentor).Count;

        await pair.RegisterAnotherMenteeAsync(second);

        Assert.Contains("What do you want to learn or achieve", pair.LastQuestion(second).AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(pair.SentTo(pair.Mentor).Skip(before), c => c.AllText.Contains("Expectations with Noor Newcomer", StringComparison.Ordinal));
        Assert.Contains("Expectations with Max Mentee", pair.LastQuestion(pair.Mentor).AllText, StringComparison.Ordinal);

        await pair.AnswerAllByTypingAsync(pair.Mentor, PairScenario.MentorTypedAnswers);
        await pair.Bot.RunJobsAsync();

        Assert.Contains("Expectations with Noor Newcomer", pair.LastQuestion(pair.Mentor).AllText, StringComparison.Ordinal);
        await pair.SayAsync(pair.Mentor, "Career advice");
        Assert.Equal("Career advice", (await pair.DialogOfAsync(pair.Mentor))!.Value(ExpectationsQuestions.Offer));
    }
}
