// Every card the bot can send, rendered with realistic sample data. The tests in this project validate each
// sample with tools/cards/validate-cards.mjs (the official adaptivecards package plus Teams rules) and check
// its version and size.
//
// TO ADD A CARD
//   1. Add "YourCard.Create" (declaring type + method name) to Covers. A public static method in MentorBot
//      that returns AdaptiveCard and is not listed there fails CatalogTests.
//   2. Add a section below (a private method yielding samples) and one line for it in All(). Give a sample for
//      every state or variant the card has, with awkward data from SampleData (long names, unicode, long text).
//   3. Sample names become file names: lowercase letters, digits and dashes, unique, "feature-variant".
//   A card built inline (not through a static factory) cannot be found by reflection: prefer moving it into a
//   factory; until then, render an equivalent here and say where it lives.
using MentorBot.Conversations.Dialogs;
using MentorBot.Features.CheckIns;
using MentorBot.Features.Closure;
using MentorBot.Features.Escalations;
using MentorBot.Features.Help;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Features.Welcome;
using MentorBot.Protocol.Schema;

namespace MentorBot.Cards.Tests;

public static class CardSamples
{
    /// <summary>The card factories (DeclaringType.Method) the samples below exercise.</summary>
    public static IReadOnlyList<string> Covers { get; } =
    [
        "HelpCard.Create",
        "WelcomeCard.Create",
        "PromptCard.Render",
        "PromptCard.Answered",
        "ProgramCard.Create",
        "AlertCard.Create",
        "PairIntroduction.Card",
        "CheckInCard.Create",
        "CheckInCard.Thanks",
        "ClosureCard.Create",
    ];

    public static IEnumerable<(string Name, AdaptiveCard Card)> All() =>
        Help()
            .Concat(Welcome())
            .Concat(Prompts())
            .Concat(Programs())
            .Concat(Escalations())
            .Concat(Pairs())
            .Concat(CheckIns())
            .Concat(Closure());

    private static IEnumerable<(string Name, AdaptiveCard Card)> Help()
    {
        var commands = SampleData.Commands();
        yield return ("help-personal", HelpCard.Create(commands, ConversationTypes.Personal));
        yield return ("help-group-chat", HelpCard.Create(commands, ConversationTypes.GroupChat));
        yield return ("help-channel", HelpCard.Create(commands, ConversationTypes.Channel));
    }

    private static IEnumerable<(string Name, AdaptiveCard Card)> Welcome()
    {
        yield return ("welcome-personal", WelcomeCard.Create(ConversationTypes.Personal, SampleData.LongName));
        yield return ("welcome-personal-unicode-name", WelcomeCard.Create(ConversationTypes.Personal, SampleData.UnicodeName));
        yield return ("welcome-personal-no-name", WelcomeCard.Create(ConversationTypes.Personal, null));
        yield return ("welcome-group-chat", WelcomeCard.Create(ConversationTypes.GroupChat, SampleData.CjkName));
        yield return ("welcome-channel", WelcomeCard.Create(ConversationTypes.Channel, null));
    }

    private static IEnumerable<(string Name, AdaptiveCard Card)> Prompts()
    {
        var dialog = new SampleDialog();
        var answered = SampleDialog.StateAt(0);
        var steps = dialog.Steps(answered);

        yield return ("prompt-text-first-step", PromptCard.Render(dialog, SampleDialog.StateAt(0), steps[0], steps.Count, SampleData.UserId, null));
        yield return ("prompt-choice-with-problem", PromptCard.Render(dialog, SampleDialog.StateAt(1, ("goals", SampleData.LongText)), steps[1], steps.Count, SampleData.UserId,
            "\"sometimes\" is not one of the answers. 1. Every week  2. Every two weeks  3. Once a month"));
        yield return ("prompt-multi-choice-previous-answer", PromptCard.Render(dialog, SampleDialog.StateAt(2, ("topics", "topic-1,topic-5,topic-12")), steps[2], steps.Count, SampleData.UserId, null));
        yield return ("prompt-optional-text-previous-answer", PromptCard.Render(dialog, SampleDialog.StateAt(3, ("private", SampleData.LongText)), steps[3], steps.Count, SampleData.UserId, null));
        yield return ("prompt-answered", PromptCard.Answered(steps[1].Prompt.Question, "Every two weeks, 随时 if needed 🙂"));
        yield return ("prompt-answered-long", PromptCard.Answered(steps[0].Prompt.Question, SampleData.LongText + SampleData.LongText));
        yield return ("prompt-answered-skipped", PromptCard.Answered(steps[3].Prompt.Question, string.Empty));
    }

