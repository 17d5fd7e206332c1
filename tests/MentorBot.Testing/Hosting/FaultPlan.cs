namespace MentorBot.Testing;

/// <summary>
/// "Fail the next N calls with this status": shared by the stand-ins so tests can count retries.
/// Thread-safe; each call takes at most one planned failure.
/// </summary>
internal sealed class FaultPlan
{
    private readonly Lock _gate = new();
    private int _remaining;
    private int _statusCode;
    private TimeSpan? _retryAfter;

    public void FailNext(int count, int statusCode, TimeSpan? retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        lock (_gate)
        {
            _remaining = count;
            _statusCode = statusCode;
            _retryAfter = retryAfter;
        }
    }

    /// <summary>Takes one planned failure if any is left.</summary>
    public bool TryTake(out int statusCode, out TimeSpan? retryAfter)
    {
        lock (_gate)
        {
            if (_remaining > 0)
            {
                _remaining--;
                statusCode = _statusCode;
                retryAfter = _retryAfter;
                return true;
            }
        }

        statusCode = 0;
        retryAfter = null;
        return false;
    }

    public void Reset()
    {
        lock (_gate)
        {
            _remaining = 0;
        }
    }

    /// <summary>The error code each service puts in its error body for a status, close to what the real ones send.</summary>
    public static string ErrorCodeFor(int statusCode) => statusCode switch
    {
        400 => "BadSyntax",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        409 => "Conflict",
        412 => "PreconditionFailed",
        413 => "MessageSizeTooBig",
        429 => "Throttled",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => "InternalServerError",
    };
}
