using System.Text.Json.Nodes;
using MentorBot.Cards;

namespace MentorBot.Features.Rematch;

/// <summary>What the requester sees about their own request, in their personal chat only.</summary>
public static class RematchRequestCard
{
    public const string WithdrawVerb = "rematch.withdraw";

    public static AdaptiveCard Create(RematchRequest request, string partnerName)
    {
        var (heading, text) = request.State switch
        {
            RematchState.Withdrawn => ("You withdrew your request",
                $"Nothing was said to {partnerName}, and your pairing carries on as before."),
            RematchState.Kept => ("Your coordinator has looked at your request",
                $"For now, your pairing with {partnerName} continues. Your coordinator may get in touch to talk it through. {partnerName} has not been told about your request."),
            RematchState.Rematched => ("Your coordinator has acted on your request",
                $"Your pairing with {partnerName} has been closed, and your coordinator will be in touch about a new match. {partnerName} was only told that the pairing was closed."),
            _ => ("Your request is with your coordinator",
                $"This is about your pairing with {partnerName}. {partnerName} has not been told and won't be told who asked or why. Your coordinator may get in touch to talk it through."),
        };

        var body = new List<CardElement>
        {
            TextBlock.Heading(heading),
            new TextBlock(text),
            new FactSet(
            [
                new Fact("Reason", RematchReasons.CategoryText(request.Category)),
                new Fact("Urgency", RematchReasons.UrgencyText(request.Urgency)),
            ]),
        };
        if (!string.IsNullOrWhiteSpace(request.Details))
        {
            body.Add(TextBlock.Subtle($"You wrote: {request.Details}"));
        }

        List<CardAction>? actions = null;
        if (request.IsOpen)
        {
            body.Add(TextBlock.Subtle("Changed your mind? You can withdraw it while your coordinator hasn't decided, or type \"rematch withdraw\"."));
            var data = new JsonObject
            {
                ["program"] = request.ProgramId,
                ["pair"] = request.PairId,
                ["request"] = request.RequestId,
                ["for"] = request.RequesterId,
            };
            actions = [new ExecuteAction("Withdraw my request", WithdrawVerb, data)];
        }

        return new AdaptiveCard { Body = body, Actions = actions, FallbackText = heading };
    }
}
