using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
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

    /// <summary>Sees the turn rows saved inside a request (async-local) and signals when each is removed.</summary>
    private sealed partial class TurnRowWatch : HttpPipelineSynchronousPolicy
    {
        private static readonly AsyncLocal<StrongBox?> Current = new();
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _removed = new(StringComparer.Ordinal);

        public sealed class StrongBox
        {
            public TaskCompletionSource? Removed { get; set; }
        }

        public static StrongBox Begin() => Current.Value = new StrongBox();

        public override void OnSendingRequest(HttpMessage message)
        {
            ArgumentNullException.ThrowIfNull(message);
            var path = Uri.UnescapeDataString(message.Request.Uri.ToUri().AbsolutePath);
            var match = TurnRow().Match(path);
            if (!match.Success)
            {
                return;
            }

            var key = match.Groups["key"].Value;
            if (message.Request.Method == RequestMethod.Put && Current.Value is { Removed: null } box)
            {
                // PendingReplyStore.SaveAsync upserts the row inside the turn.
                box.Removed = _removed.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }
            else if (message.Request.Method == RequestMethod.Delete && _removed.TryRemove(key, out var removed))
            {
                // PendingReplyStore.RemoveAsync: every step of the row is done.
                removed.TrySetResult();
            }
        }

        [GeneratedRegex(@"Outbox\(PartitionKey='turns',RowKey='(?<key>[^']*)'\)")]
        private static partial Regex TurnRow();
    }

    private sealed class AnswerAfterReplies(TurnRowWatch watch) : IStartupFilter
    {
        private static readonly TimeSpan HoldAtMost = TimeSpan.FromSeconds(60);

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            _ = watch;
            app.Use(async (context, nextMiddleware) =>
            {
                if (!context.Request.Path.StartsWithSegments("/api/messages", StringComparison.Ordinal))
                {
                    await nextMiddleware(context);
                    return;
                }

                var box = TurnRowWatch.Begin();
                var body = context.Response.Body;
                using var buffered = new MemoryStream();
                context.Response.Body = buffered;
                try
                {
                    await nextMiddleware(context);
                    if (box.Removed is { } removed)
                    {
                        await removed.Task.WaitAsync(HoldAtMost).ContinueWith(_ => { }, TaskScheduler.Default);
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
