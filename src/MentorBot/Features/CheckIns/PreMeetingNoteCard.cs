using MentorBot.Cards;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.CheckIns;

/// <summary>
/// The short note a party gets before a meeting: the agreed focus, what each asked for last time (only what was not
/// kept private) and one question to open the conversation with.
/// </summary>
public static class PreMeetingNoteCard
{
    /// <summary>The seed's check-in questions, one of which opens the conversation.</summary>
    public static IReadOnlyList<string> OpeningQuestions { get; } =
    [
        CheckInCard.StructureQuestion,
        "Is there something you need from our meetings that we're not getting to?",
        "Is there something your partner could do differently that would be more helpful?",
    ];

    public static AdaptiveCard Create(
        Pair pair, PairRole reader, string meetingWhen, string? focus, IReadOnlyDictionary<PairRole, IReadOnlyList<OpenRequest>> sharedRequests, string openingQuestion)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(sharedRequests);
        var partner = pair.PartnerOf(reader);
        var lines = new List<CardElement> { TextBlock.Heading($"Before your meeting with {partner.Name} {meetingWhen}") };
        if (focus is not null)
        {
            lines.Add(new TextBlock($"Your agreed focus: {focus}"));
        }

        foreach (var role in new[] { reader, reader == PairRole.Mentor ? PairRole.Mentee : PairRole.Mentor })
        {
            var who = role == reader ? "You" : pair.Party(role).Name;
            foreach (var request in sharedRequests.TryGetValue(role, out var requests) ? requests : [])
            {
                lines.Add(new TextBlock(request.Kind == RequestKind.Need
                    ? $"{who} asked last time for: {request.Text}"
                    : $"{who} suggested last time: {request.Text}"));
            }
        }

        lines.Add(new TextBlock($"To open the conversation: \"{openingQuestion}\"") { IsSubtle = true });
        return new AdaptiveCard { Body = lines, FallbackText = $"Before your meeting with {partner.Name}" };
    }
}
