using System.Text.Json.Nodes;
using MentorBot.Cards;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.MentorCohorts;

/// <summary>The monthly peer-cohort reminder, posted in the cohort's channel.</summary>
public static class PeerReminderCard
{
    /// <summary>
    /// The reminder, with the meeting's join link when it was created through Graph, or else a link that opens a new
    /// Teams meeting with its subject only: the channel is where the anonymous digest is posted, so it never lists
    /// the mentors' addresses (those invited through Graph get the meeting in their calendars).
    /// </summary>
    public static AdaptiveCard Create(string cohortName, string month, Uri? meetingLink = null)
    {
        var actions = new List<CardAction>();
        if (meetingLink is not null)
        {
            actions.Add(new OpenUrlAction("Join the peer-cohort meeting", meetingLink));
        }
        else
        {
            var link = "https://teams.microsoft.com/l/meeting/new?subject=" + Uri.EscapeDataString($"Mentor peer cohort — {cohortName}");
            actions.Add(new OpenUrlAction("Schedule the peer-cohort meeting", new Uri(link)));
        }

        return new AdaptiveCard
        {
            Body =
            [
                TextBlock.Heading($"Mentor peer cohort — {CohortMonth.Name(month)}"),
                new TextBlock($"This month's peer-cohort meeting for the mentors of {cohortName} is coming up. Bring one challenge and one thing that " +
                    "worked: the other mentors have met the same questions. What you share here stays among mentors."),
            ],
            Actions = actions.Count == 0 ? null : actions,
            FallbackText = $"Mentor peer cohort — {CohortMonth.Name(month)}",
        };
    }
}

/// <summary>The monthly accountability card to a mentor, in their personal chat. Only that mentor can answer it.</summary>
public static class AccountabilityCard
{
    public const string AnswerVerb = "accountability/answer";

    private static readonly IReadOnlyList<Choice> Going =
    [
        new("Very well", "5"), new("Well", "4"), new("OK", "3"), new("Not so well", "2"), new("Badly", "1"),
    ];

    public static AdaptiveCard Create(Pair pair, string month)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var data = new JsonObject { ["program"] = pair.ProgramId, ["pair"] = pair.PairId, ["month"] = month, ["for"] = pair.Mentor.Id };
        return new AdaptiveCard
        {
            Body =
            [
                TextBlock.Heading($"Your month as a mentor — {CohortMonth.Name(month)}"),
                TextBlock.Subtle($"About your mentoring of {pair.Mentee.Name}. A minute is enough; every answer is optional except the first."),
                new ChoiceSetInput(Going) { Id = "going", Label = "How is the relationship going?", IsRequired = true, ErrorMessage = "Please choose one.", Style = "expanded" },
                new TextInput { Id = "challenge", Label = "A challenge you met", IsMultiline = true, MaxLength = 500 },
                new TextInput { Id = "worked", Label = "Something that worked", IsMultiline = true, MaxLength = 500 },
                new TextInput { Id = "learning", Label = "What are you learning from your mentee?", IsMultiline = true, MaxLength = 500 },
                new ToggleInput("Share these answers anonymously in the cohort digest (never with your name or your mentee's)") { Id = "share", Value = "false" },
            ],
            Actions = [new ExecuteAction("Send", AnswerVerb, data)],
            FallbackText = "Your month as a mentor",
        };
    }

    public static AdaptiveCard Thanks(AccountabilityAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new AdaptiveCard
        {
            Body =
            [
                TextBlock.Heading($"Thank you — {CohortMonth.Name(answer.Month)}"),
                new TextBlock(answer.ShareAnonymously
                    ? "Your answers will appear, without any name, in next month's digest for your mentor cohort."
                    : "Your answers stay in your pairing's record for the program's coordinators; they will not appear in the cohort digest."),
            ],
            FallbackText = "Thank you",
        };
    }
}

/// <summary>The monthly digest in the cohort channel: what mentors chose to share, never with names.</summary>
public static class CohortDigestCard
{
    public static AdaptiveCard Create(string cohortName, string month, IReadOnlyList<AccountabilityAnswer> shared)
    {
        ArgumentNullException.ThrowIfNull(shared);
        var body = new List<CardElement>
        {
            TextBlock.Heading($"What mentors shared — {CohortMonth.Name(month)}"),
            TextBlock.Subtle($"From the mentors of {cohortName} who chose to share, without names."),
        };
        if (shared.Count == 0)
        {
            body.Add(new TextBlock("No one shared answers this month. The accountability card asks again next month."));
        }

        foreach (var group in new (string Title, Func<AccountabilityAnswer, string?> Text)[]
                 {
                     ("Challenges", a => a.Challenge), ("What worked", a => a.WhatWorked), ("Learning from mentees", a => a.LearningFromMentee),
                 })
        {
            var texts = shared.Select(group.Text).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim()).Order(StringComparer.Ordinal).ToList();
            if (texts.Count > 0)
            {
                body.Add(new TextBlock(group.Title) { Weight = "Bolder", Spacing = "Medium" });
                body.AddRange(texts.Select(t => new TextBlock($"• {t}")));
            }
        }

        return new AdaptiveCard { Body = body, FallbackText = $"What mentors shared — {CohortMonth.Name(month)}" };
    }
}
