using Microsoft.Extensions.Logging;

namespace MentorBot.Conversations;

/// <summary>
/// Watches the connector for messages sent or updated while a turn is still being handled: each would make the person
/// who acted wait on the channel (its 429s and retries) before getting their answer. Logged as an error for operators;
/// refused outright when <c>Conversations:RefuseSendsInsideTurns</c> is set, as the tests do, so none goes unnoticed.
/// Reads (a member lookup a turn needs for its answer) pass.
/// </summary>
public sealed partial class SendsInsideTurnGuard : DelegatingHandler
{
    private readonly bool _refuse;
    private readonly ILogger<SendsInsideTurnGuard> _logger;

    public SendsInsideTurnGuard(bool refuse, ILogger<SendsInsideTurnGuard> logger)
    {
        _refuse = refuse;
        _logger = logger;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (TurnScope.IsActive && request.Method != HttpMethod.Get)
        {
            var path = request.RequestUri?.AbsolutePath ?? string.Empty;
            LogSendInsideTurn(request.Method.Method);
            if (_refuse)
            {
                throw new InvalidOperationException(
                    $"{request.Method} {path} was called while a turn was being handled; turns send through Turn.Reply, Turn.UpdateCardIn or Turn.RunAfter.");
            }
        }

        return base.SendAsync(request, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Method} to the channel was made inside a turn, before its answer; it should follow the answer")]
    private partial void LogSendInsideTurn(string method);
}
