using MentorBot.Conversations;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.CheckIns;

/// <summary>What a check-in card's inputs say, read for the person who pressed Send; an error in plain words when incomplete.</summary>
public sealed record CheckInAnswerInput(
    CheckInRating Structure, CheckInRequest? Need, CheckInRequest? Differently, IReadOnlyList<CheckInFollowUp> FollowUps)
{
    public const int MaxRequestLength = 200;

    /// <param name="openRequests">The person's own open requests, from storage: only those are followed up.</param>
    public static CheckInAnswerInput? Read(CardActionInput action, PairRole role, IReadOnlyList<OpenRequest> openRequests, out string? error)
    {
        ArgumentNullException.ThrowIfNull(action);
        error = null;
        if (!CheckInRatings.TryParse(action.Get("structure"), out var structure)
            || !TryReadRequest(action, RequestKind.Need, out var need, ref error)
            || !TryReadRequest(action, RequestKind.Differently, out var differently, ref error))
        {
            error ??= "Please answer each of the three questions. Nothing was recorded yet.";
            return null;
        }

        var followUps = new List<CheckInFollowUp>();
        foreach (var request in openRequests)
        {
            // A card sent before the request existed has no such question: the follow-up waits for the next check-in.
            if (FollowUpOutcomes.TryParse(action.Get(CheckInCard.FollowUpInput(role, request.Kind)), out var outcome))
            {
                followUps.Add(new CheckInFollowUp(request.Kind, request.MeetingKey, outcome));
            }
        }

        return new CheckInAnswerInput(structure, need, differently, followUps);
    }

    private static bool TryReadRequest(CardActionInput action, RequestKind kind, out CheckInRequest? request, ref string? error)
    {
        var (choice, wordsInput) = CheckInCard.InputsOf(kind);
        request = null;
        switch (action.Get(choice))
        {
            case "no":
                return true;
            case "yes":
                var words = action.Get(wordsInput)?.Trim();
                if (string.IsNullOrEmpty(words))
                {
                    error = "You answered \"Yes\": please add a few words saying what, so it can be picked up. Nothing was recorded yet.";
                    return false;
                }

                request = new CheckInRequest(words.Length > MaxRequestLength ? words[..MaxRequestLength] : words);
                return true;
            default:
                return false;
        }
    }
}
