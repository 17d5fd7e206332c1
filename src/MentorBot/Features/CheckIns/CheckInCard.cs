using System.Text.Json.Nodes;
using MentorBot.Cards;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.CheckIns;

/// <summary>
/// The informal check-in after a meeting: the meeting structure on a three-step scale, "No / Yes — what?" for what the
/// person needs and what the partner could do differently, a follow-up on each of their own open requests, an optional
/// line, "keep this private" and "I'd like the coordinator's help". In a pair chat the card also shows who has
/// answered, and what they said only when they did not keep it private.
/// </summary>
public static class CheckInCard
{
    public const string AnswerVerb = "checkin.answer";

    public const string StructureQuestion = "Is our meeting structure working for you?";
    public const string NeedQuestion = "Is there something you need from our meetings that we're not getting to?";

    private static readonly Choice[] Ratings =
    [
        new("Working well", "working"),
        new("Could be better", "better"),
        new("Not working", "not"),
    ];

    private static readonly Choice[] NoOrYes = [new("No", "no"), new("Yes — what?", "yes")];

    private static readonly Choice[] Happened = [new("Yes", "yes"), new("Partly", "partly"), new("No", "no")];

    public static string DifferentlyQuestion(string partnerName) => $"Is there something {partnerName} could do differently that would be more helpful?";

    /// <summary>The input naming whether <paramref name="kind"/> is asked for ("no"/"yes"), and the one with its words.</summary>
    public static (string Choice, string Words) InputsOf(RequestKind kind) => kind == RequestKind.Need ? ("needs", "needs-what") : ("differently", "differently-what");

    /// <summary>The input answering the follow-up of one party's open request.</summary>
    public static string FollowUpInput(PairRole role, RequestKind kind) => $"followup-{role.ToString().ToLowerInvariant()}-{kind.ToString().ToLowerInvariant()}";

    /// <param name="forPersonId">The party a personal chat's card is for; null for the pair chat's card, which both answer.</param>
    /// <param name="openRequests">Each party's own open requests, asked about only on that party's card (both in a pair chat).</param>
    public static AdaptiveCard Create(Pair pair, string meetingKey, string meetingWhen, string? forPersonId, IReadOnlyList<CheckInAnswer> answers,
        IReadOnlyDictionary<PairRole, IReadOnlyList<OpenRequest>>? openRequests = null)
    {
        var data = new JsonObject { ["program"] = pair.ProgramId, ["pair"] = pair.PairId, ["meeting"] = meetingKey };
        var forRole = forPersonId is null ? null : pair.RoleOf(forPersonId);
        if (forPersonId is not null)
        {
            data["for"] = forPersonId;
        }

        var partnerName = forRole is { } role ? pair.PartnerOf(role).Name : "your partner";
        var body = new List<CardElement>
        {
            TextBlock.Heading(forRole is { } r ? $"Quick check-in with {pair.PartnerOf(r).Name}" : "Quick check-in"),
            new TextBlock($"After your meeting {meetingWhen}. It takes a few seconds, and it helps the two of you adjust early."),
        };

        foreach (var (askedRole, requests) in openRequests ?? new Dictionary<PairRole, IReadOnlyList<OpenRequest>>())
        {
            if (forRole is not null && forRole != askedRole)
            {
                continue;
            }

            var who = forRole is null ? $"{pair.Party(askedRole).Name}, last time you" : "Last time you";
            foreach (var request in requests)
            {
                body.Add(new ChoiceSetInput(Happened)
                {
                    Id = FollowUpInput(askedRole, request.Kind),
                    Label = request.Kind == RequestKind.Need
                        ? $"{who} asked for \"{request.Text}\" — did it happen?"
                        : $"{who} asked {pair.PartnerOf(askedRole).Name} for \"{request.Text}\" — did it happen?",
                    Style = "expanded",
                });
            }
        }

        body.Add(new ChoiceSetInput(Ratings) { Id = "structure", Label = StructureQuestion, Style = "expanded", IsRequired = true, ErrorMessage = "Please choose one." });
        AddRequestQuestion(body, RequestKind.Need, NeedQuestion);
        AddRequestQuestion(body, RequestKind.Differently, DifferentlyQuestion(partnerName));
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

    private static void AddRequestQuestion(List<CardElement> body, RequestKind kind, string question)
    {
        var (choice, words) = InputsOf(kind);
        body.Add(new ChoiceSetInput(NoOrYes) { Id = choice, Label = question, Style = "expanded", IsRequired = true, ErrorMessage = "Please choose one." });
        body.Add(new TextInput { Id = words, Placeholder = "If yes, what? A few words", MaxLength = CheckInAnswerInput.MaxRequestLength });
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

            return answer.KeepPrivate ? $"{person.Name}: answered ✓" : $"{person.Name}: {CheckInWords.Summary(answer)}";
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
                : inPairChat || !answer.Requests.Any()
                    ? "If something could be better, the next meeting is a good moment to say so."
                    : "I've passed on what you asked for, so the two of you can pick it up at your next meeting."),
            .. (answer.WantsCoordinatorHelp ? new[] { new TextBlock("Your coordinator has been asked to get in touch.") } : []),
            .. (inPairChat ? new[] { new TextBlock(AnsweredLine(pair, answers)) { IsSubtle = true } } : []),
        ],
        FallbackText = "Thanks for checking in",
    };
}
