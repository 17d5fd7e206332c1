using System.Text.Json.Nodes;
using MentorBot.Cards;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.CheckIns;

/// <summary>
/// The informal check-in after a meeting: three questions answered in seconds, an optional line, "keep this
/// private" and "I'd like the coordinator's help". In a pair chat the card also shows who has answered, and
/// what they said only when they did not keep it private.
/// </summary>
public static class CheckInCard
{
    public const string AnswerVerb = "checkin.answer";

    public static readonly (string Id, string Question)[] Questions =
    [
        ("structure", "Is our meeting structure working for you?"),
        ("needs", "Is there something you need from our meetings that we're not getting to?"),
        ("differently", "Is there something I could do differently that would be more helpful?"),
    ];

    private static readonly Choice[] Ratings =
    [
        new("Working well", "working"),
        new("Could be better", "better"),
        new("Not working", "not"),
    ];

    public static AdaptiveCard Create(Pair pair, string meetingKey, string meetingWhen, string? forPersonId, IReadOnlyList<CheckInAnswer> answers)
    {
        var data = new JsonObject { ["program"] = pair.ProgramId, ["pair"] = pair.PairId, ["meeting"] = meetingKey };
        if (forPersonId is not null)
        {
            data["for"] = forPersonId;
        }

        var body = new List<CardElement>
        {
            TextBlock.Heading("Quick check-in"),
            new TextBlock($"After your meeting {meetingWhen}. It takes a few seconds, and it helps the two of you adjust early."),
        };
        foreach (var (id, question) in Questions)
        {
            body.Add(new ChoiceSetInput(Ratings)
            {
                Id = id,
                Label = question,
                Style = "expanded",
                IsRequired = true,
                ErrorMessage = "Please choose one.",
            });
        }

        body.Add(new TextInput { Id = "note", Label = "Anything to add? (optional)", IsMultiline = true, MaxLength = 500 });
        body.Add(new ToggleInput("Keep this private: my partner only sees that I answered") { Id = "private" });
        body.Add(new ToggleInput("I'd like the coordinator's help") { Id = "help" });

        if (forPersonId is null)
        {
            body.Add(new TextBlock(AnsweredLine(pair, answers)) { Separator = true, IsSubtle = true });
        }

        return new AdaptiveCard
        {
            Body = body,
            Actions = [new ExecuteAction("Send", AnswerVerb, data)],
            FallbackText = "Quick check-in after your meeting",
        };
    }

    /// <summary>Who has answered; a private answer shows only that it exists.</summary>
    public static string AnsweredLine(Pair pair, IReadOnlyList<CheckInAnswer> answers)
    {
        string For(Person person)
        {
            var answer = answers.FirstOrDefault(a => string.Equals(a.PersonId, person.Id, StringComparison.OrdinalIgnoreCase));
            if (answer is null)
            {
                return $"{person.Name}: not yet";
            }

            return answer.KeepPrivate
                ? $"{person.Name}: answered ✓"
                : $"{person.Name}: structure {CheckInRatings.Text(answer.Structure)}, needs {CheckInRatings.Text(answer.Needs)}, " +
                  $"doing differently {CheckInRatings.Text(answer.Differently)}";
        }

        return $"{For(pair.Mentor)} · {For(pair.Mentee)}";
    }

    /// <summary>What the person sees after answering, in place of the form.</summary>
    public static AdaptiveCard Thanks(CheckInAnswer answer, Pair pair, IReadOnlyList<CheckInAnswer> answers, bool inPairChat) => new()
    {
        Body =
        [
            TextBlock.Heading("Thanks for checking in"),
            new TextBlock(answer.KeepPrivate
                ? "Your answer is private: your partner only sees that you answered."
                : "If something could be better, the next meeting is a good moment to say so."),
            .. (answer.WantsCoordinatorHelp ? new[] { new TextBlock("Your coordinator has been asked to get in touch.") } : []),
            .. (inPairChat ? new[] { new TextBlock(AnsweredLine(pair, answers)) { IsSubtle = true } } : []),
        ],
        FallbackText = "Thanks for checking in",
    };
}
