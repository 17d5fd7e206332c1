using MentorBot.Conversations.Dialogs;
using MentorBot.Features.Expectations;
using MentorBot.Features.Pairs;
using Microsoft.Extensions.DependencyInjection;
using MentorBot.Testing;

namespace MentorBot.IntegrationTests.Expectations;

/// <summary>A mentor with two new mentees: the second pair's questions wait in line, and an interruption returns to them.</summary>
public sealed class SeveralMenteesTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public SeveralMenteesTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task The_second_pairs_questions_follow_by_themselves_and_a_rematch_in_the_middle_returns_to_them()
    {
        await using var pair = await PairScenario.StartAsync(_azurite);
        var second = TestUser.Create("Noor Newcomer");
        await pair.RegisterAnotherMenteeAsync(second);
        Assert.Contains("About your mentoring with Max Mentee", pair.LastQuestion(pair.Mentor).AllText, StringComparison.Ordinal);

        // A rematch typed in the middle of the questions: the questions are suspended, then resume at question 3.
        await pair.AnswerAllByTypingAsync(pair.Mentor, PairScenario.MentorTypedAnswers[..2]);
        await pair.SayAsync(pair.Mentor, "rematch");
        await pair.SayAsync(pair.Mentor, "cancel");
        var total = ExpectationsQuestions.For(Features.Pairs.PairRole.Mentor, "Max Mentee").Count;
        Assert.Contains(pair.SentTo(pair.Mentor), c => c.Text == $"Back to your questions with Max Mentee: question 3 of {total}");
        Assert.Contains("About your mentoring with Max Mentee", pair.LastQuestion(pair.Mentor).AllText, StringComparison.Ordinal);

        // Finishing the first pair's questions starts the second pair's at once, with no job and no typed command.
        await pair.AnswerAllByTypingAsync(pair.Mentor, PairScenario.MentorTypedAnswers[2..]);
        Assert.Contains("About your mentoring with Noor Newcomer", pair.LastQuestion(pair.Mentor).AllText, StringComparison.Ordinal);
        await pair.AnswerAllByTypingAsync(pair.Mentor, PairScenario.MentorTypedAnswers);
        Assert.Null(await pair.DialogOfAsync(pair.Mentor));
    }

    [Fact]
    public async Task The_reminder_for_the_waiting_pair_names_that_pair_and_does_not_point_at_the_other_pairs_questions()
    {
        await using var pair = await PairScenario.StartAsync(_azurite);
        var start = pair.Bot.Clock.GetUtcNow();
        var second = TestUser.Create("Noor Newcomer");
        await pair.RegisterAnotherMenteeAsync(second);
        var before = pair.SentTo(pair.Mentor).Count;

        pair.Bot.Clock.SetUtcNow(start.AddDays(3.1));
        await pair.Bot.RunJobsAsync();

        var reminders = pair.SentTo(pair.Mentor).Skip(before).Where(c => c.Text?.Contains("gentle reminder", StringComparison.Ordinal) == true).ToList();
        var aboutNoor = Assert.Single(reminders, c => c.Text!.Contains("with Noor Newcomer", StringComparison.Ordinal));
        Assert.Contains("They'll follow by themselves", aboutNoor.Text, StringComparison.Ordinal);
        // No card of Max's questions under Noor's name.
        Assert.Empty(aboutNoor.AdaptiveCards);
        var aboutMax = Assert.Single(reminders, c => c.Text!.Contains("with Max Mentee", StringComparison.Ordinal));
        Assert.Contains("About your mentoring with Max Mentee", aboutMax.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_the_questions_about_one_pair_over_those_about_another_keeps_the_interrupted_ones()
    {
        await using var pair = await PairScenario.StartAsync(_azurite);
        var noorPair = await pair.RegisterAnotherMenteeAsync(TestUser.Create("Noor Newcomer"));
        await pair.AnswerAllByTypingAsync(pair.Mentor, PairScenario.MentorTypedAnswers[..2]);
        var engine = pair.Bot.Host.Services.GetRequiredService<DialogEngine>();

        // As a revision of Noor's questions would start them: Max's, at question 3, must not be lost.
        await engine.BeginInPersonalChatAsync(pair.Pair.Mentor.Id, ExpectationsDialog.DialogId,
            ExpectationsDialogOptions.For(noorPair, PairRole.Mentor, previous: null).ToDictionary(), default);

        var state = (await pair.DialogOfAsync(pair.Mentor))!;
        Assert.Equal(noorPair.PairId, state.Option("pair"));
        var waiting = Assert.Single(state.Waiting);
        Assert.Equal(pair.Pair.PairId, waiting.Option("pair"));
        Assert.Equal(2, waiting.StepIndex);
    }
}
