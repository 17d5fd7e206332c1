using MentorBot.Protocol.Authentication;
using MentorBot.Protocol.Schema;

namespace MentorBot.Protocol.Hosting;

/// <summary>
/// What the application does with an authenticated activity. For an invoke it returns the response that
/// goes back in the HTTP body; for anything else it returns null once the activity is safely recorded.
/// </summary>
public interface IActivityProcessor
{
    Task<InvokeResponse?> ProcessAsync(Activity activity, ChannelIdentity identity, CancellationToken cancellationToken);
}
