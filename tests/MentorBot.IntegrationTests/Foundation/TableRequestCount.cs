using Azure.Core;
using Azure.Core.Pipeline;

namespace MentorBot.IntegrationTests.Foundation;

/// <summary>Counts the requests a table client sends (each try), as Azurite sees them.</summary>
internal sealed class TableRequestCount : HttpPipelineSynchronousPolicy
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
}
