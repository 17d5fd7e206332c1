using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using MentorBot.Conversations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.Benchmarks;

/// <summary>
/// The baseline of the load benchmark (#17), "today's design", built around the unchanged product in the bench only:
/// the HTTP answer of <c>/api/messages</c> is held until the turn's saved replies have been sent (the product's own
/// delivery removes the turn's outbox row when its last step is done, so the answer follows the sends as it did when
/// replies went out inside the turn), and every call to Teams waits in one FIFO bucket for the process
/// (<see cref="SendPacer"/>, 48/s with a burst of 2) instead of the product's two lanes.
/// </summary>
internal static partial class TodaysDesign
{
    /// <summary>The product's tenant pacing set out of the way, so the FIFO bucket is the one that paces.</summary>
    public const string UnpacedRequestsPerSecond = "1000";

    public static void Apply(IWebHostBuilder builder, string connectionString)
    {
        var watch = new TurnRowWatch();
        var options = new TableClientOptions();
        options.AddPolicy(watch, HttpPipelinePosition.PerCall);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(new TableServiceClient(connectionString, options));
            services.AddSingleton<IStartupFilter>(new AnswerAfterReplies(watch));
        });
    }

    /// <summary>
    /// Sees the turn rows saved and removed, alone or inside a transaction ($batch, whose body names each row), and
    /// signals when each saved row is removed. Keyed by the row, not by the request's async flow: a batched write is
    /// committed on whichever turn's flow started the transaction.
    /// </summary>
    private sealed partial class TurnRowWatch : HttpPipelineSynchronousPolicy
    {
        private readonly ConcurrentDictionary<string, bool> _saved = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _removed = new(StringComparer.Ordinal);

        public override void OnSendingRequest(HttpMessage message)
        {
            ArgumentNullException.ThrowIfNull(message);
            var request = message.Request;
            var path = Uri.UnescapeDataString(request.Uri.ToUri().AbsolutePath);
            if (path.EndsWith("/$batch", StringComparison.Ordinal) && request.Content is { } content)
            {
                using var body = new MemoryStream();
                content.WriteTo(body, default);
                foreach (Match operation in BatchedTurnRow().Matches(Uri.UnescapeDataString(System.Text.Encoding.UTF8.GetString(body.ToArray()))))
                {
                    Note(operation.Groups["method"].Value, operation.Groups["key"].Value);
                }
            }
            else if (TurnRow().Match(path) is { Success: true } single)
            {
                Note(request.Method.ToString(), single.Groups["key"].Value);
            }
        }

        private void Note(string method, string rowKey)
        {
            if (method == "DELETE")
            {
                // PendingReplyStore.RemoveAsync: every step of the row is done.
                _removed.GetOrAdd(rowKey, NewSignal).TrySetResult();
            }
            else
            {
                // PendingReplyStore's save, in the turn's commit (InboundActivityLedger.CompleteAsync).
                _saved[rowKey] = true;
            }
        }

        /// <summary>When the turn's row was saved, a task that completes once it is removed; otherwise null.</summary>
        public Task? RemovalOf(string turnKey)
        {
            var rowKey = PendingReplyStore.RowKeyOf(turnKey);
            return _saved.TryRemove(rowKey, out _) ? _removed.GetOrAdd(rowKey, NewSignal).Task : null;
        }

        public void Forget(string turnKey) => _removed.TryRemove(PendingReplyStore.RowKeyOf(turnKey), out _);

        private static TaskCompletionSource NewSignal(string _) => new(TaskCreationOptions.RunContinuationsAsynchronously);

        [GeneratedRegex(@"InboundActivities\(PartitionKey='activities',RowKey='(?<key>%turn\|[^']*)'\)")]
        private static partial Regex TurnRow();

        [GeneratedRegex(@"(?<method>PUT|MERGE|PATCH|DELETE) \S*InboundActivities\(PartitionKey='activities',RowKey='(?<key>%turn\|[^']*)'\)")]
        private static partial Regex BatchedTurnRow();
    }

    private sealed class AnswerAfterReplies(TurnRowWatch watch) : IStartupFilter
    {
        private static readonly TimeSpan HoldAtMost = TimeSpan.FromSeconds(60);

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (!context.Request.Path.StartsWithSegments("/api/messages", StringComparison.Ordinal))
                {
                    await nextMiddleware(context);
                    return;
                }

                // The turn's key, as PendingReplies.Of makes it: the conversation and the activity's id.
                context.Request.EnableBuffering();
                string? turnKey = null;
                try
                {
                    using var activity = await System.Text.Json.JsonDocument.ParseAsync(context.Request.Body);
                    turnKey = activity.RootElement.GetProperty("conversation").GetProperty("id").GetString() + "|" + activity.RootElement.GetProperty("id").GetString();
                }
                catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
                {
                    // Not an activity with ids: no row to wait for.
                }

                context.Request.Body.Position = 0;
                var body = context.Response.Body;
                using var buffered = new MemoryStream();
                context.Response.Body = buffered;
                try
                {
                    await nextMiddleware(context);
                    if (turnKey is not null && watch.RemovalOf(turnKey) is { } removed)
                    {
                        await removed.WaitAsync(HoldAtMost).ContinueWith(_ => { }, TaskScheduler.Default);
                        watch.Forget(turnKey);
                    }
                }
                finally
                {
                    context.Response.Body = body;
                }

                buffered.Position = 0;
                await buffered.CopyToAsync(body, context.RequestAborted);
            });
            next(app);
        };
    }
}