    private static IEnumerable<(string Name, AdaptiveCard Card)> Programs()
    {
        yield return ("program-set-up", ProgramCard.Create(SampleData.Program(), $"{SampleData.ProgramName} is set up"));
        yield return ("program-settings-no-channel-name", ProgramCard.Create(SampleData.Program(channelName: null), "Program settings"));
    }

    private static IEnumerable<(string Name, AdaptiveCard Card)> Escalations()
    {
        yield return ("alert-open", AlertCard.Create(SampleData.Alert(AlertState.Open)));
        yield return ("alert-acknowledged", AlertCard.Create(SampleData.Alert(AlertState.Acknowledged)));
        yield return ("alert-resolved", AlertCard.Create(SampleData.Alert(AlertState.Resolved)));
        yield return ("alert-open-minimal", AlertCard.Create(SampleData.Alert(AlertState.Open) with
        {
            PairDescription = null,
            Details = null,
            Parties = [],
        }));
        yield return ("alerts-list-50-open", OpenAlertsList(Enumerable.Range(0, 50).Select(i => SampleData.Alert(i % 2 == 0 ? AlertState.Open : AlertState.Acknowledged, i)).ToList()));
    }

    private static IEnumerable<(string Name, AdaptiveCard Card)> Pairs()
    {
        yield return ("pair-introduction-mentor", PairIntroduction.Card(SampleData.Pair(), PairRole.Mentor, SampleData.Program()));
        yield return ("pair-introduction-mentee", PairIntroduction.Card(SampleData.Pair(), PairRole.Mentee, SampleData.Program()));
        yield return ("pair-introduction-no-focus", PairIntroduction.Card(SampleData.Pair() with { Focus = null }, PairRole.Mentee, SampleData.Program()));
    }

    private static IEnumerable<(string Name, AdaptiveCard Card)> CheckIns()
    {
        var pair = SampleData.Pair();
        var meeting = "AAMkAGI2TG93AAA=/2025-11-03T14:00:00Z";
        var when = "on Monday 3 November at 14:00 — “Quarterly goals & career chat 🚀”";
        var open = SampleData.CheckIn(pair.Mentor.Id, keepPrivate: false, wantsHelp: false);
        var hidden = SampleData.CheckIn(pair.Mentee.Id, keepPrivate: true, wantsHelp: true);

        yield return ("checkin-personal", CheckInCard.Create(pair, meeting, when, pair.Mentee.Id, []));
        yield return ("checkin-pair-chat-none-answered", CheckInCard.Create(pair, meeting, when, null, []));
        yield return ("checkin-pair-chat-both-answered", CheckInCard.Create(pair, meeting, when, null, [open, hidden]));
        yield return ("checkin-thanks-shared", CheckInCard.Thanks(open, pair, [open], inPairChat: false));
        yield return ("checkin-thanks-private-wants-help-pair-chat", CheckInCard.Thanks(hidden, pair, [open, hidden], inPairChat: true));
    }

    private static IEnumerable<(string Name, AdaptiveCard Card)> Closure()
    {
        foreach (var reason in Enum.GetValues<ClosureReason>())
        {
            yield return ($"closure-{reason.ToString().ToLowerInvariant()}", ClosureCard.Create(SampleData.Pair(), PairRole.Mentee, reason));
        }
    }

    /// <summary>
    /// The card AlertsCommand.HandleAsync builds inline ("alerts" in a coordinators channel), rendered the same way.
    /// Moving it into a factory (e.g. OpenAlertsCard.Create) would let this sample call the real code.
    /// </summary>
    private static AdaptiveCard OpenAlertsList(List<EscalationAlert> open) => new()
    {
        Body =
        [
            TextBlock.Heading($"Open alerts: {SampleData.ProgramName}"),
            new FactSet(open.Select(a => new Fact(a.RaisedAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                $"{a.Reason} — {a.PairDescription ?? "program"} ({a.State.ToString().ToLowerInvariant()})")).ToList()),
        ],
        FallbackText = $"{open.Count} open alerts",
    };
}
