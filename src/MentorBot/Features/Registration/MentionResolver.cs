using MentorBot.Conversations;
using MentorBot.Protocol.Connector;

namespace MentorBot.Features.Registration;

/// <summary>
/// Turns the people of a "register" message into what registration accepts: a typed UPN or email as is, an @mention as
/// the Entra object id, read from the team's member list when the mention does not carry it (protocol.md C, G5).
/// </summary>
public sealed class MentionResolver
{
    private readonly ConnectorClient _connector;

    public MentionResolver(ConnectorClient connector)
    {
        _connector = connector;
    }

    /// <summary>The id or address to register by, or the problem to tell the coordinator.</summary>
    public async Task<(string? Id, string? Problem)> ResolveAsync(Turn turn, PersonReference person, CancellationToken cancellationToken)
    {
        if (person.Mention is not { } mention)
        {
            return (person.Typed, null);
        }

        if (!string.IsNullOrEmpty(mention.EntraObjectId))
        {
            return (mention.EntraObjectId, null);
        }

        var serviceUrl = turn.Activity.ServiceUrl;
        if (string.IsNullOrEmpty(serviceUrl))
        {
            return (null, $"I can't look up {person.Display} from here");
        }

        // A team's members are read through the team (its id is the General channel's); a chat's through the chat.
        var conversation = turn.Activity.ChannelData?.Team?.Id ?? turn.ConversationId.Split(';')[0];
        try
        {
            var member = await _connector.GetMemberAsync(serviceUrl, conversation, mention.TeamsId, cancellationToken).ConfigureAwait(false);
            return member?.EntraObjectId is { Length: > 0 } id
                ? (id, null)
                : (null, $"{person.Display} has no directory account I can register (a guest or anonymous user?)");
        }
        catch (ConnectorException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return (null, $"{person.Display} is not a member of this team; type their email address instead");
        }
        catch (Exception ex) when ((ex is ConnectorException or HttpRequestException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
        {
            return (null, $"Teams did not tell me who {person.Display} is just now; try again in a minute or type their email address");
        }
    }
}
